namespace Stackmark;

/// <summary>The differences in designated sections between two guidelines, whatever their schemas.</summary>
public static class SectionDiff
{
    /// <summary>
    /// Projects added, removed or changed in (strongest) status, then sections added, removed or changed in status
    /// or designation; ordered by project, the project's own change first, then by section name (ordinal).
    /// </summary>
    /// <remarks>Descriptions, guidance and comments are not compared: they are prose, reworded freely.</remarks>
    public static IReadOnlyList<SectionChange> Compare(Guideline older, Guideline newer)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        var before = Projects(older);
        var after = Projects(newer);
        var changes = new List<SectionChange>();
        foreach (var project in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var b = before.GetValueOrDefault(project);
            var a = after.GetValueOrDefault(project);
            if (b?.Status != a?.Status)
            {
                changes.Add(new SectionChange(Kind(b, a), project, null, b?.Status, a?.Status, null, null));
            }

            var oldSections = b?.Sections ?? [];
            var newSections = a?.Sections ?? [];
            foreach (var name in oldSections.Keys.Union(newSections.Keys).Order(StringComparer.Ordinal))
            {
                var bs = oldSections.TryGetValue(name, out var x) ? x : ((SectionStatus, bool?)?)null;
                var @as = newSections.TryGetValue(name, out var y) ? y : ((SectionStatus, bool?)?)null;
                if (bs != @as)
                {
                    changes.Add(new SectionChange(Kind(bs, @as), project, name, bs?.Item1, @as?.Item1, bs?.Item2, @as?.Item2));
                }
            }
        }

        return changes;
    }

    private static SectionChangeKind Kind(object? before, object? after) =>
        before is null ? SectionChangeKind.Added : after is null ? SectionChangeKind.Removed : SectionChangeKind.Changed;

    // A project's strongest status, and each section's status and designation (a section listed under two
    // statuses counts under the stronger).
    private static Dictionary<string, ProjectSections> Projects(Guideline g)
    {
        var result = new Dictionary<string, ProjectSections>(StringComparer.Ordinal);
        foreach (var entry in g.DesignatedSections.OrderBy(d => d.Status))
        {
            if (!result.TryGetValue(entry.Project, out var p))
            {
                result[entry.Project] = p = new ProjectSections(entry.Status, new Dictionary<string, (SectionStatus, bool?)>(StringComparer.Ordinal));
            }

            foreach (var s in entry.Sections)
            {
                p.Sections.TryAdd(s.Name, (entry.Status, s.Designated));
            }
        }

        return result;
    }

    private sealed record ProjectSections(SectionStatus Status, Dictionary<string, (SectionStatus, bool?)> Sections);
}
