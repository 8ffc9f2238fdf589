using Stackmark.Scoring.Tests.Support;

namespace Stackmark.Scoring.Tests.Scoring;

public sealed class OfficialWorksheetTests
{
    [Theory]
    [MemberData(nameof(Worksheets.Names), MemberType = typeof(Worksheets))]
    public void Every_official_worksheet_is_written_back_byte_for_byte(string name)
    {
        var text = Worksheets.Text(name);
        Assert.Equal(text, WorksheetWriter.Write(Worksheets.Load(name)));
    }

    [Theory]
    [InlineData("scoring.txt", 140)]
    [InlineData("scoring_nfv.txt", 6)]
    [InlineData("scoring_dns.txt", 2)]
    [InlineData("scoring_orchestration.txt", 17)]
    public void Official_worksheets_have_their_score_lines(string name, int lines) =>
        Assert.Equal(lines, Worksheets.Load(name).Entries.Count);

    [Theory]
    [InlineData("scoring.txt")]
    [InlineData("scoring_nfv.txt")]
    public void Every_core_and_nfv_line_recomputes_exactly_with_next_weights(string name)
    {
        var verdicts = WorksheetChecker.Check(Worksheets.Load(name), Worksheets.Scheme("next.json"));
        Assert.All(verdicts, v => Assert.False(v.IsWrong, $"{v.Entry.Line.Capability}: {v.Problem}"));
        Assert.All(verdicts, v => Assert.Equal(v.Entry.Line.RecordedTotal, v.Computed.Points));
    }

    [Theory]
    [InlineData("compute-flavors-list", 74, true)]
    [InlineData("volumes-v2-copy-image-to-volume", 73, false)]
    [InlineData("images-v2-import", 44, false)]
    [InlineData("network-extensions-provider-add", 0, false)]
    public void Known_lines_score_as_the_committee_recorded(string capability, int points, bool qualifies)
    {
        var scheme = Worksheets.Scheme("next.json");
        var line = Worksheets.Load("scoring.txt").Find(new CapabilityId(capability))!;
        var score = scheme.Evaluate(line.Marks, line.NonAdmin);
        Assert.Equal(Score.FromPoints(points), score);
        Assert.Equal(qualifies, scheme.Qualifies(score));
    }

    [Fact]
    public void Compute_flavors_list_is_the_sum_of_its_weights()
    {
        var line = Worksheets.Load("scoring.txt").Find(new CapabilityId("compute-flavors-list"))!;
        Assert.Equal("111111110010", line.Marks.Chars);
        Assert.Equal("compute-flavors-list: [1,1,1] [1,1,1] [1,1,0] [0,1,0] [1] [74]*", WorksheetWriter.Write(line).Replace(new string(' ', line.Layout.Padding), " ", StringComparison.Ordinal));
        Assert.Equal(8 + 6 + 10 + 11 + 8 + 9 + 8 + 8 + 6, ScoringScheme.CoreSince2016.Evaluate(line.Marks, line.NonAdmin).Points);
    }

    [Theory]
    [InlineData("scoring_dns.txt", "dns.next.json", 2)]
    [InlineData("scoring_orchestration.txt", "orchestration.next.json", 17)]
    public void Add_on_sheets_have_hand_typed_totals_and_missing_stars(string name, string guideline, int wrong)
    {
        var verdicts = WorksheetChecker.Check(Worksheets.Load(name), Worksheets.Scheme("add-ons/" + guideline));
        Assert.Equal(wrong, verdicts.Count(v => v.IsWrong));
        Assert.All(verdicts, v =>
        {
            Assert.Equal(64, v.Entry.Line.RecordedTotal);
            Assert.Equal(Score.FromPoints(66), v.Computed);
            Assert.True(v.TotalWrong);
            Assert.True(v.StarWrong);
            Assert.Equal("total is 66, not 64; qualifies but has no '*'", v.Problem);
        });
    }

    [Fact]
    public void Add_on_sheets_mark_unscored_criteria_with_stars_and_compact_groups()
    {
        var line = Worksheets.Load("scoring_dns.txt").Entries[0].Line;
        Assert.Equal("*11111110*1*", line.Marks.Chars);
        Assert.True(line.Layout.Compact);
        Assert.Equal(66, ScoringScheme.AddOn.Evaluate(line.Marks, line.NonAdmin).Points);
    }

    [Fact]
    public void Sections_come_from_underlined_headers()
    {
        var sheet = Worksheets.Load("scoring.txt");
        Assert.Equal(["Networking", "Compute", "Image", "Volume", "Identity", "Object Store"], sheet.Entries.Select(e => e.Section).Distinct());
        Assert.Equal("Networking", sheet.Entries[0].Section);
        Assert.Equal(31, sheet.Entries[0].LineNumber);
    }

    [Fact]
    public void Fixing_the_add_on_sheet_writes_66_and_a_star()
    {
        var fixedSheet = Worksheets.Load("scoring_dns.txt").Recomputed(ScoringScheme.AddOn);
        Assert.Contains("dns-zone-crud:   [*,1,1][1,1,1][1,1,0][*,1,*][1] [66]*", WorksheetWriter.Write(fixedSheet), StringComparison.Ordinal);
        Assert.All(WorksheetChecker.Check(fixedSheet, ScoringScheme.AddOn), v => Assert.False(v.IsWrong));
    }
}
