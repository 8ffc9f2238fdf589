namespace Stackmark;

/// <summary>A drafted guideline: its JSON, the loaded draft, the decisions behind it and what validation found.</summary>
/// <remarks>
/// <see cref="Success"/> is false when the inputs were wrong (an unknown flagged test, an unknown capability to
/// deprecate, a current guideline that does not load) or the draft fails validation with errors; the JSON and
/// draft may then be null.
/// </remarks>
/// <param name="From">The current guideline.</param>
/// <param name="Json">The draft as 2.0 JSON (2-space indented, ending with a line break).</param>
/// <param name="Draft">The draft, loaded back with <see cref="GuidelineLoader"/>.</param>
/// <param name="Scheme">The weights and cutoff used.</param>
/// <param name="Decisions">One decision per capability and component, in component order.</param>
/// <param name="Flags">The approved flags, as applied.</param>
/// <param name="Findings">Input errors, loader warnings of the draft and validator findings (lifecycle against <paramref name="From"/>).</param>
/// <param name="Diff">The draft compared with the current guideline, per target.</param>
/// <param name="Deployed">"Widely Deployed" marks that community data changed (empty without <see cref="DraftOptions.Community"/>).</param>
public sealed record DraftResult(
    Guideline? From,
    string? Json,
    Guideline? Draft,
    ScoringScheme? Scheme,
    IReadOnlyList<DraftDecision> Decisions,
    IReadOnlyList<AppliedFlag> Flags,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<TargetDiff> Diff,
    IReadOnlyList<DeployedChange>? Deployed = null)
{
    /// <summary>"Widely Deployed" marks that community data changed, matrix lines first, then achievements.</summary>
    public IReadOnlyList<DeployedChange> DeployedChanges => Deployed ?? [];

    /// <summary>Whether a draft was produced without errors.</summary>
    public bool Success => Draft is not null && !Findings.Any(f => f.Severity == Severity.Error);
}
