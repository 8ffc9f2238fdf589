namespace Stackmark;

/// <summary>
/// A scoring worksheet (the committee's <c>scoring/*.txt</c>): free text and section headers around one score line
/// per capability, kept line by line so that writing it back gives the same bytes.
/// </summary>
/// <remarks>
/// Read with <see cref="WorksheetParser"/>, written with <see cref="WorksheetWriter"/>. A section is a text line
/// underlined with dashes (<c>Compute</c> / <c>-------</c>). Immutable.
/// </remarks>
public sealed class Worksheet
{
    /// <summary>Creates a worksheet from its lines.</summary>
    /// <param name="lines">The lines, without line breaks.</param>
    /// <param name="newLine">The line break: <c>\n</c> or <c>\r\n</c>.</param>
    /// <param name="endsWithNewLine">Whether the last line ends with a line break.</param>
    public Worksheet(IReadOnlyList<WorksheetLine> lines, string newLine = "\n", bool endsWithNewLine = true)
    {
        ArgumentNullException.ThrowIfNull(lines);
        Lines = lines;
        NewLine = newLine;
        EndsWithNewLine = endsWithNewLine;
        var entries = new List<WorksheetEntry>();
        string? section = null;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] is TextLine { Text: var title } && i + 1 < lines.Count && lines[i + 1] is TextLine { Text: var under } && IsUnderline(under) && title.Trim().Length > 0)
            {
                section = title.Trim().TrimEnd(':');
            }
            else if (lines[i] is ScoreLine score)
            {
                entries.Add(new WorksheetEntry(section, i + 1, score));
            }
        }

        Entries = entries;
    }

    /// <summary>Every line, in order.</summary>
    public IReadOnlyList<WorksheetLine> Lines { get; }

    /// <summary>The line break the file uses.</summary>
    public string NewLine { get; }

    /// <summary>Whether the file ends with a line break.</summary>
    public bool EndsWithNewLine { get; }

    /// <summary>The score lines with their section and 1-based line number, in order.</summary>
    public IReadOnlyList<WorksheetEntry> Entries { get; }

    /// <summary>The score line of a capability (the first, if the sheet scores it twice).</summary>
    public ScoreLine? Find(CapabilityId capability) => Entries.FirstOrDefault(e => e.Line.Capability == capability)?.Line;

    /// <summary>A worksheet with every score line's total and star recomputed by <paramref name="scheme"/>.</summary>
    public Worksheet Recomputed(ScoringScheme scheme) =>
        new([.. Lines.Select(l => l is ScoreLine s ? s.Recomputed(scheme) : l)], NewLine, EndsWithNewLine);

    /// <summary>Whether both have the same lines, line break and final line break.</summary>
    public bool SameAs(Worksheet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return NewLine == other.NewLine && EndsWithNewLine == other.EndsWithNewLine && Lines.SequenceEqual(other.Lines);
    }

    private static bool IsUnderline(string line)
    {
        var t = line.TrimEnd();
        return t.Length >= 3 && t.All(c => c == '-');
    }
}
