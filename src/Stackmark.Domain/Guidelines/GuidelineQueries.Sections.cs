namespace Stackmark;

public static partial class GuidelineQueries
{
    /// <summary>
    /// The designated sections that apply to a target: per component of the target, each project's sections with
    /// their status, in component order.
    /// </summary>
    /// <remarks>
    /// 2.0 files say it per component (<see cref="Component.DesignatedSections"/>, status → projects); the status
    /// is the component's, the guidance and sections come from the project's entry of that status (else its first
    /// entry: dns.next lists designate as advisory while its sections are written as required). 1.x files have no
    /// such list: a project applies to a component when the component lists one of its capabilities as required,
    /// as the process says (sections apply only to projects with required capabilities); every status the file
    /// gives the project is then listed. Components in another file are not followed.
    /// </remarks>
    /// <exception cref="ArgumentException">The guideline has no such target.</exception>
    public static IReadOnlyList<TargetSection> SectionsOf(this Guideline guideline, string target)
    {
        var t = guideline.FindTarget(target)
            ?? throw new ArgumentException($"guideline {guideline.Id} has no target \"{target}\" (it has: {string.Join(", ", guideline.Targets.Select(x => x.Key))})", nameof(target));
        var list = new List<TargetSection>();
        foreach (var componentRef in t.Components)
        {
            if (guideline.TryGetComponent(componentRef.Name, out var component))
            {
                list.AddRange(SectionsOf(guideline, component));
            }
        }

        return list;
    }

    /// <summary>The designated sections of every component of the guideline, in file order (see <see cref="SectionsOf(Guideline, string)"/>).</summary>
    public static IReadOnlyList<TargetSection> SectionsByComponent(this Guideline guideline) =>
        [.. guideline.Components.SelectMany(c => SectionsOf(guideline, c))];

    /// <summary>
    /// The sections a product of the target must contain: the required entries, one per project however many
    /// components bring it in.
    /// </summary>
    public static IReadOnlyList<DesignatedSection> RequiredSectionsOf(this Guideline guideline, string target) =>
        [.. guideline.SectionsOf(target).Where(s => s.Status == SectionStatus.Required).Select(s => s.Section).Distinct()];

    private static IEnumerable<TargetSection> SectionsOf(Guideline guideline, Component component)
    {
        if (guideline.Schema == "2.0")
        {
            foreach (var (word, projects) in component.DesignatedSections)
            {
                if (!SectionStatuses.TryParse(word, out var status))
                {
                    continue;
                }

                foreach (var project in projects)
                {
                    var entries = guideline.DesignatedSections.Where(d => d.Project == project).ToList();
                    var entry = entries.FirstOrDefault(d => d.Status == status) ?? entries.FirstOrDefault()
                        ?? new DesignatedSection(project, status, null, null, []);
                    yield return new TargetSection(component.Name, status, entry);
                }
            }

            yield break;
        }

        var projectsWithRequired = component.With(CapabilityStatus.Required)
            .Select(id => guideline.TryGetCapability(id, out var c) ? c.Project : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        foreach (var entry in guideline.DesignatedSections.Where(d => projectsWithRequired.Contains(d.Project)))
        {
            yield return new TargetSection(component.Name, entry.Status, entry);
        }
    }
}
