using System.Text.Json;

namespace Stackmark.Runner;

/// <summary>
/// <c>full-results.json</c>: every planned test with status, category and reason of a non-pass, duration,
/// capability and how it was resolved — what RefStack's pass-only format cannot say.
/// </summary>
public static class FullResultsJson
{
    /// <summary>Writes the document.</summary>
    /// <param name="stream">Where to write.</param>
    /// <param name="summary">The run.</param>
    /// <param name="results">Every planned test's result.</param>
    /// <param name="classErrors">Class-level fixture errors, written as a separate <c>class_errors</c> list: they are
    /// not tests and do not count against compliance.</param>
    public static void Write(Stream stream, RunSummary summary, IReadOnlyList<RunTestResult> results, IReadOnlyList<ClassError>? classErrors = null)
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
        w.WriteString("verdict", summary.Verdict.ToWord());
        w.WriteStartArray("to_complete");
        foreach (var step in summary.ToComplete)
        {
            w.WriteStringValue(step);
        }

        w.WriteEndArray();
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
        w.WriteStartArray("class_errors");
        foreach (var e in classErrors ?? [])
        {
            w.WriteStartObject();
            w.WriteString("fixture", e.Fixture);
            w.WriteString("scope", e.Scope);
            w.WriteString("category", e.NonPass.CategoryWord);
            w.WriteString("reason", e.NonPass.Reason);
            w.WriteNumber("planned_tests", e.PlannedTests);
            w.WriteString("effect", e.Effect);
            w.WriteBoolean("counted", false);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Reads the per-test results of an earlier run (for --rerun-failed), keyed by guideline test name.</summary>
    /// <exception cref="InvalidDataException">The file is not a full-results.json.</exception>
    public static IReadOnlyDictionary<TestName, PriorResult> Read(Stream stream)
    {
        try
        {
            using var doc = JsonDocument.Parse(stream);
            var results = new Dictionary<TestName, PriorResult>();
            foreach (var t in doc.RootElement.GetProperty("tests").EnumerateArray())
            {
                var status = t.GetProperty("status").GetString() switch
                {
                    "pass" => TestStatus.Passed,
                    "fail" => TestStatus.Failed,
                    "skip" => TestStatus.Skipped,
                    _ => TestStatus.NotRun,
                };
                var nonPass = t.TryGetProperty("category", out var c)
                    ? new NonPass(NonPass.TryParseCategory(c.GetString(), out var category) ? category : throw new InvalidOperationException($"unknown category {c.GetString()}"), t.GetProperty("reason").GetString() ?? "")
                    : (NonPass?)null;
                TimeSpan? duration = t.TryGetProperty("duration_seconds", out var d) ? TimeSpan.FromSeconds(d.GetDouble()) : null;
                var tempestId = t.TryGetProperty("tempest_id", out var id) ? id.GetString() : null;
                results[new TestName(t.GetProperty("name").GetString()!)] = new PriorResult(status, nonPass, duration, t.GetProperty("attempts").GetInt32(), tempestId);
            }

            return results;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"not a Stackmark full-results.json: {e.Message}", e);
        }
    }
}
