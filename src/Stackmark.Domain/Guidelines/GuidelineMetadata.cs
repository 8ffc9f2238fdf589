namespace Stackmark;

/// <summary>What a guideline says about itself: approval, releases, scoring, provenance.</summary>
/// <param name="DeclaredId">The <c>id</c> written in the file (may differ from the file name).</param>
/// <param name="Status">draft, advisory, approved or superseded.</param>
/// <param name="Replaces">The guideline this one follows, as written (add-ons prefix it: dns.2019.11).</param>
/// <param name="TargetApproval">The target approval date or version, as written.</param>
/// <param name="Releases">OpenStack releases the guideline applies to.</param>
/// <param name="Source">Where the file says it lives.</param>
/// <param name="Reference">The schema document it references.</param>
/// <param name="CutoffScore">The score a capability needs to qualify (74 core, 60 add-ons); null in 2015 files.</param>
/// <param name="Criteria">The scoring criteria with weights.</param>
public sealed record GuidelineMetadata(
    string DeclaredId,
    string Status,
    string? Replaces,
    string? TargetApproval,
    IReadOnlyList<string> Releases,
    string? Source,
    string? Reference,
    int? CutoffScore,
    IReadOnlyList<Criterion> Criteria);
