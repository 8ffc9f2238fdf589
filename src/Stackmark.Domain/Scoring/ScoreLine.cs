namespace Stackmark;

/// <summary>
/// A capability's line in a scoring worksheet:
/// <c>cap: [deployed,tools,clients] [future,complete,stable] [discover,doc,sticky] [foundation,atomic,proximity] [non-admin] [total]*</c>.
/// </summary>
/// <remarks>
/// The recorded total and star are what the committee typed; <see cref="ScoringScheme.Evaluate(CriteriaMarks, Mark)"/>
/// recomputes them. Value equality over every field, layout included.
/// </remarks>
/// <param name="Capability">The capability scored.</param>
/// <param name="Marks">The twelve criterion marks.</param>
/// <param name="NonAdmin">The non-admin mark: 0 means the capability needs admin rights and scores 0.</param>
/// <param name="RecordedTotal">The total written on the line.</param>
/// <param name="RecordedStar">Whether the line ends in <c>*</c> (written when the total reaches the cutoff).</param>
/// <param name="Layout">How the line is spaced, so that writing it back gives the same text.</param>
public sealed record ScoreLine(
    CapabilityId Capability,
    CriteriaMarks Marks,
    Mark NonAdmin,
    int RecordedTotal,
    bool RecordedStar,
    ScoreLineLayout Layout) : WorksheetLine
{
    /// <summary>The same line with the total and star a scheme gives it (an incomplete score is written with its points so far).</summary>
    public ScoreLine Recomputed(ScoringScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        var score = scheme.Evaluate(Marks, NonAdmin);
        return this with { RecordedTotal = score.Points, RecordedStar = scheme.Qualifies(score) };
    }
}
