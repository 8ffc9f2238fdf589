using System.Text;

namespace Stackmark.Scoring.Tests.Drafting;

public sealed class FlagsFileParserTests
{
    private static TextParseResult<IReadOnlyList<ApprovedFlag>> Parse(string text, string file) => FlagsFileParser.Parse(Encoding.UTF8.GetBytes(text), file);

    [Fact]
    public void Yaml_flags_are_read_with_their_locations()
    {
        var result = Parse("""
            # approved 2099-01-15
            flags:
              - test: tempest.api.compute.flavors.test_flavors.FlavorsV2TestJSON.test_list_flavors
                reason: D401
                rationale: "bug 123: races"
                date: 2099-01-15
              - test: id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59
                reason: '[D406]'
                rationale: removed from Tempest
                date: 2099-01-16
                action: Flagged and to be removed
            """, "flags.yaml");
        Assert.True(result.Success, result.ToString());
        var flags = result.Value!;
        Assert.Equal(2, flags.Count);
        Assert.Equal(new ApprovedFlag("tempest.api.compute.flavors.test_flavors.FlavorsV2TestJSON.test_list_flavors", "D401", "bug 123: races", "2099-01-15", "Flagged", new TextLocation("flags.yaml", 3, 3)), flags[0]);
        Assert.Equal("D406", flags[1].ReasonCode);
        Assert.Equal("Flagged and to be removed", flags[1].Action);
        Assert.Equal("D406 removed from Tempest", flags[1].ToFlag().Reason);
    }

    [Fact]
    public void Json_flags_are_read_as_an_array_or_under_flags()
    {
        const string entry = """{"test": "t.a", "reason": "D400", "rationale": "admin only", "date": "2099-02-01"}""";
        Assert.Equal("D400", Parse($"[{entry}]", "flags.json").Value!.Single().ReasonCode);
        Assert.Equal(new TextLocation("f.json", 2, 3), Parse($"{{\"flags\": [\n  {entry}]}}", "f.json").Value!.Single().Location);
    }

    [Theory]
    [InlineData("- test: t.a\n  reason: D499\n  rationale: r\n  date: 2099-01-01\n", 2, 11, "\"D499\" is not a reason code")]
    [InlineData("- test: t.a\n  reason: D401\n  rationale: r\n  date: 15/01/2099\n", 4, 9, "\"15/01/2099\" is not a date (YYYY-MM-DD)")]
    [InlineData("- test: t.a\n  reason: D401\n  rationale: r\n", 1, 1, "flag entry lacks \"date\"")]
    [InlineData("- test: t.a\n  why: D401\n", 2, 3, "unknown key \"why\"")]
    [InlineData("test: t.a\n", 1, 1, "expected a list item")]
    [InlineData("- test: \"t.a\n", 1, 9, "unterminated double-quoted string")]
    public void Bad_yaml_flags_are_errors_with_line_and_column(string text, int line, int column, string message)
    {
        var result = Parse(text, "flags.yaml");
        Assert.False(result.Success);
        Assert.Equal(new TextLocation("flags.yaml", line, column), result.Location);
        Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[{\"test\": \"t\", \"reason\": \"D407\", \"rationale\": \"r\", \"date\": \"2099-01-01\"}]", 1, 26, "\"D407\" is not a reason code")]
    [InlineData("[\n  {\"test\": 5}]", 2, 12, "\"test\" must be a string, found number")]
    [InlineData("[\n  {\"test\": ", 2, 12, "not valid JSON")]
    [InlineData("{\"other\": []}", 1, 1, "expected an array of flags, or an object with \"flags\"")]
    public void Bad_json_flags_are_errors_with_line_and_column(string text, int line, int column, string message)
    {
        var result = Parse(text, "flags.json");
        Assert.False(result.Success);
        Assert.Equal(new TextLocation("flags.json", line, column), result.Location);
        Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
    }
}
