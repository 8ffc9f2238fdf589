using System.Text.Json;

namespace Stackmark.Cli.Commands;

/// <summary>JSON form of <c>guidelines diff</c>.</summary>
internal static class DiffJson
{
    public static void Write(Utf8JsonWriter w, GuidelineId older, GuidelineId newer, IReadOnlyList<TargetDiff> diffs)
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
        w.WriteEndObject();
    }
}
