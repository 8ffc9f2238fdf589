namespace Stackmark;

/// <summary>Recomputes every line of a worksheet with a scheme's weights and finds recorded totals and stars that are wrong.</summary>
public static class WorksheetChecker
{
    /// <summary>Checks every score line of <paramref name="worksheet"/>, in order.</summary>
    public static IReadOnlyList<LineVerdict> Check(Worksheet worksheet, ScoringScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(worksheet);
        ArgumentNullException.ThrowIfNull(scheme);
        return [.. worksheet.Entries.Select(e => Check(e, scheme))];
    }

    /// <summary>Checks one line.</summary>
    public static LineVerdict Check(WorksheetEntry entry, ScoringScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(scheme);
        var line = entry.Line;
        var score = scheme.Evaluate(line.Marks, line.NonAdmin);
        var qualifies = scheme.Qualifies(score);
        var unweighed = Enumerable.Range(0, CriteriaMarks.Count)
            .Where(i => line.Marks[i] == Mark.One && !scheme.Weighs(ScoringScheme.WorksheetOrder[i]))
            .Select(i => ScoringScheme.WorksheetOrder[i])
            .ToList();
        return new LineVerdict(entry, score, qualifies, score.IsComplete && score.Points != line.RecordedTotal, qualifies != line.RecordedStar, unweighed);
    }
}
