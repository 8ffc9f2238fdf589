using System.Text.RegularExpressions;

namespace Stackmark.OpenStack.Tests.Cleanup;

/// <summary>The table against the installed Tempest (Debian's python3-tempest): each entry's test and evidence are still there.</summary>
public sealed partial class PristinePreconditionsTempestTests
{
    private const string Tempest = "/usr/lib/python3/dist-packages/tempest";

    public static TheoryData<string> Tests => [.. PristinePreconditions.All.Select(p => p.Test)];

    [SkippableTheory]
    [MemberData(nameof(Tests))]
    public void Entry_still_exists_with_its_id_and_still_asserts_what_it_quotes(string test)
    {
        Skip.IfNot(Directory.Exists(Tempest), "python3-tempest is not installed");
        var entry = PristinePreconditions.All.Single(p => p.Test == test);
        Assert.Equal("tempest." + entry.File[..^3].Replace('/', '.') + "." + entry.ShortName, entry.Test);
        var source = File.ReadAllText(Path.Combine(Tempest, entry.File));

        var body = ClassBody(source, entry.Class);
        var method = MethodBody(body, entry.Method, out var decorators);
        Assert.Contains($"@decorators.idempotent_id('{entry.IdempotentId}')", decorators, StringComparison.Ordinal);
        var evidence = entry.EvidenceMethod == entry.Method ? method : MethodBody(body, entry.EvidenceMethod, out _);
        Assert.Contains(entry.Evidence, evidence, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Account_tests_name_their_containers_as_the_ranges_assume()
    {
        Skip.IfNot(Directory.Exists(Tempest), "python3-tempest is not installed");
        var source = File.ReadAllText(Path.Combine(Tempest, "api/object_storage/test_account_services.py"));

        // Six containers a..f, named by the line below; Python 3 formats bytes((97,)) as "b'a'".
        Assert.Contains("for i in range(ord('a'), ord('f') + 1):", source, StringComparison.Ordinal);
        const string naming = "data_utils.rand_name(name='%s-' % bytes((i,)))";
        Assert.Contains("name = " + naming, source, StringComparison.Ordinal);
        var made = await MakeNamesAsync(naming);

        Assert.Equal(6, made.Count);
        var bounds = PristinePreconditions.All.SelectMany(p => new[] { p.Requirement.From, p.Requirement.Through }).OfType<string>().Distinct().ToList();
        Assert.Equal(["tempest-b'a'--", "tempest-b'd'--", "tempest-b'f'--"], bounds.Order(StringComparer.Ordinal));
        Assert.All(bounds, b => Assert.Single(made, n => n.StartsWith(b, StringComparison.Ordinal)));
    }

    // The names Tempest's own code makes, by running it (python3 with the installed tempest package).
    private static async Task<IReadOnlyList<string>> MakeNamesAsync(string naming)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"from tempest.lib.common.utils import data_utils\nfor i in range(ord('a'), ord('f') + 1):\n    print({naming})");
        using var python = System.Diagnostics.Process.Start(psi)!;
        var output = await python.StandardOutput.ReadToEndAsync();
        var error = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.True(python.ExitCode == 0, error);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string ClassBody(string source, string name)
    {
        var start = source.IndexOf($"\nclass {name}(", StringComparison.Ordinal);
        Assert.True(start >= 0, $"class {name} not found");
        var next = TopLevel().Match(source, start + 2); // past the class line itself
        return next.Success ? source[start..next.Index] : source[start..];
    }

    private static string MethodBody(string classBody, string name, out string decorators)
    {
        var def = classBody.IndexOf($"    def {name}(", StringComparison.Ordinal);
        Assert.True(def >= 0, $"method {name} not found");
        var before = classBody[..def];
        var previous = before.LastIndexOf("\n\n", StringComparison.Ordinal);
        decorators = previous >= 0 ? before[previous..] : before;
        var next = MethodStart().Match(classBody, def + 1);
        return next.Success ? classBody[def..next.Index] : classBody[def..];
    }

    [GeneratedRegex(@"^\S", RegexOptions.Multiline)]
    private static partial Regex TopLevel();

    [GeneratedRegex(@"^    (@|def )", RegexOptions.Multiline)]
    private static partial Regex MethodStart();
}
