using System.Net;
using System.Text;

namespace Stackmark.Reports;

/// <summary>Writes a <see cref="ComplianceReport"/> as one self-contained HTML page (no scripts, no external assets).</summary>
public static class ComplianceHtml
{
    /// <summary>The page as a string; every text from the data is HTML-escaped.</summary>
    /// <param name="report">The verdict.</param>
    /// <param name="classErrors">Class-level fixture errors of the run, listed apart: they are not tests and not counted.</param>
    /// <param name="runDirectory">The run's directory, for the commands that would complete it; <c>RUN_DIR</c> when null.</param>
    public static string Render(ComplianceReport report, IReadOnlyList<ClassError>? classErrors = null, string? runDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        var title = $"{report.Target.Name} — guideline {report.Guideline}";
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n<style>")
          .Append(Style).Append("</style></head><body>\n")
          .Append("<h1>").Append(E(title)).Append("</h1>\n")
          .Append("<p class=\"verdict ").Append(report.Verdict switch
          {
              ComplianceVerdict.Compliant => "pass\">Compliant",
              ComplianceVerdict.Incomplete => "incomplete\">Incomplete: the run could not judge every required test",
              _ => "fail\">Not compliant",
          }).Append("</p>\n");
        if (report.Validity is { Valid: false } invalid)
        {
            // A banner, not a footnote: the verdict above must not be read as a certification.
            sb.Append("<p class=\"banner\" id=\"not-valid\"><strong>Not valid for certification</strong>: ").Append(E(invalid.Reason)).Append("</p>\n");
        }
        else if (report.Validity is { } valid)
        {
            sb.Append("<p class=\"validity\" id=\"valid\">Valid for certification: ").Append(E(valid.Reason)).Append("</p>\n");
        }

        if (report.ToComplete.Count > 0)
        {
            sb.Append("<h2>To complete the run</h2>\n<ul id=\"to-complete\">\n");
            foreach (var step in report.ToComplete)
            {
                sb.Append("<li>").Append(E(step.Describe(runDirectory))).Append("</li>\n");
            }

            sb.Append("</ul>\n");
        }

        foreach (var status in CapabilityStatuses.All)
        {
            var caps = report.With(status).ToList();
            if (caps.Count == 0)
            {
                continue;
            }

            sb.Append("<h2>").Append(E(status.ToWord())).Append(" capabilities: ").Append(caps.Count(c => c.Pass)).Append(" of ").Append(caps.Count).Append(" pass</h2>\n")
              .Append("<table><thead><tr><th>Capability</th><th>Passed</th><th>Flagged</th><th>Verdict</th></tr></thead><tbody>\n");
            foreach (var cap in caps)
            {
                sb.Append("<tr><td>").Append(E(cap.Id.Value)).Append("</td><td>").Append(cap.Passed).Append('/').Append(cap.Counted)
                  .Append("</td><td>").Append(cap.Flagged).Append("</td><td class=\"").Append(cap.VerdictWord).Append("\">").Append(cap.VerdictWord).Append("</td></tr>\n");
            }

            sb.Append("</tbody></table>\n");
        }

        var failing = report.FailingRequired.ToList();
        if (failing.Count > 0)
        {
            sb.Append("<h2>Failing tests of required capabilities</h2>\n<ul>\n");
            foreach (var cap in failing)
            {
                foreach (var t in cap.Failing)
                {
                    sb.Append("<li><code>").Append(E(t.Test.Name.Value)).Append("</code> (").Append(E(cap.Id.Value)).Append(", ").Append(ComplianceJson.Word(t.Status));
                    if (t.Outcome?.Category is { } category)
                    {
                        sb.Append(", ").Append(E(category)).Append(t.NotJudged ? ", not judged" : "");
                    }

                    if (t.Outcome?.Reason is { } reason)
                    {
                        sb.Append(": ").Append(E(reason));
                    }

                    sb.Append(")</li>\n");
                }
            }

            sb.Append("</ul>\n");
        }

        if (report.DesignatedSections.Count > 0)
        {
            // Results cannot show which code runs: the vendor attests to these, the report only lists them.
            sb.Append("<h2>Designated sections the product must run</h2>\n<table id=\"designated-sections\"><thead><tr><th>Project</th><th>Guidance</th>")
              .Append("<th>Designated</th><th>Not designated</th></tr></thead><tbody>\n");
            foreach (var d in report.DesignatedSections)
            {
                sb.Append("<tr><td>").Append(E(d.Project)).Append("</td><td>").Append(E(d.Guidance ?? "")).Append("</td><td>")
                  .Append(E(string.Join(", ", d.Designated.Select(x => x.Name)))).Append("</td><td>")
                  .Append(E(string.Join(", ", d.NotDesignated.Select(x => x.Name)))).Append("</td></tr>\n");
            }

            sb.Append("</tbody></table>\n");
        }

        if (classErrors is { Count: > 0 })
        {
            sb.Append("<h2>Class-level errors (not counted)</h2>\n<p>Errors of a class's set-up or tear-down, which Tempest reports apart from its tests. ")
              .Append("They make Tempest exit non-zero; the verdict above comes from the tests' own results.</p>\n<ul>\n");
            foreach (var e in classErrors)
            {
                sb.Append("<li><code>").Append(E(e.Fixture)).Append(" (").Append(E(e.Scope)).Append(")</code>: ").Append(E(e.NonPass.CategoryWord))
                  .Append(", ").Append(E(e.NonPass.Reason)).Append(" <em>(").Append(E(e.Effect)).Append(")</em></li>\n");
            }

            sb.Append("</ul>\n");
        }

        return sb.Append("</body></html>\n").ToString();
    }

    /// <summary>The pages' one stylesheet, inline: a report is a single file to mail or attach.</summary>
    internal const string Style =
        "body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin:1rem 0}" +
        "td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}.pass{color:#176d2c}.fail{color:#b00020;font-weight:600}" +
        ".incomplete{color:#8a5a00;font-weight:600}" +
        ".banner{background:#fde8e8;border:2px solid #b00020;color:#b00020;padding:.6rem 1rem;font-size:1.1rem}.validity{color:#555}" +
        ".verdict{font-size:1.4rem}code{font-size:.85rem}";

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
