namespace Stackmark;

/// <summary>What goes into the next guideline besides the current one: scores, approved flags, explicit deprecations.</summary>
/// <param name="Id">The draft's id (its file name without .json), e.g. <c>next</c> or <c>2020.11</c>.</param>
/// <param name="Scores">The scoring matrix; capabilities it does not score are scored from their achievements in the current guideline.</param>
/// <param name="Flags">Approved flags to record on tests.</param>
/// <param name="Deprecate">Capabilities the committee deprecates (required capabilities are otherwise sticky).</param>
/// <param name="Candidates">Definitions (with tests) of capabilities that may enter as advisory, e.g. from another guideline file.</param>
/// <param name="Scheme">The weights and cutoff; by default those of the current guideline.</param>
/// <param name="Community">
/// Community data (from the registry): sets the "Widely Deployed" criterion of every capability it has data for, in
/// the matrix lines and in the achievements of capabilities the matrix does not score, before anything is decided.
/// </param>
/// <param name="DeployedThreshold">The share of clouds that makes a capability widely deployed, in (0, 1].</param>
public sealed record DraftOptions(
    GuidelineId Id,
    Worksheet? Scores = null,
    IReadOnlyList<ApprovedFlag>? Flags = null,
    IReadOnlyList<CapabilityId>? Deprecate = null,
    IReadOnlyList<Capability>? Candidates = null,
    ScoringScheme? Scheme = null,
    AdoptionReport? Community = null,
    double DeployedThreshold = WidelyDeployed.DefaultThreshold);
