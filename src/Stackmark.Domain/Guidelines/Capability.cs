namespace Stackmark;

/// <summary>A capability: a user-visible feature, scored against the criteria and proven by its tests.</summary>
/// <param name="Id">The capability's name.</param>
/// <param name="Project">The OpenStack project providing it (nova, swift, …).</param>
/// <param name="Description">What it is, in the committee's words.</param>
/// <param name="Admin">Whether it needs admin rights (which vetoes it for the core program).</param>
/// <param name="Achievements">Keys of the criteria it meets.</param>
/// <param name="RequiredSince">The guideline in which it became required, if any.</param>
/// <param name="Tests">Its tests, in file order.</param>
public sealed record Capability(
    CapabilityId Id,
    string? Project,
    string? Description,
    bool Admin,
    IReadOnlyList<string> Achievements,
    string? RequiredSince,
    IReadOnlyList<GuidelineTest> Tests);
