using System.Net;
using System.Text;

namespace Stackmark.Reports;

/// <summary>Writes a <see cref="RunComparison"/> as one self-contained HTML page in the style of report.html (no scripts, no external assets).</summary>
public static class ComparisonHtml
{
    /// <summary>The page as a string; every text from the runs (names, reasons, paths) is HTML-escaped.</summary>
    /// <param name="comparison">What differs.</param>
    /// <param name="runA">How to name run A (its directory).</param>
    /// <param name="runB">How to name run B.</param>
    public static string Render(RunComparison comparison, string runA, string runB)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var sb = new StringBuilder();
        const string Title = "Stackmark: two runs compared";
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Title).Append("</title>\n<style>")
          .Append(ComplianceHtml.Style).Append("</style></head><body>\n<h1>").Append(Title).Append("</h1>\n")
          .Append("<table><thead><tr><th></th><th>Run</th><th>Guideline</th><th>Target</th><th>Verdict</th><th>Passed</th></tr></thead><tbody>\n");
        Run(sb, "A", runA, comparison.A);
        Run(sb, "B", runB, comparison.B);
        sb.Append("</tbody></table>\n<p class=\"verdict ").Append(comparison.Identical ? "pass\">Identical" : $"fail\">{comparison.Tests.Count} test(s) and {comparison.Capabilities.Count} capabilit{(comparison.Capabilities.Count == 1 ? "y" : "ies")} differ").Append("</p>\n");
        if (comparison.Notes.Count > 0)
        {
            sb.Append("<ul>\n");
            foreach (var note in comparison.Notes)
            {
                sb.Append("<li>").Append(E(note)).Append("</li>\n");
            }

            sb.Append("</ul>\n");
        }

        if (comparison.Capabilities.Count > 0)
        {
            sb.Append("<h2>Capabilities whose verdict differs</h2>\n<table><thead><tr><th>Capability</th><th>A</th><th>B</th></tr></thead><tbody>\n");
            foreach (var c in comparison.Capabilities)
            {
                sb.Append("<tr><td>").Append(E(c.Id.Value)).Append("</td>");
                Cell(sb, c.A is null ? null : $"{c.A.Verdict} ({c.A.Passed}/{c.A.Tests})", c.A?.Pass);
                Cell(sb, c.B is null ? null : $"{c.B.Verdict} ({c.B.Passed}/{c.B.Tests})", c.B?.Pass);
                sb.Append("</tr>\n");
            }

            sb.Append("</tbody></table>\n");
        }

        if (comparison.Tests.Count > 0)
        {
            sb.Append("<h2>Tests whose status differs</h2>\n<table><thead><tr><th>Test</th><th>Capability</th><th>A</th><th>B</th></tr></thead><tbody>\n");
            foreach (var t in comparison.Tests)
            {
                sb.Append("<tr><td><code>").Append(E(t.Name.Value)).Append("</code></td><td>").Append(E(string.Join(", ", t.Capabilities.Select(c => c.Value)))).Append("</td>");
                Cell(sb, Side(t.A), t.A is null ? null : t.A.Status == TestStatus.Passed);
                Cell(sb, Side(t.B), t.B is null ? null : t.B.Status == TestStatus.Passed);
                sb.Append("</tr>\n");
            }

            sb.Append("</tbody></table>\n");
        }

        // Listed even when the runs are identical; never counted, as in report.html.
        if (comparison.ClassErrors.Count > 0)
        {
            sb.Append("<h2>Class-level errors in one run only (not counted)</h2>\n<p>Errors of a class's or module's set-up or tear-down, which Tempest ")
              .Append("reports apart from its tests; they do not make the runs different.</p>\n<table><thead><tr><th>Fixture</th><th>A</th><th>B</th></tr></thead><tbody>\n");
            foreach (var e in comparison.ClassErrors)
            {
                sb.Append("<tr><td><code>").Append(E(e.Id)).Append("</code></td>");
                // No pass/fail colour: the error is not counted either way.
                Cell(sb, ClassErrorSide(e.A), null);
                Cell(sb, ClassErrorSide(e.B), null);
                sb.Append("</tr>\n");
            }

            sb.Append("</tbody></table>\n");
        }

        return sb.Append("</body></html>\n").ToString();
    }

    /// <summary>A class-level error's side as one line: <c>failure: Details: … (after its 2 planned test(s) finished: their results stand)</c>.</summary>
    public static string? ClassErrorSide(RecordedClassError? e) => e is null ? null : $"{e.Category}: {e.Reason} ({e.Effect})";

    /// <summary>A test's side as one line: <c>skip (guest-access: Instance validation tests are disabled.)</c>.</summary>
    public static string? Side(RecordedTest? t) =>
        t is null ? null : t.Category is null && t.Reason is null ? t.StatusWord : $"{t.StatusWord} ({t.Category}{(t.Category is not null && t.Reason is not null ? ": " : "")}{t.Reason})";

    private static void Run(StringBuilder sb, string side, string path, RunRecord run)
    {
        sb.Append("<tr><td>").Append(side).Append("</td><td><code>").Append(E(path)).Append("</code></td><td>").Append(E(run.Guideline))
          .Append("</td><td>").Append(E(run.Target)).Append("</td><td class=\"").Append(run.Verdict switch { ComplianceVerdict.Compliant => "pass\">", ComplianceVerdict.Incomplete => "incomplete\">", _ => "fail\">" }).Append(run.Verdict.ToWord().Replace('-', ' '))
          .Append("</td><td>").Append(run.Tests.Count(t => t.Status == TestStatus.Passed)).Append(" of ").Append(run.Tests.Count).Append("</td></tr>\n");
    }

    private static void Cell(StringBuilder sb, string? text, bool? pass)
    {
        sb.Append("<td").Append(pass switch { true => " class=\"pass\"", false => " class=\"fail\"", null => "" }).Append('>')
          .Append(text is null ? "<em>absent</em>" : E(text)).Append("</td>");
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
