using Spectre.Console;
using Spectre.Console.Rendering;

namespace Stackmark.Cli.Views;

/// <summary>Maps guidelines, findings and diffs to renderables; writes nothing itself.</summary>
internal static partial class GuidelineViews
{
    public static IRenderable List(string source, IReadOnlyList<(GuidelineId Id, LoadResult Result)> loaded)
    {
        var table = new Table().Border(TableBorder.Simple).Title(Markup.Escape($"Guidelines in {source}"));
        table.AddColumns("Guideline", "Kind", "Schema", "Status", "Targets", "Capabilities", "Warnings");
        foreach (var (id, r) in loaded)
        {
            if (r.Value is { } g)
            {
                table.AddRow(
                    Markup.Escape(id.ToString()),
                    g.Kind == GuidelineKind.Core ? "core" : "add-on",
                    g.Schema,
                    StatusMarkup(g.Metadata.Status),
                    Markup.Escape(string.Join(", ", g.Targets.Select(t => t.Key))),
                    g.Capabilities.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    g.Warnings.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                table.AddRow(Markup.Escape(id.ToString()), "[red]error[/]", "", "", "", "", "");
            }
        }

        var errors = loaded.Where(l => !l.Result.Success).Select(l => (IRenderable)new Markup($"[red]error[/] {Markup.Escape(l.Result.Error!.ToString())}"));
        return new Rows([table, .. errors]);
    }

    private static string StatusMarkup(string status) => status switch
    {
        "approved" => "[green]approved[/]",
        "draft" => "[yellow]draft[/]",
        _ => Markup.Escape(status),
    };

    public static IRenderable Show(Guideline g)
    {
        var m = g.Metadata;
        var rows = new List<IRenderable>
        {
            new Markup($"[bold]Guideline {Markup.Escape(g.Id.ToString())}[/] ({(g.Kind == GuidelineKind.Core ? "core" : "add-on")}, schema {g.Schema}, {StatusMarkup(m.Status)})"),
        };
        var facts = new Grid().AddColumn().AddColumn();
        void Fact(string k, string? v)
        {
            if (!string.IsNullOrEmpty(v))
            {
                facts.AddRow(new Text(k), new Text(v));
            }
        }

        Fact("Replaces", m.Replaces);
        Fact("Target approval", m.TargetApproval);
        Fact("Releases", string.Join(", ", m.Releases));
        Fact("Cutoff score", m.CutoffScore?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Fact("Criteria", string.Join(", ", m.Criteria.Select(c => $"{c.Name} {c.Weight}")));
        Fact("Test repositories", string.Join(", ", g.TestRepositories.Select(r => $"{r.Name} {r.Reference}")));
        Fact("Source", m.Source);
        rows.Add(facts);

        var programs = new Table().Border(TableBorder.Simple).Title("Programs");
        programs.AddColumns("Target", "Program", "Components", "Required", "Advisory", "Deprecated", "Removed", "Required tests (flagged)");
        foreach (var t in g.Targets)
        {
            var caps = g.CapabilitiesOf(t.Key);
            string Count(CapabilityStatus s) => caps.Count(c => c.Status == s).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var required = g.Tests(new TestListQuery(t.Key, [CapabilityStatus.Required]));
            var components = string.Join(", ", t.Components.Select(c => c.Name));
            if (t.RequiredPlatformComponents.Count > 0)
            {
                components += " (+ " + string.Join(", ", t.RequiredPlatformComponents.Select(c => $"{c.Name} of {Path.GetFileName(c.Source ?? "core")}")) + ")";
            }

            programs.AddRow(
                Markup.Escape(t.Key), Markup.Escape(t.Name), Markup.Escape(components),
                Count(CapabilityStatus.Required), Count(CapabilityStatus.Advisory), Count(CapabilityStatus.Deprecated), Count(CapabilityStatus.Removed),
                $"{required.Count} ({required.Count(x => x.Test.IsFlagged)})");
        }

        rows.Add(programs);
        var components2 = new Table().Border(TableBorder.Simple).Title("Components");
        components2.AddColumns("Component", "Required", "Advisory", "Deprecated", "Removed");
        foreach (var c in g.Components)
        {
            components2.AddRow(
                Markup.Escape(c.Name),
                c.With(CapabilityStatus.Required).Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                c.With(CapabilityStatus.Advisory).Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                c.With(CapabilityStatus.Deprecated).Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                c.With(CapabilityStatus.Removed).Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        rows.Add(components2);
        return new Rows(rows);
    }

    /// <summary>Findings: every one when <paramref name="all"/>, else a count per code with the first location.</summary>
    public static IRenderable Warnings(IReadOnlyList<Finding> findings, bool all)
    {
        if (findings.Count == 0)
        {
            return new Text("");
        }

        var lines = new List<IRenderable>();
        var errors = findings.Where(f => f.Severity == Severity.Error).ToList();
        foreach (var e in errors)
        {
            lines.Add(new Markup($"  [red]error[/] {Markup.Escape(e.Location.ToString())}: {Markup.Escape(e.Message)} [grey][[{Markup.Escape(e.Code)}]][/]"));
        }

        var warnings = findings.Where(f => f.Severity == Severity.Warning).ToList();
        if (all)
        {
            foreach (var w in warnings)
            {
                lines.Add(new Markup($"  [yellow]warning[/] {Markup.Escape(w.Location.ToString())}: {Markup.Escape(w.Message)} [grey][[{Markup.Escape(w.Code)}]][/]"));
            }
        }
        else
        {
            foreach (var group in warnings.GroupBy(w => w.Code))
            {
                var first = group.First();
                lines.Add(new Markup($"  [yellow]warning[/] {group.Count()} × {Markup.Escape(group.Key)}, e.g. {Markup.Escape(first.Location.ToString())}: {Markup.Escape(first.Message)}"));
            }

            if (warnings.Count > 0)
            {
                lines.Add(new Markup("  [grey](--warnings lists every one with its location)[/]"));
            }
        }

        return new Rows(lines);
    }

    public static IRenderable Diff(GuidelineId older, GuidelineId newer, IReadOnlyList<TargetDiff> diffs)
    {
        var rows = new List<IRenderable>();
        foreach (var d in diffs)
        {
            rows.Add(new Markup($"[bold]{Markup.Escape(d.Target)}[/]: {older} → {newer}: {d.Capabilities.Count} capability changes, {d.Tests.Count} test changes"));
            foreach (var c in d.Capabilities)
            {
                var what = (c.Before, c.After) switch
                {
                    (null, { } a) => $"[green]+ added[/] as {a.ToWord()}",
                    ({ } b, null) => $"[red]- removed[/] (was {b.ToWord()})",
                    var (b, a) => $"[yellow]~ {b!.Value.ToWord()} → {a!.Value.ToWord()}[/]",
                };
                rows.Add(new Markup($"  capability {Markup.Escape(c.Capability.Value)} {what}"));
            }

            foreach (var t in d.Tests)
            {
                var what = t.Kind switch
                {
                    TestChangeKind.Added => "[green]+ added[/]",
                    TestChangeKind.Removed => "[red]- removed[/]",
                    TestChangeKind.Flagged => $"[yellow]flagged[/] ({Markup.Escape(t.Detail ?? "")})",
                    TestChangeKind.Unflagged => "[green]unflagged[/]",
                    _ => $"[blue]renamed[/] from {Markup.Escape(t.Detail ?? "")}",
                };
                rows.Add(new Markup($"  test {Markup.Escape(t.Test.Value)} ({Markup.Escape(t.Capability.Value)}) {what}"));
            }
        }

        return new Rows(rows);
    }
}
