namespace Stackmark;

/// <summary>Code of a project that a marked product must contain (or need not), with the committee's guidance.</summary>
/// <param name="Project">The project (nova, swift, …).</param>
/// <param name="Status">Where the project's sections stand in the guideline.</param>
/// <param name="Guidance">The guidance text.</param>
/// <param name="Comment">An optional comment.</param>
/// <param name="Sections">The named sections, in file order, each saying whether it is designated.</param>
public sealed record DesignatedSection(
    string Project,
    SectionStatus Status,
    string? Guidance,
    string? Comment,
    IReadOnlyList<CodeSection> Sections)
{
    /// <summary>The sections a marked product must contain (those marked designated).</summary>
    public IEnumerable<CodeSection> Designated => Sections.Where(s => s.Designated == true);

    /// <summary>The sections a product may replace (marked not designated).</summary>
    public IEnumerable<CodeSection> NotDesignated => Sections.Where(s => s.Designated == false);
}

/// <summary>A test repository a guideline pins (Tempest, or an add-on's plugin).</summary>
/// <param name="Name">Its key, e.g. tempest.</param>
/// <param name="Repository">Its URL.</param>
/// <param name="Reference">The pinned commit or branch.</param>
public sealed record TestRepository(string Name, string? Repository, string? Reference);
