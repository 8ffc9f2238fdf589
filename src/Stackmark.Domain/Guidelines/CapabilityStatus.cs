namespace Stackmark;

/// <summary>Where a capability stands in a component of a guideline, strongest first.</summary>
public enum CapabilityStatus
{
    /// <summary>Must pass for the mark.</summary>
    Required,

    /// <summary>Candidate for a future guideline; run, but not counted.</summary>
    Advisory,

    /// <summary>Still listed, dropped by the next guideline.</summary>
    Deprecated,

    /// <summary>No longer part of the program.</summary>
    Removed,
}

/// <summary>Parsing and naming of <see cref="CapabilityStatus"/> in the guideline files' words.</summary>
public static class CapabilityStatuses
{
    /// <summary>All statuses, strongest first.</summary>
    public static IReadOnlyList<CapabilityStatus> All { get; } =
        [CapabilityStatus.Required, CapabilityStatus.Advisory, CapabilityStatus.Deprecated, CapabilityStatus.Removed];

    /// <summary>The lowercase word used in guideline files and on the command line.</summary>
    public static string ToWord(this CapabilityStatus status) => status switch
    {
        CapabilityStatus.Required => "required",
        CapabilityStatus.Advisory => "advisory",
        CapabilityStatus.Deprecated => "deprecated",
        _ => "removed",
    };

    /// <summary>Parses a status word (any case); false for anything else.</summary>
    public static bool TryParse(string? word, out CapabilityStatus status)
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
