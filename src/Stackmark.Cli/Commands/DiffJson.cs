using System.Text.Json;

namespace Stackmark.Cli.Commands;

/// <summary>JSON form of <c>guidelines diff</c>.</summary>
internal static class DiffJson
{
    public static void Write(Utf8JsonWriter w, GuidelineId older, GuidelineId newer, IReadOnlyList<TargetDiff> diffs, IReadOnlyList<SectionChange> sections)
    {
        w.WriteStartObject();
        w.WriteString("old", older.ToString());
        w.WriteString("new", newer.ToString());
        w.WriteStartArray("targets");
        foreach (var d in diffs)
        {
            w.WriteStartObject();
            w.WriteString("target", d.Target);
            w.WriteStartArray("capabilities");
            foreach (var c in d.Capabilities)
            {
                w.WriteStartObject();
                w.WriteString("id", c.Capability.Value);
                w.WriteString("before", c.Before?.ToWord());
                w.WriteString("after", c.After?.ToWord());
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("tests");
            foreach (var t in d.Tests)
            {
                w.WriteStartObject();
                w.WriteString("change", t.Kind.ToString().ToLowerInvariant());
                w.WriteString("name", t.Test.Value);
                w.WriteString("capability", t.Capability.Value);
                if (t.Detail is not null)
                {
                    w.WriteString(t.Kind == TestChangeKind.Renamed ? "old_name" : "reason", t.Detail);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();

        // Guideline-wide: designated sections belong to projects, not targets.
        w.WriteStartArray("sections");
        foreach (var c in sections)
        {
            w.WriteStartObject();
            w.WriteString("change", c.Kind.ToString().ToLowerInvariant());
            w.WriteString("project", c.Project);
            w.WriteString("section", c.Section);
            w.WriteString("status_before", c.StatusBefore?.ToWord());
            w.WriteString("status_after", c.StatusAfter?.ToWord());
            if (c.Section is not null)
            {
                WriteDesignated(w, "designated_before", c.DesignatedBefore);
                WriteDesignated(w, "designated_after", c.DesignatedAfter);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteDesignated(Utf8JsonWriter w, string name, bool? value)
    {
        if (value is { } v)
        {
            w.WriteBoolean(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
