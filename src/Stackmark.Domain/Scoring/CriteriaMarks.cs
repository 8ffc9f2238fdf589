namespace Stackmark;

/// <summary>
/// The twelve criterion marks of one worksheet line, in the worksheet's order (<see cref="ScoringScheme.WorksheetOrder"/>:
/// deployed, tools, clients, future, complete, stable, discover, doc, sticky, foundation, atomic, proximity).
/// </summary>
/// <remarks>
/// Held as its twelve worksheet characters (e.g. <c>111111110010</c>), so equality is by value. The default value is
/// invalid (no marks); build values with <see cref="Parse"/>, <see cref="TryParse"/> or <see cref="FromMarks"/>.
/// Immutable and thread-safe.
/// </remarks>
public readonly record struct CriteriaMarks
{
    /// <summary>How many criteria a worksheet line scores.</summary>
    public const int Count = 12;

    private readonly string? _chars;

    private CriteriaMarks(string chars) => _chars = chars;

    /// <summary>The mark of criterion <paramref name="index"/> (0–11, worksheet order).</summary>
    public Mark this[int index] => Marks.TryParse(Chars[index], out var m) ? m : Mark.Unknown;

    /// <summary>The marks as twelve worksheet characters.</summary>
    public string Chars => _chars ?? throw new InvalidOperationException("default CriteriaMarks has no marks");

    /// <summary>The marks in worksheet order.</summary>
    public IEnumerable<Mark> All
    {
        get
        {
            var self = this;
            return Enumerable.Range(0, Count).Select(i => self[i]);
        }
    }

    /// <summary>Builds marks from twelve values in worksheet order.</summary>
    /// <exception cref="ArgumentException">Not exactly twelve marks.</exception>
    public static CriteriaMarks FromMarks(IEnumerable<Mark> marks)
    {
        ArgumentNullException.ThrowIfNull(marks);
        var chars = string.Concat(marks.Select(m => m.ToChar()));
        return chars.Length == Count ? new CriteriaMarks(chars) : throw new ArgumentException($"need {Count} marks, got {chars.Length}", nameof(marks));
    }

    /// <summary>Parses twelve characters of <c>0 1 ? *</c>, e.g. <c>111111110010</c>.</summary>
    /// <exception cref="FormatException">Not twelve such characters.</exception>
    public static CriteriaMarks Parse(string text) =>
        TryParse(text, out var marks) ? marks : throw new FormatException($"'{text}' is not {Count} marks of 0, 1, ? or *");

    /// <summary>Parses twelve characters of <c>0 1 ? *</c>; false on anything else.</summary>
    public static bool TryParse(string? text, out CriteriaMarks marks)
    {
        marks = default;
        if (text is null || text.Length != Count || !text.All(c => Marks.TryParse(c, out _)))
        {
            return false;
        }

        marks = new CriteriaMarks(text);
        return true;
    }

    /// <summary>The same marks with criterion <paramref name="index"/> set to <paramref name="mark"/>.</summary>
    public CriteriaMarks With(int index, Mark mark)
    {
        var chars = Chars.ToCharArray();
        chars[index] = mark.ToChar();
        return new CriteriaMarks(new string(chars));
    }

    /// <inheritdoc />
    public override string ToString() => _chars ?? "";
}
