using System.Text.Json;

namespace Stackmark.Reports;

/// <summary>
/// Writes a <see cref="RunComparison"/> as JSON, format <c>stackmark-compare/1</c> (documented in
/// docs/compare.md). Stable: keys in a fixed order, differences sorted, absent sides written as <c>null</c>.
/// Keys may be added at the end of an object (as <c>class_errors</c> was) without a new number: readers ignore
/// what they do not know.
/// </summary>
public static class ComparisonJson
{
    /// <summary>The format name written in <c>"format"</c>; a change of shape gets a new number.</summary>
    public const string Format = "stackmark-compare/1";

    /// <summary>Writes the comparison to <paramref name="stream"/> as indented UTF-8 JSON.</summary>
    /// <param name="comparison">What differs.</param>
    /// <param name="runA">How to name run A (its directory).</param>
    /// <param name="runB">How to name run B.</param>
    /// <param name="stream">Where to write.</param>
    public static void Write(RunComparison comparison, string runA, string runB, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteBoolean("identical", comparison.Identical);
        Run(w, "a", runA, comparison.A);
        Run(w, "b", runB, comparison.B);
        w.WriteStartArray("notes");
        foreach (var note in comparison.Notes)
        {
            w.WriteStringValue(note);
        }

        w.WriteEndArray();
        w.WriteStartArray("capabilities");
        foreach (var c in comparison.Capabilities)
        {
            w.WriteStartObject();
            w.WriteString("id", c.Id.Value);
            Capability(w, "a", c.A);
            Capability(w, "b", c.B);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("tests");
        foreach (var t in comparison.Tests)
        {
            w.WriteStartObject();
            w.WriteString("name", t.Name.Value);
            w.WriteString("idempotent_id", t.Id?.ToString());
            w.WriteStartArray("capabilities");
            foreach (var c in t.Capabilities)
            {
                w.WriteStringValue(c.Value);
            }

            w.WriteEndArray();
            Test(w, "a", t.A);
            Test(w, "b", t.B);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        // Last, so that the keys of stackmark-compare/1 before it keep their order.
        w.WriteStartArray("class_errors");
        foreach (var e in comparison.ClassErrors)
        {
            w.WriteStartObject();
            w.WriteString("fixture", e.Fixture);
            w.WriteString("scope", e.Scope);
            ClassError(w, "a", e.A);
            ClassError(w, "b", e.B);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The comparison as a JSON string.</summary>
    public static string ToJson(RunComparison comparison, string runA, string runB)
    {
        using var ms = new MemoryStream();
        Write(comparison, runA, runB, ms);
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    private static void Run(Utf8JsonWriter w, string side, string path, RunRecord run)
    {
        w.WriteStartObject(side);
        w.WriteString("run", path);
        w.WriteString("guideline", run.Guideline);
        w.WriteString("target", run.Target);
        w.WriteBoolean("compliant", run.Compliant);
        w.WriteString("verdict", run.Verdict.ToWord());
        w.WriteNumber("tests", run.Tests.Count);
        w.WriteNumber("passed", run.Tests.Count(t => t.Status == TestStatus.Passed));
        w.WriteEndObject();
    }

    private static void Capability(Utf8JsonWriter w, string side, RecordedCapability? c)
    {
        if (c is null)
        {
            w.WriteNull(side);
            return;
        }

        w.WriteStartObject(side);
        w.WriteString("status", c.Status.ToWord());
        w.WriteString("verdict", c.Verdict);
        w.WriteNumber("passed", c.Passed);
        w.WriteNumber("tests", c.Tests);
        w.WriteEndObject();
    }

    private static void ClassError(Utf8JsonWriter w, string side, RecordedClassError? e)
    {
        if (e is null)
        {
            w.WriteNull(side);
            return;
        }

        w.WriteStartObject(side);
        w.WriteString("category", e.Category);
        w.WriteString("reason", e.Reason);
        w.WriteNumber("planned_tests", e.PlannedTests);
        w.WriteString("effect", e.Effect);
        w.WriteEndObject();
    }

    private static void Test(Utf8JsonWriter w, string side, RecordedTest? t)
    {
        if (t is null)
        {
            w.WriteNull(side);
            return;
        }

        w.WriteStartObject(side);
        w.WriteString("status", t.StatusWord);
        w.WriteString("category", t.Category);
        w.WriteString("reason", t.Reason);
        w.WriteEndObject();
    }
}
