using Spectre.Console;
using Spectre.Console.Rendering;

namespace Stackmark.Cli.Views;

/// <summary>
/// The text compliance report: the verdict and what would complete an incomplete run, a table per status, verdicts
/// coloured, then the failing required tests.
/// </summary>
internal static class ComplianceView
{
    /// <param name="report">The verdict.</param>
    /// <param name="verdict">The run's verdict when it differs from the report's (an interrupted run); null: the report's.</param>
    /// <param name="toComplete">What would complete the run, as lines; null: the report's, with <c>RUN_DIR</c> for the directory.</param>
    public static IRenderable Render(ComplianceReport report, ComplianceVerdict? verdict = null, IReadOnlyList<string>? toComplete = null)
    {
        var v = verdict ?? report.Verdict;
        var rows = new List<IRenderable>
        {
            new Markup($"[bold]{Markup.Escape(report.Target.Name)}[/], guideline {Markup.Escape(report.Guideline.ToString())}: " + v switch
            {
                ComplianceVerdict.Compliant => "[green bold]COMPLIANT[/]",
                ComplianceVerdict.Incomplete => "[yellow bold]INCOMPLETE[/] [yellow](no required test failed for the cloud's reason, but the run could not judge them all)[/]",
                _ => "[red bold]NOT COMPLIANT[/]",
            } + (report.Validity is { Valid: false } ? " [red bold]— not valid for certification[/]" : "")),
        };
        if (report.Validity is { } validity)
        {
            rows.Add(validity.Valid
                ? new Markup($"[grey]Valid for certification: {Markup.Escape(validity.Reason)}[/]")
                : new Markup($"[red bold]NOT VALID FOR CERTIFICATION:[/] {Markup.Escape(validity.Reason)}"));
        }

        var steps = toComplete ?? [.. report.ToComplete.Select(s => s.Describe())];
        if (steps.Count > 0)
        {
            rows.Add(new Markup(v == ComplianceVerdict.Incomplete ? "[bold]To complete it:[/]" : "[bold]Also not judged:[/]"));
            rows.AddRange(steps.Select(s => new Markup($"  [yellow]•[/] {Markup.Escape(s)}")));
        }

        var table = new Table().Border(TableBorder.Simple);
        table.AddColumns("Capability", "Status", "Passed", "Flagged", "Verdict");
        foreach (var cap in report.Capabilities)
        {
            var capVerdict = cap.Verdict switch
            {
                ComplianceVerdict.Compliant => "[green]pass[/]",
                ComplianceVerdict.Incomplete => "[yellow]incomplete[/]",
                _ => cap.Status == CapabilityStatus.Required ? "[red]fail[/]" : "[yellow]fail[/]",
            };
            if (!cap.Pass && cap.OnlyMissCategory is { } only)
            {
                capVerdict += $" [grey](only {Markup.Escape(only)})[/]";
            }

            table.AddRow(
                Markup.Escape(cap.Id.Value) + (cap.Defined ? "" : " [grey](undefined)[/]"),
                cap.Status.ToWord(),
                $"{cap.Passed}/{cap.Counted}",
                cap.Flagged.ToString(System.Globalization.CultureInfo.InvariantCulture),
                capVerdict);
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

        if (report.DesignatedSections.Count > 0)
        {
            rows.Add(new Markup("[bold]Designated sections the product must run[/] [grey](not tested: the vendor attests to them)[/]:"));
            rows.AddRange(report.DesignatedSections.Select(d => new Markup("  " + GuidelineViews.SectionLine(d))));
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
