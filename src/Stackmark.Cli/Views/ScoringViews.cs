using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Stackmark.Cli.Views;

/// <summary>Maps worksheet checks, matrices and drafts to renderables; writes nothing itself.</summary>
internal static class ScoringViews
{
    public static IRenderable Check(string file, ScoringScheme scheme, IReadOnlyList<LineVerdict> verdicts)
    {
        var rows = new List<IRenderable>
        {
            new Markup(Markup.Escape($"{file}: {verdicts.Count} score lines, {scheme.Description} (cutoff {scheme.CutoffScore})")),
        };
        foreach (var v in verdicts.Where(v => v.IsWrong))
        {
            rows.Add(new Markup($"[red]✗[/] {Markup.Escape($"{file}:{v.Entry.LineNumber} {v.Entry.Line.Capability}: {v.Problem}")}"));
        }

        foreach (var v in verdicts.Where(v => v.UnweighedCriteria.Count > 0))
        {
            rows.Add(new Markup($"[yellow]note[/] {Markup.Escape($"{file}:{v.Entry.LineNumber} {v.Entry.Line.Capability}: scored 1 on {string.Join(", ", v.UnweighedCriteria)}, which the weights do not count")}"));
        }

        var wrong = verdicts.Count(v => v.IsWrong);
        var incomplete = verdicts.Count(v => !v.Computed.IsComplete);
        var qualifying = verdicts.Count(v => v.Qualifies);
        var summary = $"{qualifying} qualify, {incomplete} incompletely scored";
        rows.Add(wrong == 0
            ? new Markup($"[green]✓[/] {Markup.Escape($"every recorded total and star is right ({summary})")}")
            : new Markup($"[red]{wrong} of {verdicts.Count} lines wrong[/] {Markup.Escape($"({summary})")}"));
        return new Rows(rows);
    }

    public static IRenderable Matrix(string file, ScoringScheme scheme, IReadOnlyList<LineVerdict> verdicts)
    {
        var table = new Table().Border(TableBorder.Simple).Title(Markup.Escape($"{file} — {scheme.Description}, cutoff {scheme.CutoffScore}"));
        table.AddColumn("Section").AddColumn("Capability");
        foreach (var key in ScoringScheme.WorksheetOrder)
        {
            var weight = scheme.Weighs(key) ? scheme.WeightOf(key).ToString(CultureInfo.InvariantCulture) : "–";
            table.AddColumn(new TableColumn(Markup.Escape($"{key}\n{weight}")).Centered());
        }

        table.AddColumn(new TableColumn("non-\nadmin").Centered()).AddColumn(new TableColumn("Recorded").RightAligned())
            .AddColumn(new TableColumn("Total").RightAligned()).AddColumn("Qualifies");
        foreach (var v in verdicts)
        {
            var line = v.Entry.Line;
            var cells = new List<string> { Markup.Escape(v.Entry.Section ?? ""), Markup.Escape(line.Capability.Value) };
            cells.AddRange(line.Marks.All.Select(m => Markup.Escape(m.ToChar().ToString())));
            cells.Add(Markup.Escape(line.NonAdmin.ToChar().ToString()));
            cells.Add(Markup.Escape(line.RecordedTotal.ToString(CultureInfo.InvariantCulture) + (line.RecordedStar ? "*" : "")));
            cells.Add(v.TotalWrong ? $"[red]{v.Computed}[/]" : Markup.Escape(v.Computed.ToString()));
            cells.Add((v.Qualifies ? "[green]yes[/]" : v.Computed.IsComplete ? "no" : "[yellow]incomplete[/]") + (v.StarWrong ? " [red](star wrong)[/]" : ""));
            table.AddRow([.. cells]);
        }

        return table;
    }

    public static IRenderable Draft(DraftResult result, GuidelineId id)
    {
        var scheme = result.Scheme;
        var rows = new List<IRenderable>
        {
            new Markup($"[bold]Draft {Markup.Escape(id.ToString())}[/] {Markup.Escape($"from {result.From?.Id}" + (scheme is null ? "" : $", {scheme.Description}, cutoff {scheme.CutoffScore}"))}"),
        };
        foreach (var c in result.DeployedChanges)
        {
            rows.Add(new Markup(Markup.Escape($"community: {c.Capability} widely deployed {c.Old.ToChar()} -> {c.New.ToChar()} ({c.CloudsPassing}/{c.CloudsTotal} clouds), score {c.OldTotal} -> {c.NewTotal}")));
        }

        var decisions = result.Decisions.Where(d => d.IsChange || d.After is null).ToList();
        if (decisions.Count > 0)
        {
            var table = new Table().Border(TableBorder.Simple).Title("Lifecycle decisions");
            table.AddColumns("Component", "Capability", "Before", "After", "Score", "Why");
            foreach (var d in decisions)
            {
                table.AddRow(Markup.Escape(d.Component), Markup.Escape(d.Capability.Value), d.Before?.ToWord() ?? "–", d.After?.ToWord() ?? "–",
                    Markup.Escape(d.Score?.ToString() ?? ""), Markup.Escape(d.Reason));
            }

            rows.Add(table);
        }
        else
        {
            rows.Add(new Markup("No capability changes status."));
        }

        foreach (var f in result.Flags)
        {
            rows.Add(new Markup($"[yellow]flagged[/] {Markup.Escape($"{f.Test} ({f.Capability}): {f.Source.ReasonCode} {f.Source.Rationale}")}"));
        }

        return new Rows(rows);
    }
}
