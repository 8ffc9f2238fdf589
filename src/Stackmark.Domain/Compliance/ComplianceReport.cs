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
    /// <summary>
    /// Whether the verdict may certify the cloud (<see cref="GuidelinesInForce.Judge"/>): a verdict against a draft or
    /// superseded guideline is still computed, and labelled not valid with the reason. Null when not judged.
    /// </summary>
    public CertificationValidity? Validity { get; init; }

    /// <summary>Compliant iff every counted test of every required capability passed (RefStack's rule).</summary>
    public bool Compliant => Capabilities.Where(c => c.Status == CapabilityStatus.Required).All(c => c.Pass);

    /// <summary>
    /// The run's verdict (<see cref="VerdictRule.Combine"/>): not compliant when a required capability is, else
    /// incomplete when one is, else compliant — which is <see cref="Compliant"/>.
    /// </summary>
    public ComplianceVerdict Verdict => VerdictRule.Combine(With(CapabilityStatus.Required).Select(c => c.Verdict));

    /// <summary>The required capabilities that did not pass, for the cloud's or the runner's reasons.</summary>
    public IEnumerable<CapabilityVerdict> FailingRequired => Capabilities.Where(c => c.Status == CapabilityStatus.Required && !c.Pass);

    /// <summary>
    /// What would complete the run: the counted misses of required capabilities that the run could not judge, grouped
    /// by cause (<see cref="CompletionStep.From"/>). Empty when every such test was judged.
    /// </summary>
    public IReadOnlyList<CompletionStep> ToComplete => CompletionStep.From(FailingRequired.SelectMany(c => c.Failing).Where(t => t.NotJudged));

    /// <summary>
    /// The designated sections a product of the target must run (required, one entry per project): results cannot
    /// show them, so a report only lists them; the registry has the vendor attest to them. Empty by default.
    /// </summary>
    public IReadOnlyList<DesignatedSection> DesignatedSections { get; init; } = [];

    /// <summary>The capabilities under one status.</summary>
    public IEnumerable<CapabilityVerdict> With(CapabilityStatus status) => Capabilities.Where(c => c.Status == status);
}
