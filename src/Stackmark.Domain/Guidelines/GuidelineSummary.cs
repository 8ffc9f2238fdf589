namespace Stackmark;

/// <summary>What choosing a guideline needs to know about one, without its capabilities.</summary>
/// <param name="Id">The guideline (its file's identity).</param>
/// <param name="Status">The status the file declares: draft, advisory, approved or superseded.</param>
/// <param name="Targets">The keys of its targets (platform, compute, object; dns, orchestration for add-ons).</param>
public sealed record GuidelineSummary(GuidelineId Id, string Status, IReadOnlyList<string> Targets)
{
    /// <summary>The summary of a loaded guideline.</summary>
    public static GuidelineSummary Of(Guideline guideline)
    {
        ArgumentNullException.ThrowIfNull(guideline);
        return new(guideline.Id, guideline.Metadata.Status, [.. guideline.Targets.Select(t => t.Key)]);
    }

    /// <summary>Whether the guideline has the target <paramref name="key"/> (any case).</summary>
    public bool HasTarget(string key) => Targets.Any(t => string.Equals(t, key, StringComparison.OrdinalIgnoreCase));
}
