namespace Stackmark;

/// <summary>Community data for one guideline's target over a window: every capability's adoption.</summary>
/// <param name="Guideline">The guideline the results were judged against.</param>
/// <param name="Target">The target (platform, compute, object, or an add-on's).</param>
/// <param name="Window">The window the results were taken from.</param>
/// <param name="Results">Results uploaded in the window (all of them, not only each cloud's latest).</param>
/// <param name="Clouds">Distinct clouds with a result in the window.</param>
/// <param name="Products">Distinct products linked to some cloud's latest result in the window.</param>
/// <param name="Capabilities">Every capability of the target, in the guideline's order.</param>
public sealed record AdoptionReport(
    GuidelineId Guideline,
    string Target,
    CommunityWindow Window,
    int Results,
    int Clouds,
    int Products,
    IReadOnlyList<CapabilityAdoption> Capabilities)
{
    /// <summary>The rule, in words, as the API and the page state it.</summary>
    public const string Rule =
        "A capability passes for a cloud (cpid) when, in that cloud's latest result uploaded in the window, every one of its "
        + "non-flagged tests passed (tests matched by idempotent id, then name, then aliases); a capability without "
        + "non-flagged tests never passes. Advisory, deprecated and removed capabilities are counted like required ones. "
        + "A product passes when the latest result of one of its clouds passes. The trend gives the same counts at the end "
        + "of each month, over the results from the window's start to then.";

    /// <summary>The adoption of one capability, or null when the target does not list it.</summary>
    public CapabilityAdoption? Find(CapabilityId capability) => Capabilities.FirstOrDefault(c => c.Id == capability);
}
