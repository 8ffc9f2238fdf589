namespace Stackmark;

/// <summary>Where a project's designated sections stand in a guideline, strongest first.</summary>
/// <remarks>
/// The capability statuses plus <see cref="Informational"/>: commentary on a project (heat, horizon) that binds no
/// product. See https://opendev.org/openstack/interop/src/branch/master/doc/source/process/2021A.rst.
/// </remarks>
public enum SectionStatus
{
    /// <summary>A marked product must contain the designated sections.</summary>
    Required,

    /// <summary>Candidate for a future guideline.</summary>
    Advisory,

    /// <summary>Still listed, dropped by the next guideline.</summary>
    Deprecated,

    /// <summary>No longer part of the program.</summary>
    Removed,

    /// <summary>Commentary only; binds no product.</summary>
    Informational,
}

/// <summary>Parsing and naming of <see cref="SectionStatus"/> in the guideline files' words.</summary>
public static class SectionStatuses
{
    /// <summary>All statuses, strongest first.</summary>
    public static IReadOnlyList<SectionStatus> All { get; } =
        [SectionStatus.Required, SectionStatus.Advisory, SectionStatus.Deprecated, SectionStatus.Removed, SectionStatus.Informational];

    /// <summary>The lowercase word used in guideline files.</summary>
    public static string ToWord(this SectionStatus status) => status switch
    {
        SectionStatus.Required => "required",
        SectionStatus.Advisory => "advisory",
        SectionStatus.Deprecated => "deprecated",
        SectionStatus.Removed => "removed",
        _ => "informational",
    };

    /// <summary>Parses a status word (any case); false for anything else.</summary>
    public static bool TryParse(string? word, out SectionStatus status)
    {
        foreach (var s in All)
        {
            if (string.Equals(word?.Trim(), s.ToWord(), StringComparison.OrdinalIgnoreCase))
            {
                status = s;
                return true;
            }
        }

        status = default;
        return false;
    }
}
