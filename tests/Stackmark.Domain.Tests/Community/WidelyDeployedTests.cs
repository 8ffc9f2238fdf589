namespace Stackmark.Tests.Community;

/// <summary>The Widely Deployed mark from community data, and a worksheet's deployed column updated from it.</summary>
public sealed class WidelyDeployedTests
{
    private static CapabilityAdoption Adoption(string id, int passing, int total, int tests = 3) =>
        new(new CapabilityId(id), CapabilityStatus.Required, tests, passing, total, 0, 0, []);

    [Theory]
    [InlineData(2, 4, 0.5, Mark.One)]
    [InlineData(1, 4, 0.5, Mark.Zero)]
    [InlineData(7, 10, 0.7, Mark.One)] // 0.7 × 10 is 7.000000000000001 in doubles
    [InlineData(3, 4, 1.0, Mark.Zero)]
    [InlineData(0, 0, 0.5, Mark.Unknown)]
    public void The_mark_compares_the_share_of_clouds_with_the_threshold(int passing, int total, double threshold, Mark expected) =>
        Assert.Equal(expected, WidelyDeployed.MarkFor(Adoption("c", passing, total), threshold));

    [Fact]
    public void No_counted_tests_is_no_data_and_thresholds_outside_0_1_are_refused()
    {
        Assert.Equal(Mark.Unknown, WidelyDeployed.MarkFor(Adoption("c", 0, 5, tests: 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => WidelyDeployed.MarkFor(Adoption("c", 1, 2), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => WidelyDeployed.MarkFor(Adoption("c", 1, 2), 1.5));
        Assert.Equal(0, WidelyDeployed.CriterionIndex);
    }

    [Fact]
    public void Apply_sets_the_deployed_column_recomputes_changed_lines_and_keeps_the_rest()
    {
        const string Text = """
            Compute
            -------
            up: [0,1,1] [1,1,1] [1,1,0] [0,1,0] [1] [66]
            down: [1,1,1] [1,1,1] [1,1,0] [0,1,0] [1] [74]*
            same: [1,1,1] [1,1,1] [1,1,0] [0,1,0] [1] [99]*
            nodata: [0,1,1] [1,1,1] [1,1,0] [0,1,0] [1] [66]
            addon: [*,1,1] [1,1,1] [1,1,0] [*,1,*] [1] [66]
            elsewhere: [0,1,1] [1,1,1] [1,1,0] [0,1,0] [1] [66]

            """;
        var sheet = WorksheetParser.Parse(Text, "scoring.txt").Value!;
        var report = new AdoptionReport(GuidelineId.Parse("2020.06"), "platform", CommunityWindow.All, 4, 4, 0,
            [Adoption("up", 3, 4), Adoption("down", 1, 4), Adoption("same", 4, 4), Adoption("nodata", 0, 4, tests: 0), Adoption("addon", 4, 4)]);

        var update = WidelyDeployed.Apply(sheet, report, 0.5, ScoringScheme.CoreSince2016);

        Assert.Equal([("up", Mark.Zero, Mark.One, 66, 74), ("down", Mark.One, Mark.Zero, 74, 66)],
            update.Changes.Select(c => (c.Capability.Value, c.Old, c.New, c.OldTotal, c.NewTotal)));
        Assert.Equal(1, update.Confirmed);
        Assert.Equal([new CapabilityId("nodata")], update.NoData);
        Assert.Equal([new CapabilityId("elsewhere")], update.NotInReport);
        var written = WorksheetWriter.Write(update.Worksheet);
        Assert.Contains("up: [1,1,1] [1,1,1] [1,1,0] [0,1,0] [1] [74]*", written, StringComparison.Ordinal);
        Assert.Contains("down: [0,1,1] [1,1,1] [1,1,0] [0,1,0] [1] [66]\n", written, StringComparison.Ordinal);
        Assert.Contains("same: [1,1,1] [1,1,1] [1,1,0] [0,1,0] [1] [99]*", written, StringComparison.Ordinal); // wrong total kept
        Assert.Contains("addon: [*,1,1]", written, StringComparison.Ordinal);
        Assert.StartsWith("Compute\n-------\n", written, StringComparison.Ordinal);

        // Without a scheme the totals stay as recorded.
        Assert.Contains("up: [1,1,1] [1,1,1] [1,1,0] [0,1,0] [1] [66]\n", WorksheetWriter.Write(WidelyDeployed.Apply(sheet, report).Worksheet), StringComparison.Ordinal);
    }
}
