namespace Stackmark;

/// <summary>What the draft does with one capability in one component, and why.</summary>
/// <param name="Component">The component (os_powered_compute, …).</param>
/// <param name="Capability">The capability.</param>
/// <param name="Before">Its status in the current guideline (null: not listed).</param>
/// <param name="After">Its status in the draft (null: not listed).</param>
/// <param name="Score">Its score, when known.</param>
/// <param name="Reason">The lifecycle rule applied, in words.</param>
public sealed record DraftDecision(string Component, CapabilityId Capability, CapabilityStatus? Before, CapabilityStatus? After, Score? Score, string Reason)
{
    /// <summary>Whether the status changes.</summary>
    public bool IsChange => Before != After;
}
