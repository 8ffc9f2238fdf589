namespace Stackmark;

/// <summary>Code of a project that a marked product must contain (or need not), with the committee's guidance.</summary>
/// <param name="Project">The project (nova, swift, …).</param>
/// <param name="Status">required, advisory, deprecated, removed or informational.</param>
/// <param name="Guidance">The guidance text.</param>
/// <param name="Comment">An optional comment.</param>
/// <param name="Sections">Named sections and whether each is designated (null when the file leaves it open).</param>
public sealed record DesignatedSection(
    string Project,
    string Status,
    string? Guidance,
    string? Comment,
    IReadOnlyDictionary<string, bool?> Sections);

/// <summary>A test repository a guideline pins (Tempest, or an add-on's plugin).</summary>
/// <param name="Name">Its key, e.g. tempest.</param>
/// <param name="Repository">Its URL.</param>
/// <param name="Reference">The pinned commit or branch.</param>
public sealed record TestRepository(string Name, string? Repository, string? Reference);
