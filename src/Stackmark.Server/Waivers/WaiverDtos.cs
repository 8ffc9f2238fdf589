namespace Stackmark.Server.Waivers;

/// <summary>A waiver as the API shows it; <c>state</c> is <c>active</c>, <c>expired</c> or <c>revoked</c> by the registry's clock.</summary>
internal sealed record WaiverDto(
    string Id, string ProductId, string? Guideline, string? Target, string? Capability, List<string> Tests, string Reason, string Expires,
    string State, string GrantedBy, string GrantedAt, string? RevokedBy, string? RevokedAt);

/// <summary>A failing test of a run that a waiver names (or whose capability it names).</summary>
internal sealed record CoveredTest(string Capability, string Name, string? Status);

/// <summary>A waiver in scope of a compliance report, with the failing tests of that report it covers.</summary>
internal sealed record WaiverInReport(WaiverDto Waiver, List<CoveredTest> Covers);

/// <summary>
/// The <c>waivers</c> field added to a run's compliance JSON when its product has waivers for the report's guideline
/// and target. <c>strict_compliant</c> is the stored verdict, unchanged; <c>compliant_with_waivers</c> is true when
/// every failing test of every failing required capability is covered by an active waiver; <c>uncovered</c> lists the
/// failing required tests no active waiver covers.
/// </summary>
internal sealed record WaiverSummary(bool StrictCompliant, bool CompliantWithWaivers, List<CoveredTest> Uncovered, List<WaiverInReport> Items);
