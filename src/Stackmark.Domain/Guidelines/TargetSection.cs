namespace Stackmark;

/// <summary>A project's designated sections as one component of a target applies them.</summary>
/// <param name="Component">The component that brings the project in (os_powered_compute; compute or object in 1.x files).</param>
/// <param name="Status">The sections' status for that component.</param>
/// <param name="Section">The project's guidance and sections.</param>
public sealed record TargetSection(string Component, SectionStatus Status, DesignatedSection Section)
{
    /// <summary>The project (nova, swift, …).</summary>
    public string Project => Section.Project;
}
