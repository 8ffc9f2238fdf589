using Stackmark.Scoring.Tests.Support;
using Stackmark.Tests.Support;

namespace Stackmark.Scoring.Tests.Commands;

public sealed class ScoringCommandTests
{
    private static string Sheet(string name) => Path.Combine(Worksheets.Directory, name);

    [Theory]
    [InlineData("scoring.txt", "140 score lines, weights of next (cutoff 74)")]
    [InlineData("scoring_nfv.txt", "6 score lines, weights of next (cutoff 74)")]
    public async Task Check_finds_nothing_wrong_in_the_core_and_nfv_sheets(string name, string header)
    {
        var (exit, output, err) = await ScoringCli.RunAsync("scoring", "check", Sheet(name));
        Assert.True(exit == 0, output + err);
        Assert.Contains(header, output, StringComparison.Ordinal);
        Assert.Contains("✓ every recorded total and star is right", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scoring_dns.txt", "dns.next", 2, 16, "dns-zone-crud")]
    [InlineData("scoring_orchestration.txt", "orchestration.next", 17, 16, "stack-create")]
    public async Task Check_reports_the_hand_typed_add_on_totals_and_exits_1(string name, string guideline, int wrong, int firstLine, string firstCapability)
    {
        var (exit, output, _) = await ScoringCli.RunAsync("scoring", "check", Sheet(name));
        Assert.Equal(1, exit);
        Assert.Contains($"weights of {guideline} (cutoff 60)", output, StringComparison.Ordinal);
        Assert.Contains($"✗ {Sheet(name)}:{firstLine} {firstCapability}: total is 66, not 64; qualifies but has no '*'", output, StringComparison.Ordinal);
        Assert.Contains($"{wrong} of {wrong} lines wrong", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_uses_the_guideline_given_by_file_or_version()
    {
        var byFile = await ScoringCli.RunAsync("scoring", "check", Sheet("scoring_dns.txt"), "--guideline", Path.Combine(InteropData.Directory, "add-ons", "dns.2020.06.json"));
        Assert.Contains("weights of dns.2020.06 (cutoff 60)", byFile.Out, StringComparison.Ordinal);
        var byVersion = await ScoringCli.RunAsync("scoring", "check", Sheet("scoring.txt"), "--guideline", "2015.07", "--source", InteropData.Directory);
        Assert.Equal(1, byVersion.Exit);
        Assert.Contains("weights of 2015.07 (cutoff 74)", byVersion.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_prints_the_matrix_with_weights_totals_and_qualification()
    {
        var (exit, output, _) = await ScoringCli.RunAsync("scoring", "show", Sheet("scoring_dns.txt"));
        Assert.Equal(0, exit);
        Assert.Contains("dns-zone-crud", output, StringComparison.Ordinal);
        Assert.Contains("66", output, StringComparison.Ordinal);
        Assert.Contains("yes (star wrong)", output, StringComparison.Ordinal);
        Assert.Contains("clients", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_worksheet_is_a_located_usage_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(path, "Compute\n-------\ncompute-x: [1,1,1] [1,1] [1,1,1] [1,1,1] [1] [74]\n");
        try
        {
            var (exit, _, err) = await ScoringCli.RunAsync("scoring", "check", path);
            Assert.Equal(2, exit);
            Assert.Contains($"{path}:3:24: expected ',' between the marks of group 2 of criteria, found ']'", err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
