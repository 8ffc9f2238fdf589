namespace Stackmark.Scoring.Tests.Scoring;

public sealed class WorksheetParserTests
{
    [Theory]
    [InlineData("compute-x: [1,1] [1,1,1] [1,1,1] [1,1,1] [1] [74]", 16, "expected ',' between the marks of group 1 of criteria, found ']'")]
    [InlineData("compute-x: [1,1,2] [1,1,1] [1,1,1] [1,1,1] [1] [74]", 17, "expected a mark (0, 1, ? or *) in group 1 of criteria, found '2'")]
    [InlineData("compute-x: [1,1,1] [1,1,1] [1,1,1] [1,1,1] [1] [x]", 49, "expected the total (an integer), found 'x'")]
    [InlineData("compute-x: [1,1,1] [1,1,1] [1,1,1] [1,1,1] [1] [74]* extra", 54, "unexpected 'extra' after the total (only '*' may follow)")]
    [InlineData("compute-x: [1,1,1] [1,1,1] [1,1,1] [1,1,1] [*] [74]", 45, "the non-admin mark must be 0, 1 or ?")]
    [InlineData("compute-x: [1,1,1] [1,1,1] [1,1,1] [1,1,1]", 43, "expected '[' opening the non-admin mark, found the end of the line")]
    [InlineData("compute-x: 1,1,1 1,1,1", 12, "expected '[' opening group 1 of criteria, found '1'")]
    [InlineData("comp/ute: [1,1,1]", 1, "'comp/ute' is not a capability name (letters, digits, '-', '_', '.')")]
    public void Malformed_score_lines_are_errors_with_line_and_column(string line, int column, string message)
    {
        var result = WorksheetParser.Parse($"Title\n-----\n{line}\n", "bad.txt");
        Assert.False(result.Success);
        Assert.Equal(new TextLocation("bad.txt", 3, column), result.Location);
        Assert.Equal(message, result.Error);
        Assert.StartsWith($"bad.txt:3:{column}: ", result.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Notes:")]
    [InlineData("request: https://example.org/x")]
    [InlineData("Capability Name: [Widely Deployed, Used By Tools, Used by Clients],")]
    [InlineData("  * compute-x: [1,1,1] indented notes are text")]
    [InlineData("[1] https://bugs.launchpad.net/nova/+bug/1")]
    public void Notes_and_headers_are_text(string line)
    {
        var sheet = WorksheetParser.Parse(line, "notes.txt").Value!;
        Assert.Equal(new TextLine(line), Assert.Single(sheet.Lines));
        Assert.Empty(sheet.Entries);
        Assert.False(sheet.EndsWithNewLine);
    }

    [Fact]
    public void Whitespace_is_optional_and_oddly_spaced_lines_are_normalized_deterministically()
    {
        var odd = "compute-x:\t[ 1, ?,1 ][0,1,1]  [1,1,1] [*,1,1]\t[1]   [-3]  *  ";
        var line = Assert.IsType<ScoreLine>(WorksheetParser.Parse(odd, "odd.txt").Value!.Lines.Single());
        Assert.Equal("1?1011111*11", line.Marks.Chars);
        Assert.Equal(-3, line.RecordedTotal);
        Assert.True(line.RecordedStar);
        Assert.Equal(new ScoreLineLayout(1, true), line.Layout);
        var normalized = WorksheetWriter.Write(line);
        Assert.Equal("compute-x: [1,?,1][0,1,1][1,1,1][*,1,1][1] [-3]*", normalized);
        Assert.Equal(line, WorksheetParser.Parse(normalized, "n.txt").Value!.Lines.Single());
    }

    [Fact]
    public void Question_marks_make_a_score_incomplete_and_never_qualifying()
    {
        var line = (ScoreLine)WorksheetParser.Parse("compute-x: [1,1,1] [1,1,1] [1,1,1] [1,1,?] [1] [92]*", "q.txt").Value!.Lines[0];
        var score = ScoringScheme.CoreSince2016.Evaluate(line.Marks, line.NonAdmin);
        Assert.Equal(new Score(92, isComplete: false), score);
        Assert.Equal("92?", score.ToString());
        var verdict = WorksheetChecker.Check(new WorksheetEntry(null, 1, line), ScoringScheme.CoreSince2016);
        Assert.False(verdict.TotalWrong);
        Assert.True(verdict.StarWrong);
        Assert.Equal("has '*' but is not completely scored", verdict.Problem);
    }

    [Fact]
    public void Admin_capabilities_score_zero_whatever_their_marks()
    {
        var marks = CriteriaMarks.Parse("111111111111");
        Assert.Equal(Score.Zero, ScoringScheme.CoreSince2016.Evaluate(marks, Mark.Zero));
        Assert.Equal(Score.FromPoints(100), ScoringScheme.CoreSince2016.Evaluate(marks, Mark.One));
        Assert.Equal(Score.FromPoints(100), ScoringScheme.CoreUntil2016.Evaluate(marks, Mark.One));
        Assert.Equal(Score.FromPoints(75), ScoringScheme.AddOn.Evaluate(marks, Mark.One));
    }

    [Fact]
    public void Crlf_worksheets_round_trip()
    {
        var text = "Compute\r\n-------\r\ncompute-x: [1,1,1] [1,1,1] [1,1,0] [0,1,0] [1] [74]*\r\n";
        var sheet = WorksheetParser.Parse(text, "crlf.txt").Value!;
        Assert.Equal("\r\n", sheet.NewLine);
        Assert.Equal("Compute", sheet.Entries.Single().Section);
        Assert.Equal(text, WorksheetWriter.Write(sheet));
    }
}
