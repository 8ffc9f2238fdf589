using System.Globalization;
using System.Text;

namespace Stackmark;

/// <summary>Writes a <see cref="Worksheet"/> in the committee's format.</summary>
/// <remarks>
/// Text lines are written verbatim, score lines from their fields and <see cref="ScoreLineLayout"/>: the padding
/// after the colon in spaces, one space (or none, compact) between groups, one space before the total, the star
/// right after it. Every official worksheet is written back byte for byte; a score line spaced otherwise (tabs,
/// spaces inside brackets, trailing blanks) is normalized to that form, deterministically. Thread-safe.
/// </remarks>
public static class WorksheetWriter
{
    /// <summary>The worksheet as text.</summary>
    public static string Write(Worksheet worksheet)
    {
        ArgumentNullException.ThrowIfNull(worksheet);
        var sb = new StringBuilder();
        for (var i = 0; i < worksheet.Lines.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(worksheet.NewLine);
            }

            _ = worksheet.Lines[i] switch
            {
                TextLine t => sb.Append(t.Text),
                ScoreLine s => Append(sb, s),
                _ => sb,
            };
        }

        if (worksheet.EndsWithNewLine && worksheet.Lines.Count > 0)
        {
            sb.Append(worksheet.NewLine);
        }

        return sb.ToString();
    }

    /// <summary>One score line as text, without a line break.</summary>
    public static string Write(ScoreLine line) => Append(new StringBuilder(), line).ToString();

    private static StringBuilder Append(StringBuilder sb, ScoreLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var gap = line.Layout.Compact ? "" : " ";
        sb.Append(line.Capability.Value).Append(':').Append(' ', Math.Max(0, line.Layout.Padding));
        for (var group = 0; group < 4; group++)
        {
            sb.Append(group == 0 ? "" : gap).Append('[')
                .Append(line.Marks[group * 3].ToChar()).Append(',')
                .Append(line.Marks[(group * 3) + 1].ToChar()).Append(',')
                .Append(line.Marks[(group * 3) + 2].ToChar()).Append(']');
        }

        sb.Append(gap).Append('[').Append(line.NonAdmin.ToChar()).Append(']')
            .Append(" [").Append(line.RecordedTotal.ToString(CultureInfo.InvariantCulture)).Append(']');
        return line.RecordedStar ? sb.Append('*') : sb;
    }
}
