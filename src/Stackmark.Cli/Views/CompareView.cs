using Spectre.Console;
using Spectre.Console.Rendering;

namespace Stackmark.Cli.Views;

/// <summary>
/// The text comparison of two runs: both runs, the capabilities and tests that differ, each side's reason, and the
/// class-level errors only one run had.
/// </summary>
internal static class CompareView
{
    public static IRenderable Render(RunComparison c, string runA, string runB)
    {
        var rows = new List<IRenderable>
        {
            Run("A", runA, c.A),
            Run("B", runB, c.B),
        };
        rows.AddRange(c.Notes.Select(n => new Markup($"[yellow]note:[/] {Markup.Escape(n)}")));
        rows.Add(c.Identical
            ? new Markup("[green bold]IDENTICAL[/]: no test status and no capability verdict differs")
            : new Markup($"[red bold]DIFFERENT[/]: {c.Tests.Count} test(s) and {c.Capabilities.Count} capabilit{(c.Capabilities.Count == 1 ? "y" : "ies")} differ"));
        if (c.Capabilities.Count > 0)
        {
            var caps = new Table().Border(TableBorder.Simple).Title("Capabilities whose verdict differs");
            caps.AddColumns("Capability", "A", "B");
            foreach (var d in c.Capabilities)
            {
                caps.AddRow(Markup.Escape(d.Id.Value), Verdict(d.A), Verdict(d.B));
            }

            rows.Add(caps);
        }

        if (c.Tests.Count > 0)
        {
            var tests = new Table().Border(TableBorder.Simple).Title("Tests whose status differs");
            tests.AddColumns("Test", "Capability", "A", "B");
            foreach (var t in c.Tests)
            {
                tests.AddRow(Markup.Escape(t.Name.Value), Markup.Escape(string.Join(", ", t.Capabilities.Select(x => x.Value))), Side(t.A), Side(t.B));
            }

            rows.Add(tests);

            // Reasons are long: under the table, one line per side, so the table stays one row per test.
            var explained = c.Tests.Where(t => t.A?.Reason is not null || t.B?.Reason is not null).ToList();
            if (explained.Count > 0)
            {
                rows.Add(new Markup("[bold]Reasons:[/]"));
                foreach (var t in explained)
                {
                    rows.Add(new Text($"  {t.Name.Value}"));
                    foreach (var (side, r) in new[] { ("A", t.A), ("B", t.B) })
                    {
                        if (r?.Reason is { } reason)
                        {
                            rows.Add(new Text($"    {side}: {r.StatusWord} ({r.Category}): {reason}"));
                        }
                    }
                }
            }
        }

        // Printed even when the runs are identical: not counted, but a fixture error one run lacks is worth a look.
        if (c.ClassErrors.Count > 0)
        {
            var errors = new Table().Border(TableBorder.Simple).Title("Class-level errors in one run only (not counted)");
            errors.AddColumns("Fixture", "A", "B");
            foreach (var e in c.ClassErrors)
            {
                errors.AddRow(Markup.Escape(e.Id), ClassErrorSide(e.A), ClassErrorSide(e.B));
            }

            rows.Add(errors);
            foreach (var e in c.ClassErrors)
            {
                rows.Add(new Text($"  {e.Id}"));
                var (side, r) = e.A is { } a ? ("A", a) : ("B", e.B!);
                rows.Add(new Text($"    {side}: {r.Category}: {r.Reason} ({r.Effect})"));
            }
        }

        return new Rows(rows);
    }

    private static string ClassErrorSide(RecordedClassError? e) => e is null ? "[grey]absent[/]" : $"[yellow]error[/] ({Markup.Escape(e.Category)})";

    private static Markup Run(string side, string path, RunRecord run) => new(
        $"{side}: {Markup.Escape(path)} — {Markup.Escape(run.Guideline)} {Markup.Escape(run.Target)}, " +
        $"{run.Verdict switch { ComplianceVerdict.Compliant => "[green]compliant[/]", ComplianceVerdict.Incomplete => "[yellow]incomplete[/]", _ => "[red]not compliant[/]" }}, {run.Tests.Count(t => t.Status == TestStatus.Passed)} of {run.Tests.Count} tests passed");

    private static string Verdict(RecordedCapability? c) =>
        c is null ? "[grey]absent[/]" : $"{(c.Pass ? "[green]pass[/]" : c.Incomplete ? "[yellow]incomplete[/]" : "[red]fail[/]")} ({c.Passed}/{c.Tests})";

    private static string Side(RecordedTest? t) => t is null ? "[grey]absent[/]"
        : (t.Status == TestStatus.Passed ? "[green]" : "[red]") + Markup.Escape(t.Category is null ? t.StatusWord : $"{t.StatusWord} ({t.Category})") + "[/]";
}
