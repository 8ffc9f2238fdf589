namespace Stackmark;

/// <summary>A capability as one target sees it: its strongest status across the target's components.</summary>
/// <param name="Id">The capability.</param>
/// <param name="Status">Its status for the target (required beats advisory beats deprecated beats removed).</param>
/// <param name="Definition">Its definition, or null when the file names it without defining it (0 tests).</param>
public sealed record TargetCapability(CapabilityId Id, CapabilityStatus Status, Capability? Definition)
{
    /// <summary>The capability's tests (none when undefined).</summary>
    public IReadOnlyList<GuidelineTest> Tests => Definition?.Tests ?? [];
}
