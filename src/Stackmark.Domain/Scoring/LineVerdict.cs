namespace Stackmark;

/// <summary>A worksheet line checked against a scoring scheme: the recomputed score and what the line got wrong.</summary>
/// <param name="Entry">The line, its section and line number.</param>
/// <param name="Computed">The score the scheme gives the marks.</param>
/// <param name="Qualifies">Whether the computed score reaches the cutoff (so the line should carry a star).</param>
/// <param name="TotalWrong">The recorded total differs from the computed one (never set for incomplete scores, whose total means nothing).</param>
/// <param name="StarWrong">The recorded star disagrees with <paramref name="Qualifies"/>.</param>
/// <param name="UnweighedCriteria">Criteria scored 1 that the scheme does not weigh (they count 0).</param>
public sealed record LineVerdict(WorksheetEntry Entry, Score Computed, bool Qualifies, bool TotalWrong, bool StarWrong, IReadOnlyList<string> UnweighedCriteria)
{
    /// <summary>Whether the recorded total or star is wrong.</summary>
    public bool IsWrong => TotalWrong || StarWrong;

    /// <summary>What is wrong, in words; empty when the line is right.</summary>
    public string Problem
    {
        get
        {
            var problems = new List<string>();
            var line = Entry.Line;
            if (TotalWrong)
            {
                problems.Add($"total is {Computed.Points}, not {line.RecordedTotal}");
            }

            if (StarWrong)
            {
                problems.Add(Qualifies ? "qualifies but has no '*'" : Computed.IsComplete ? "has '*' but does not qualify" : "has '*' but is not completely scored");
            }

            return string.Join("; ", problems);
        }
    }
}
