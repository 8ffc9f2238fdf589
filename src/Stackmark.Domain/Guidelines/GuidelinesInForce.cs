namespace Stackmark;

/// <summary>
/// Which guidelines a cloud can be certified against today, and the default one: the newest in force for a target.
/// </summary>
/// <remarks>
/// "In force" is, for now, the status the file declares: <c>approved</c>. A superseded guideline no longer is (the
/// committee keeps the two newest approved ones; the files mark the older ones superseded), a draft (<c>next</c>) or
/// advisory one not yet. Dates (a guideline's approval, or its successor's plus the grace period) are not considered.
/// Add-on targets (dns, orchestration) are found in the add-on guidelines, since only those have them.
/// </remarks>
public static class GuidelinesInForce
{
    /// <summary>The status that puts a guideline in force.</summary>
    public const string ApprovedStatus = "approved";

    /// <summary>Whether <paramref name="guideline"/> is in force: its file says approved (and it is not <c>next</c>, the draft by name).</summary>
    public static bool IsInForce(GuidelineSummary guideline)
    {
        ArgumentNullException.ThrowIfNull(guideline);
        return !guideline.Id.IsNext && string.Equals(guideline.Status.Trim(), ApprovedStatus, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The guidelines in force that have <paramref name="target"/>, oldest first.</summary>
    public static IReadOnlyList<GuidelineSummary> For(IEnumerable<GuidelineSummary> guidelines, string target)
    {
        ArgumentNullException.ThrowIfNull(guidelines);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        return [.. guidelines.Where(g => IsInForce(g) && g.HasTarget(target)).OrderBy(g => g.Id)];
    }

    /// <summary>The newest guideline in force with <paramref name="target"/>; null when none is.</summary>
    /// <remarks>Newest by version; a core and an add-on file never both have one target, so ids compare within one kind.</remarks>
    public static GuidelineSummary? Newest(IEnumerable<GuidelineSummary> guidelines, string target) =>
        For(guidelines, target).MaxBy(g => g.Id.Version, StringComparer.Ordinal);
}
