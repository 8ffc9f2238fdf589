using System.Text.Json;

namespace Stackmark.Reports;

/// <summary>
/// Writes a <see cref="ComplianceReport"/> as JSON: a top-level <c>compliant</c>, the three-way <c>verdict</c> with
/// what would complete an incomplete run (<c>to_complete</c>), and a <c>capabilities</c> array whose <c>verdict</c> is
/// pass, fail or incomplete; then <c>designated_sections</c>, the code the product must run (attested, not tested). When the report was judged for certification, <c>valid_for_certification</c> and
/// <c>validity_reason</c> follow the verdict (false: the guideline is not in force, and the verdict cannot certify).
/// </summary>
public static class ComplianceJson
{
    /// <summary>Writes the report to <paramref name="stream"/> as indented UTF-8 JSON.</summary>
    /// <param name="report">The verdict.</param>
    /// <param name="stream">Where to write.</param>
    /// <param name="runDirectory">The run's directory, for the commands in <c>to_complete</c>; <c>RUN_DIR</c> when null.</param>
    public static void Write(ComplianceReport report, Stream stream, string? runDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("guideline", report.Guideline.ToString());
        w.WriteString("target", report.Target.Key);
        w.WriteString("program", report.Target.Name);
        w.WriteBoolean("compliant", report.Compliant);
        w.WriteString("verdict", report.Verdict.ToWord());
        if (report.Validity is { } validity)
        {
            w.WriteBoolean("valid_for_certification", validity.Valid);
            w.WriteString("validity_reason", validity.Reason);
        }

        w.WriteStartArray("to_complete");
        foreach (var step in report.ToComplete)
        {
            w.WriteStringValue(step.Describe(runDirectory));
        }

        w.WriteEndArray();
        w.WriteStartObject("summary");
        foreach (var status in CapabilityStatuses.All)
        {
            var caps = report.With(status).ToList();
            w.WriteStartObject(status.ToWord());
            w.WriteNumber("capabilities", caps.Count);
            w.WriteNumber("capabilities_passed", caps.Count(c => c.Pass));
            w.WriteNumber("tests", caps.Sum(c => c.Counted));
            w.WriteNumber("tests_passed", caps.Sum(c => c.Passed));
            w.WriteNumber("tests_flagged", caps.Sum(c => c.Flagged));
            w.WriteEndObject();
        }

        w.WriteNumber("unmatched_results", report.UnmatchedResults);
        w.WriteEndObject();
        w.WriteStartArray("capabilities");
        foreach (var cap in report.Capabilities)
        {
            w.WriteStartObject();
            w.WriteString("id", cap.Id.Value);
            w.WriteString("status", cap.Status.ToWord());
            w.WriteString("verdict", cap.VerdictWord);
            w.WriteBoolean("defined", cap.Defined);
            w.WriteNumber("tests", cap.Counted);
            w.WriteNumber("passed", cap.Passed);
            w.WriteNumber("flagged", cap.Flagged);
            if (cap.OnlyMissCategory is { } only)
            {
                w.WriteString("fails_only_for", only);
            }

            w.WriteStartArray("failing");
            foreach (var t in cap.Failing)
            {
                w.WriteStartObject();
                w.WriteString("name", t.Test.Name.Value);
                if (t.Test.Id is { } id)
                {
                    w.WriteString("idempotent_id", id.ToString());
                }

                w.WriteString("status", Word(t.Status));
                if (t.Outcome?.Category is { } category)
                {
                    w.WriteString("category", category);
                }

                if (t.Outcome?.Reason is { } reason)
                {
                    w.WriteString("reason", reason);
                }

                w.WriteBoolean("judged", !t.NotJudged);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteSections(w, report.DesignatedSections);
        w.WriteEndObject();
    }

    /// <summary>
    /// <c>designated_sections</c>: the required sections of each project, with the guidance and every named section
    /// (<c>designated</c> true, false or null when the guideline leaves it open).
    /// </summary>
    internal static void WriteSections(Utf8JsonWriter w, IReadOnlyList<DesignatedSection> sections)
    {
        w.WriteStartArray("designated_sections");
        foreach (var d in sections)
        {
            w.WriteStartObject();
            w.WriteString("project", d.Project);
            w.WriteString("status", d.Status.ToWord());
            w.WriteString("guidance", d.Guidance);
            w.WriteStartArray("sections");
            foreach (var s in d.Sections)
            {
                w.WriteStartObject();
                w.WriteString("name", s.Name);
                w.WriteString("description", s.Description);
                if (s.Designated is { } designated)
                {
                    w.WriteBoolean("designated", designated);
                }
                else
                {
                    w.WriteNull("designated");
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>The report as a JSON string.</summary>
    /// <param name="report">The verdict.</param>
    /// <param name="runDirectory">The run's directory, for the commands in <c>to_complete</c>; <c>RUN_DIR</c> when null.</param>
    public static string ToJson(ComplianceReport report, string? runDirectory = null)
    {
        using var ms = new MemoryStream();
        Write(report, ms, runDirectory);
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    internal static string Word(TestStatus status) => status switch
    {
        TestStatus.Passed => "pass",
        TestStatus.Failed => "fail",
        TestStatus.Skipped => "skip",
        _ => "not-run",
    };
}
