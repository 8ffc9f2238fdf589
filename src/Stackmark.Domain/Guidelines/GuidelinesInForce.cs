using System.Globalization;

namespace Stackmark;

/// <summary>
/// Which guidelines are in force — may certify a cloud — on a day under a policy (<see cref="Judge"/>, the one rule),
/// and the default guideline: the newest in force for a target.
/// </summary>
/// <remarks>
/// <para>
/// The rule: a guideline is in force on a day when its file says <c>approved</c> (a <c>draft</c>, <c>advisory</c> or
/// <c>superseded</c> one, and <c>next</c> whatever it says, is not), its id's month (<c>YYYY.MM</c>, the month the
/// Board approved it) is not after that day, and — under <see cref="InForcePolicy.Recent"/> — it is among the N most
/// recent such guidelines of its kind. Kinds are judged apart: core guidelines among core ones, each add-on (dns,
/// orchestration) among add-ons of the same name.
/// </para>
/// <para>
/// The files record no date of supersession, so a status is today's: judged at a past date, a guideline the files now
/// mark superseded is not in force even if it was approved then. Every method is pure and thread-safe.
/// </para>
/// </remarks>
public static class GuidelinesInForce
{
    /// <summary>The status that puts a guideline in force.</summary>
    public const string ApprovedStatus = "approved";

    /// <summary>Whether the file says <paramref name="guideline"/> is approved (and it is not <c>next</c>, the draft by name).</summary>
    /// <remarks>The status part of <see cref="Judge"/> alone: no date, no policy.</remarks>
    public static bool IsInForce(GuidelineSummary guideline)
    {
        ArgumentNullException.ThrowIfNull(guideline);
        return !guideline.Id.IsNext && string.Equals(guideline.Status.Trim(), ApprovedStatus, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Whether a verdict against <paramref name="guideline"/> is valid for certification on <paramref name="on"/> under
    /// <paramref name="policy"/>, with a sentence naming the guideline, the rule that decided and the guidelines of its
    /// kind in force that day.
    /// </summary>
    /// <param name="guideline">The guideline judged (counted among <paramref name="all"/> even when absent from it).</param>
    /// <param name="all">The guidelines known (any kinds, any order); those of other kinds are ignored.</param>
    /// <param name="on">The day: today for a report, the day of verification for a registry's verified result.</param>
    /// <param name="policy">Which approved guidelines count.</param>
    public static CertificationValidity Judge(GuidelineSummary guideline, IReadOnlyList<GuidelineSummary> all, DateOnly on, InForcePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(guideline);
        ArgumentNullException.ThrowIfNull(all);
        var id = guideline.Id;
        var inForce = InForceAmong([guideline, .. all.Where(g => g.Id.AddOn == id.AddOn && g.Id != id)], on, policy);
        var kind = id.AddOn is { } addOn ? addOn + " add-ons" : "core guidelines";
        var context = $"in force for {kind} on {on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: "
            + (inForce.Count == 0 ? "none" : string.Join(", ", inForce.Select(g => g.Id)));
        if (inForce.Any(g => g.Id == id))
        {
            var why = policy.MostRecentApproved is null ? policy.Describe() : "one of " + policy.Describe();
            return new CertificationValidity(true, $"{id} is in force: {why}; {context}");
        }

        var status = guideline.Status.Trim();
        var date = DateOf(id);
        var reason = true switch
        {
            _ when id.IsNext => $"{id} is the draft of the next guideline (its own status: {(status.Length == 0 ? "none" : status)})",
            _ when !IsInForce(guideline) => $"{id} is {(status.Length == 0 ? "without a status" : status)} (its own status)",
            _ when date is null => $"{id} is approved but its id names no month (YYYY.MM)",
            _ when date > on => $"{id} is approved but dated {date.Value.ToString("yyyy-MM", CultureInfo.InvariantCulture)}, after {on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: not yet in force",
            _ => $"{id} is approved but not among the {policy.MostRecentApproved} most recent approved {kind} (policy {policy})",
        };
        return new CertificationValidity(false, $"{reason}; {context}");
    }

    /// <summary>The guidelines in force on <paramref name="on"/> under <paramref name="policy"/> that have <paramref name="target"/>, oldest first.</summary>
    public static IReadOnlyList<GuidelineSummary> For(IEnumerable<GuidelineSummary> guidelines, string target, DateOnly on, InForcePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(guidelines);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        IReadOnlyList<GuidelineSummary> all = [.. guidelines];
        return [.. all.Where(g => g.HasTarget(target) && Judge(g, all, on, policy).Valid).DistinctBy(g => g.Id).OrderBy(g => g.Id)];
    }

    /// <summary>The guidelines whose file says approved that have <paramref name="target"/>, oldest first (any date, status policy).</summary>
    public static IReadOnlyList<GuidelineSummary> For(IEnumerable<GuidelineSummary> guidelines, string target) =>
        For(guidelines, target, DateOnly.MaxValue, InForcePolicy.Status);

    /// <summary>The newest guideline in force on <paramref name="on"/> under <paramref name="policy"/> with <paramref name="target"/>; null when none is.</summary>
    /// <remarks>Newest by version; a core and an add-on file never both have one target, so ids compare within one kind.</remarks>
    public static GuidelineSummary? Newest(IEnumerable<GuidelineSummary> guidelines, string target, DateOnly on, InForcePolicy policy) =>
        For(guidelines, target, on, policy).MaxBy(g => g.Id.Version, StringComparer.Ordinal);

    /// <summary>The newest guideline whose file says approved with <paramref name="target"/> (any date); null when none is.</summary>
    public static GuidelineSummary? Newest(IEnumerable<GuidelineSummary> guidelines, string target) =>
        Newest(guidelines, target, DateOnly.MaxValue, InForcePolicy.Status);

    /// <summary>The first day of the month a dated id names (<c>2020.06</c>: 2020-06-01); null for <c>next</c> or a month out of range.</summary>
    public static DateOnly? DateOf(GuidelineId id)
    {
        if (id.IsNext || id.Version is not { Length: 7 } v
            || !int.TryParse(v.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(v.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || year < 1 || month is < 1 or > 12)
        {
            return null;
        }

        return new DateOnly(year, month, 1);
    }

    // One kind's guidelines in force, newest first: approved, dated by `on`, then cut to the policy's N.
    private static List<GuidelineSummary> InForceAmong(IEnumerable<GuidelineSummary> peers, DateOnly on, InForcePolicy policy)
    {
        var approved = peers.DistinctBy(g => g.Id)
            .Where(g => IsInForce(g) && DateOf(g.Id) is { } d && d <= on)
            .OrderByDescending(g => g.Id);
        return [.. policy.MostRecentApproved is { } n ? approved.Take(n) : approved];
    }
}
