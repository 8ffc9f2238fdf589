namespace Stackmark;

/// <summary>Whether a set of results complies with a guideline's target, capability by capability.</summary>
/// <param name="Guideline">The guideline judged against.</param>
/// <param name="Target">The target (program).</param>
/// <param name="Capabilities">Every capability of the target with its verdict.</param>
/// <param name="UnmatchedResults">Results that match no test of the target (e.g. extra tests run).</param>
public sealed record ComplianceReport(
    GuidelineId Guideline,
    Target Target,
    IReadOnlyList<CapabilityVerdict> Capabilities,
    int UnmatchedResults)
{
    /// <summary>Compliant iff every counted test of every required capability passed (RefStack's rule).</summary>
    public bool Compliant => Capabilities.Where(c => c.Status == CapabilityStatus.Required).All(c => c.Pass);

    /// <summary>The required capabilities that did not pass.</summary>
    public IEnumerable<CapabilityVerdict> FailingRequired => Capabilities.Where(c => c.Status == CapabilityStatus.Required && !c.Pass);

    /// <summary>The capabilities under one status.</summary>
    public IEnumerable<CapabilityVerdict> With(CapabilityStatus status) => Capabilities.Where(c => c.Status == status);
}
