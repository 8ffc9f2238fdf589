using CsCheck;

namespace Stackmark.Scoring.Tests.Scoring;

public sealed class WorksheetPropertyTests
{
    private static readonly Gen<Mark> AnyMark = Gen.Enum<Mark>();

    private static readonly Gen<string> Name =
        Gen.Select(Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz"], 1, 8], Gen.String[Gen.Char["abcdefxyz0123456789_"], 1, 6].Array[1, 3])
            .Select((head, parts) => head + "-" + string.Join("-", parts));

    private static readonly Gen<WorksheetLine> Score =
        Gen.Select(Name, AnyMark.Array[CriteriaMarks.Count], Gen.OneOf(Gen.Const(Mark.Zero), Gen.Const(Mark.One), Gen.Const(Mark.Unknown)), Gen.Int[-200, 200], Gen.Bool, Gen.Int[0, 40], Gen.Bool)
            .Select((name, marks, nonAdmin, total, star, padding, compact) =>
                (WorksheetLine)new ScoreLine(new CapabilityId(name), CriteriaMarks.FromMarks(marks), nonAdmin, total, star, new ScoreLineLayout(padding, compact)));

    // Free text that is not a score line: empty, indented, or a header with spaces in it.
    private static readonly Gen<WorksheetLine> Text =
        Gen.OneOf(
            Gen.Const(""),
            Gen.String[Gen.Char[" abcXYZ-[]*,:?01"], 0, 30].Select(s => " " + s),
            Gen.String[Gen.Char["abc-"], 1, 10].Select(s => "Section " + s),
            Gen.Int[3, 20].Select(n => new string('-', n)))
        .Select(s => (WorksheetLine)new TextLine(s));

    private static readonly Gen<Worksheet> Sheet =
        Gen.Select(Gen.Frequency((2, Score), (1, Text)).List[0, 25], Gen.Bool, Gen.Bool)
            .Select((lines, crlf, endsWithNewLine) =>
            {
                // A file without any line break cannot tell its line break, and an empty last line is a final line break.
                var ends = endsWithNewLine || lines.Count == 0 || lines[^1] is TextLine { Text: "" };
                return new Worksheet(lines, crlf && (lines.Count > 1 || (ends && lines.Count > 0)) ? "\r\n" : "\n", ends);
            });

    [Fact]
    public void Parsing_what_the_writer_wrote_gives_the_same_worksheet() =>
        Sheet.Sample(sheet =>
        {
            var text = WorksheetWriter.Write(sheet);
            var parsed = WorksheetParser.Parse(text, "gen.txt");
            Assert.True(parsed.Success, parsed.ToString());
            Assert.True(sheet.SameAs(parsed.Value!), text);
        });

    [Fact]
    public void Arbitrary_text_never_crashes_the_parser_and_what_parses_normalizes_idempotently() =>
        Gen.Frequency(
            (1, Gen.String),
            (3, Gen.String[Gen.Char["abc-:[]01?*, \t\n\r"], 0, 120]),
            (2, Gen.String[Gen.Char["[]01?*,- \t"], 0, 60].Select(s => "compute-x: " + s)))
        .Sample(text =>
        {
            var first = WorksheetParser.Parse(text, "any.txt");
            if (!first.Success)
            {
                Assert.True(first.Location.Line >= 1 && first.Location.Column >= 1, first.ToString());
                return;
            }

            var written = WorksheetWriter.Write(first.Value!);
            var second = WorksheetParser.Parse(written, "any.txt");
            Assert.True(second.Success, second.ToString());
            Assert.Equal(written, WorksheetWriter.Write(second.Value!));
        });
}
