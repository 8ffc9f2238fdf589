using System.Text.Json;

namespace Stackmark.Runner;

/// <summary>
/// <c>full-results.json</c>: every planned test with status, category and reason of a non-pass, duration,
/// capability and how it was resolved — what RefStack's pass-only format cannot say.
/// </summary>
public static class FullResultsJson
{
    /// <summary>Writes the document.</summary>
    public static void Write(Stream stream, RunSummary summary, IReadOnlyList<RunTestResult> results)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("guideline", summary.Guideline.ToString());
        w.WriteString("target", summary.Target);
        w.WriteString("cpid", summary.Cpid);
        w.WriteString("started_at", summary.StartedAt);
        w.WriteString("finished_at", summary.FinishedAt);
        w.WriteNumber("duration_seconds", (long)(summary.FinishedAt - summary.StartedAt).TotalSeconds);
        w.WriteBoolean("compliant", summary.Compliant);
        w.WriteStartObject("counts");
        w.WriteNumber("planned", results.Count);
        w.WriteNumber("passed", results.Count(r => r.Status == TestStatus.Passed));
        w.WriteNumber("failed", results.Count(r => r.Status == TestStatus.Failed));
        w.WriteNumber("skipped", results.Count(r => r.Status == TestStatus.Skipped));
        w.WriteNumber("not_run", results.Count(r => r.Status == TestStatus.NotRun));
        w.WriteEndObject();
        w.WriteStartArray("tests");
        foreach (var r in results)
        {
            w.WriteStartObject();
            w.WriteString("name", r.Planned.Test.Name.Value);
            if (r.Planned.Test.Id is { } id)
            {
                w.WriteString("idempotent_id", id.ToString());
            }

            w.WriteString("capability", r.Planned.Capability.Id.Value);
            w.WriteString("capability_status", r.Planned.Capability.Status.ToWord());
            w.WriteBoolean("flagged", r.Planned.Test.IsFlagged);
            w.WriteString("tempest_id", r.TempestId);
            w.WriteString("resolved_by", r.Planned.Method switch
            {
                MatchMethod.IdempotentId => "idempotent_id",
                MatchMethod.Name => "name",
                MatchMethod.Alias => "alias",
                _ => null,
            });
            w.WriteString("status", r.Status switch
            {
                TestStatus.Passed => "pass",
                TestStatus.Failed => "fail",
                TestStatus.Skipped => "skip",
                _ => "not-run",
            });
            if (r.NonPass is { } np)
            {
                w.WriteString("category", np.CategoryWord);
                w.WriteString("reason", np.Reason);
            }

            if (r.Duration is { } d)
            {
                w.WriteNumber("duration_seconds", Math.Round(d.TotalSeconds, 3));
            }

            w.WriteNumber("attempts", r.Attempts);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
