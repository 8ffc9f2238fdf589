using Spectre.Console;
using Spectre.Console.Rendering;

namespace Stackmark.Cli.Views;

internal static partial class GuidelineViews
{
    /// <summary>
    /// The designated sections per component and status, then the projects no component brings in (informational
    /// ones, 1.x projects without required capabilities).
    /// </summary>
    public static IRenderable Sections(Guideline g)
    {
        var applied = g.SectionsByComponent();
        var table = new Table().Border(TableBorder.Simple).Title("Designated sections");
        table.AddColumns("Component", "Status", "Project", "Designated", "Not designated");
        foreach (var s in applied)
        {
            table.AddRow(
                Markup.Escape(s.Component), SectionStatusMarkup(s.Status), Markup.Escape(s.Project),
                Names(s.Section.Designated), Names(s.Section.NotDesignated));
        }

        var rows = new List<IRenderable> { table };
        var others = g.DesignatedSections.Where(d => !applied.Any(a => a.Section == d)).ToList();
        if (others.Count > 0)
        {
            rows.Add(new Markup("[grey]In no component:[/] " + Markup.Escape(string.Join(", ", others.Select(d => $"{d.Project} ({d.Status.ToWord()})")))));
        }

        return new Rows(rows);
    }

    /// <summary>
    /// One project's sections on one line, as markup: designated and not designated names, or the guidance when the
    /// guideline names no sections.
    /// </summary>
    public static string SectionLine(DesignatedSection d) => d.Sections.Count == 0
        ? $"{Markup.Escape(d.Project)}: {Markup.Escape(d.Guidance ?? "no sections named")}"
        : $"{Markup.Escape(d.Project)}: designated {Names(d.Designated)}; not designated {Names(d.NotDesignated)}";

    /// <summary>Section changes of <c>guidelines diff</c>.</summary>
    public static IRenderable SectionDiff(IReadOnlyList<SectionChange> changes)
    {
        var rows = new List<IRenderable> { new Markup($"[bold]designated sections[/]: {changes.Count} changes") };
        foreach (var c in changes)
        {
            var what = c.Kind switch
            {
                SectionChangeKind.Added => $"[green]+ added[/] as {Word(c.StatusAfter)}" + Designation(c.DesignatedAfter),
                SectionChangeKind.Removed => $"[red]- removed[/] (was {Word(c.StatusBefore)}{Designation(c.DesignatedBefore)})",
                _ => "[yellow]~ " + string.Join(", ", Changed(c)) + "[/]",
            };
            var subject = c.Section is null ? $"project {Markup.Escape(c.Project)}" : $"section {Markup.Escape(c.Project)}: {Markup.Escape(c.Section)}";
            rows.Add(new Markup($"  {subject} {what}"));
        }

        return new Rows(rows);
    }

    private static IEnumerable<string> Changed(SectionChange c)
    {
        if (c.StatusBefore != c.StatusAfter)
        {
            yield return $"{Word(c.StatusBefore)} → {Word(c.StatusAfter)}";
        }

        if (c.DesignatedBefore != c.DesignatedAfter)
        {
            yield return $"{DesignationWord(c.DesignatedBefore)} → {DesignationWord(c.DesignatedAfter)}";
        }
    }

    private static string Word(SectionStatus? s) => s?.ToWord() ?? "absent";

    private static string Designation(bool? designated) => designated is null ? "" : ", " + DesignationWord(designated);

    private static string DesignationWord(bool? designated) => designated switch
    {
        true => "designated",
        false => "not designated",
        _ => "open",
    };

    private static string SectionStatusMarkup(SectionStatus s) => s switch
    {
        SectionStatus.Required => "[green]required[/]",
        SectionStatus.Advisory => "[yellow]advisory[/]",
        _ => s.ToWord(),
    };

    // "—" when there are none: nova designates everything but the sections it names.
    private static string Names(IEnumerable<CodeSection> sections)
    {
        var names = sections.Select(s => s.Name).ToList();
        return names.Count == 0 ? "—" : Markup.Escape(string.Join(", ", names));
    }
}
