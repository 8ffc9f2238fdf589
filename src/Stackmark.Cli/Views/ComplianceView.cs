using Spectre.Console;
using Spectre.Console.Rendering;

namespace Stackmark.Cli.Views;

/// <summary>The text compliance report: a table per status, pass/fail coloured, then the failing required tests.</summary>
internal static class ComplianceView
{
    public static IRenderable Render(ComplianceReport report)
    {
        var rows = new List<IRenderable>
        {
            new Markup($"[bold]{Markup.Escape(report.Target.Name)}[/], guideline {Markup.Escape(report.Guideline.ToString())}: " +
                (report.Compliant ? "[green bold]COMPLIANT[/]" : "[red bold]NOT COMPLIANT[/]")),
        };
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumns("Capability", "Status", "Passed", "Flagged", "Verdict");
        foreach (var cap in report.Capabilities)
        {
            var verdict = cap.Pass ? "[green]pass[/]" : cap.Status == CapabilityStatus.Required ? "[red]fail[/]" : "[yellow]fail[/]";
            if (!cap.Pass && cap.OnlyMissCategory is { } only)
            {
                verdict += $" [grey](only {Markup.Escape(only)})[/]";
            }

            table.AddRow(
                Markup.Escape(cap.Id.Value) + (cap.Defined ? "" : " [grey](undefined)[/]"),
                cap.Status.ToWord(),
                $"{cap.Passed}/{cap.Counted}",
                cap.Flagged.ToString(System.Globalization.CultureInfo.InvariantCulture),
                verdict);
        }

        rows.Add(table);
        foreach (var status in CapabilityStatuses.All)
        {
            var caps = report.With(status).ToList();
            if (caps.Count > 0)
            {
                rows.Add(new Text($"{status.ToWord()}: {caps.Count(c => c.Pass)} of {caps.Count} capabilities pass, {caps.Sum(c => c.Passed)} of {caps.Sum(c => c.Counted)} tests"));
            }
        }

        var failing = report.FailingRequired.ToList();
        if (failing.Count > 0)
        {
            rows.Add(new Markup("[bold]Failing tests of required capabilities:[/]"));
            foreach (var cap in failing)
            {
                foreach (var t in cap.Failing)
                {
                    var why = t.Outcome?.Reason is { } r ? ": " + r : "";
                    rows.Add(new Markup($"  [red]✗[/] {Markup.Escape(t.Test.Name.Value)} [grey]({Markup.Escape(cap.Id.Value)}, {Status(t.Status)}{Markup.Escape(why)})[/]"));
                }
            }
        }

        return new Rows(rows);
    }

    private static string Status(TestStatus s) => s switch
    {
        TestStatus.Failed => "failed",
        TestStatus.Skipped => "skipped",
        TestStatus.NotRun => "not in results",
        _ => "passed",
    };
}
