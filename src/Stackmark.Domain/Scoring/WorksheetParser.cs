using System.Globalization;

namespace Stackmark;

/// <summary>
/// Reads the worksheet format of the interop committee's <c>scoring/*.txt</c>: free text kept verbatim, and score
/// lines <c>cap: [d,t,c] [f,c,s] [d,d,s] [f,a,p] [non-admin] [total]</c> with an optional <c>*</c>.
/// </summary>
/// <remarks>
/// Whitespace between the tokens of a score line is optional (the add-on sheets write no space between groups);
/// marks are <c>0</c>, <c>1</c>, <c>?</c> or <c>*</c> (not considered); the total is an integer (upstream's script
/// writes negative totals for incomplete lines). A line is taken as a score line when a word and a colon at its
/// start are followed by <c>[</c>, or when the word looks like a capability name (<c>compute-servers-create:</c>)
/// and text follows; a malformed score line is an error with its line and column, not free text. Thread-safe.
/// </remarks>
public static class WorksheetParser
{
    /// <summary>Parses a worksheet.</summary>
    /// <param name="text">The whole file.</param>
    /// <param name="fileName">Its name, for error locations.</param>
    public static TextParseResult<Worksheet> Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        if (text.Length == 0)
        {
            return TextParseResult<Worksheet>.Ok(new Worksheet([]));
        }

        var newLine = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var raw = text.Split('\n');
        var endsWithNewLine = text.Length > 0 && text.EndsWith('\n');
        var count = endsWithNewLine ? raw.Length - 1 : raw.Length;
        var lines = new List<WorksheetLine>(count);
        for (var i = 0; i < count; i++)
        {
            var line = newLine == "\r\n" && raw[i].EndsWith('\r') ? raw[i][..^1] : raw[i];
            if (!IsScoreLine(line, out var colon))
            {
                lines.Add(new TextLine(line));
                continue;
            }

            var reader = new LineReader(line, colon + 1);
            if (!reader.TryReadScoreLine(line[..colon], out var score))
            {
                return TextParseResult<Worksheet>.Fail(reader.Error!, new TextLocation(fileName, i + 1, reader.Position + 1));
            }

            lines.Add(score!);
        }

        return TextParseResult<Worksheet>.Ok(new Worksheet(lines, newLine, endsWithNewLine));
    }

    private static bool IsScoreLine(string line, out int colon)
    {
        colon = -1;
        if (line.Length == 0 || char.IsWhiteSpace(line[0]))
        {
            return false;
        }

        var end = 0;
        while (end < line.Length && !char.IsWhiteSpace(line[end]) && line[end] != ':')
        {
            end++;
        }

        if (end == 0 || end >= line.Length || line[end] != ':')
        {
            return false;
        }

        colon = end;
        var rest = line.AsSpan(end + 1);
        var trimmed = rest.TrimStart(" \t");
        return trimmed.StartsWith("[") || (LooksLikeCapability(line.AsSpan(0, end)) && trimmed.Length > 0 && trimmed.Length < rest.Length);
    }

    // compute-servers-create, networks-l2-CRUD: lowercase words joined by dashes.
    private static bool LooksLikeCapability(ReadOnlySpan<char> name) =>
        name.Contains('-') && char.IsAsciiLetterLower(name[0]) && !name.ContainsAnyExcept(CapabilityChars);

    private static readonly System.Buffers.SearchValues<char> CapabilityChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");

    private sealed class LineReader(string line, int start)
    {
        private readonly string _line = line;

        public int Position { get; private set; } = start;

        public string? Error { get; private set; }

        public bool TryReadScoreLine(string name, out ScoreLine? score)
        {
            score = null;
            if (name.AsSpan().ContainsAnyExcept(CapabilityChars))
            {
                Position = 0;
                return Fail($"'{name}' is not a capability name (letters, digits, '-', '_', '.')");
            }

            var padding = SkipSpace();
            var marks = new Mark[CriteriaMarks.Count];
            var compact = false;
            for (var group = 0; group < 4; group++)
            {
                var gap = group == 0 ? padding : SkipSpace();
                if (group == 1)
                {
                    compact = gap == 0;
                }

                if (!TryGroup(marks.AsSpan(group * 3, 3), $"group {group + 1} of criteria"))
                {
                    return false;
                }
            }

            SkipSpace();
            var nonAdmin = new Mark[1];
            if (!TryGroup(nonAdmin, "the non-admin mark"))
            {
                return false;
            }

            if (nonAdmin[0] == Mark.NotConsidered)
            {
                Position -= 2;
                return Fail("the non-admin mark must be 0, 1 or ?");
            }

            SkipSpace();
            if (!TryTotal(out var total))
            {
                return false;
            }

            SkipSpace();
            var star = Peek() == '*';
            if (star)
            {
                Position++;
                SkipSpace();
            }

            if (Position < _line.Length)
            {
                return Fail($"unexpected '{_line[Position..]}' after the total (only '*' may follow)");
            }

            score = new ScoreLine(new CapabilityId(name), CriteriaMarks.FromMarks(marks), nonAdmin[0], total, star, new ScoreLineLayout(padding, compact));
            return true;
        }

        private bool TryGroup(Span<Mark> marks, string what)
        {
            if (!Expect('[', $"expected '[' opening {what}"))
            {
                return false;
            }

            for (var i = 0; i < marks.Length; i++)
            {
                SkipSpace();
                if (!Marks.TryParse(Peek(), out marks[i]))
                {
                    return Fail($"expected a mark (0, 1, ? or *) in {what}, found {Describe()}");
                }

                Position++;
                SkipSpace();
                if (i < marks.Length - 1 && !Expect(',', $"expected ',' between the marks of {what}, found {Describe()}"))
                {
                    return false;
                }
            }

            return Expect(']', $"expected ']' closing {what} ({marks.Length} marks), found {Describe()}");
        }

        private bool TryTotal(out int total)
        {
            total = 0;
            if (!Expect('[', $"expected '[' opening the total, found {Describe()}"))
            {
                return false;
            }

            SkipSpace();
            var start = Position;
            if (Peek() == '-')
            {
                Position++;
            }

            while (char.IsAsciiDigit(Peek()))
            {
                Position++;
            }

            if (!int.TryParse(_line.AsSpan(start, Position - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out total))
            {
                Position = start;
                return Fail($"expected the total (an integer), found {Describe()}");
            }

            SkipSpace();
            return Expect(']', $"expected ']' closing the total, found {Describe()}");
        }

        private bool Expect(char c, string message)
        {
            if (Peek() != c)
            {
                return Fail(message.Contains("found", StringComparison.Ordinal) ? message : $"{message}, found {Describe()}");
            }

            Position++;
            return true;
        }

        private char Peek() => Position < _line.Length ? _line[Position] : '\0';

        private string Describe() => Position < _line.Length ? $"'{_line[Position]}'" : "the end of the line";

        private int SkipSpace()
        {
            var start = Position;
            while (Position < _line.Length && _line[Position] is ' ' or '\t')
            {
                Position++;
            }

            return Position - start;
        }

        private bool Fail(string message)
        {
            Error = message;
            return false;
        }
    }
}
