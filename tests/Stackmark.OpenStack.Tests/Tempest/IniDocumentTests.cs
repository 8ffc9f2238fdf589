namespace Stackmark.OpenStack.Tests.Tempest;

public sealed class IniDocumentTests
{
    [Fact]
    public void Writer_output_is_canonical_and_byte_stable()
    {
        var a = new IniDocument().Set("service_available", "swift", "true").Set("DEFAULT", "debug", "true").Set("auth", "b", "2").Set("auth", "a", "1");
        var b = new IniDocument().Set("auth", "a", "1").Set("auth", "b", "2").Set("DEFAULT", "debug", "true").Set("service_available", "swift", "true");

        var text = a.Sorted().ToString();

        Assert.Equal("[DEFAULT]\ndebug = true\n\n[auth]\na = 1\nb = 2\n\n[service_available]\nswift = true\n", text);
        Assert.Equal(text, b.Sorted().ToString());
    }

    [Fact]
    public void Dollar_signs_are_escaped_for_oslo_config_and_restored_by_the_parser()
    {
        var doc = new IniDocument().Set("auth", "admin_password", "pa$$w$rd").Set("auth", "empty", string.Empty);

        var text = doc.ToString();
        var back = IniDocument.Parse(text);

        Assert.Contains("admin_password = pa$$$$w$$rd", text, StringComparison.Ordinal);
        Assert.Contains("empty =\n", text, StringComparison.Ordinal);
        Assert.Equal("pa$$w$rd", back.Get("auth", "admin_password"));
        Assert.Equal(string.Empty, back.Get("auth", "empty"));
    }

    [Fact]
    public void Redacted_copy_hides_passwords_and_secrets_only()
    {
        var doc = new IniDocument().Set("auth", "admin_password", "x").Set("identity", "alt_password", "y")
            .Set("x", "application_credential_secret", "z").Set("identity", "username", "demo");

        var redacted = doc.Redacted();

        Assert.Equal(IniDocument.RedactedValue, redacted.Get("auth", "admin_password"));
        Assert.Equal(IniDocument.RedactedValue, redacted.Get("identity", "alt_password"));
        Assert.Equal(IniDocument.RedactedValue, redacted.Get("x", "application_credential_secret"));
        Assert.Equal("demo", redacted.Get("identity", "username"));
        Assert.Equal("x", doc.Get("auth", "admin_password"));
    }

    [Fact]
    public void Set_keeps_the_position_and_remove_drops_empty_sections()
    {
        var doc = new IniDocument().Set("s", "a", "1").Set("s", "b", "2").Set("s", "a", "3");

        Assert.Equal(["a", "b"], doc.Entries("s").Select(e => e.Key));
        Assert.Equal("3", doc.Get("s", "a"));
        Assert.True(doc.Remove("s", "a"));
        Assert.True(doc.Remove("s", "b"));
        Assert.Empty(doc.Sections);
        Assert.False(doc.Remove("s", "b"));
    }

    [Fact]
    public void Values_with_line_breaks_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new IniDocument().Set("s", "k", "a\nb"));
    }

    [Fact]
    public void Parser_reads_comments_colons_and_reports_bad_lines()
    {
        var doc = IniDocument.Parse("# c\n[identity]\nuri: http://k/v3\n; c\nregion = R1\r\n");

        Assert.Equal("http://k/v3", doc.Get("identity", "uri"));
        Assert.Equal("R1", doc.Get("identity", "region"));
        Assert.Throws<FormatException>(() => IniDocument.Parse("key = outside"));
        Assert.Throws<FormatException>(() => IniDocument.Parse("[s]\nnonsense"));
    }

    [Fact]
    public void Written_file_is_owner_only()
    {
        var path = Path.Combine(Path.GetTempPath(), $"stackmark-{Guid.NewGuid():N}.conf");
        try
        {
            new IniDocument().Set("auth", "admin_password", "x").WriteFile(path);

            Assert.Equal("[auth]\nadmin_password = x\n", File.ReadAllText(path));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
