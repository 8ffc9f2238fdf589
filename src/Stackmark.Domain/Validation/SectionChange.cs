namespace Stackmark;

/// <summary>What happened to a project's designated sections, or to one section, between two guidelines.</summary>
public enum SectionChangeKind
{
    /// <summary>Newly listed.</summary>
    Added,

    /// <summary>No longer listed.</summary>
    Removed,

    /// <summary>Listed in both, with another status or designation.</summary>
    Changed,
}

/// <summary>A change of designated sections between two guidelines.</summary>
/// <param name="Kind">What changed.</param>
/// <param name="Project">The project.</param>
/// <param name="Section">The section's name; null for a change of the project's entry as a whole.</param>
/// <param name="StatusBefore">Its status before (null: absent). For a project, its strongest status.</param>
/// <param name="StatusAfter">Its status after (null: absent).</param>
/// <param name="DesignatedBefore">Whether the section was designated before (null: absent, open, or a project change).</param>
/// <param name="DesignatedAfter">Whether the section is designated after.</param>
public sealed record SectionChange(
    SectionChangeKind Kind,
    string Project,
    string? Section,
    SectionStatus? StatusBefore,
    SectionStatus? StatusAfter,
    bool? DesignatedBefore,
    bool? DesignatedAfter);
