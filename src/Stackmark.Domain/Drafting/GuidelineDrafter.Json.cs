using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stackmark;

public static partial class GuidelineDrafter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Everything the plan does not decide (platforms, designated sections, test repositories, criteria texts) is
    // copied from the current file; components' lists and the capabilities are written from the plan, which also
    // normalizes the quirks the loader tolerates (acheivements, descriptin, required-since, flag).
    private static string WriteJson(ReadOnlySpan<byte> fromJson, Guideline from, GuidelineId id, DraftPlan plan)
    {
        var root = JsonNode.Parse(fromJson)!.AsObject();
        var metadata = root["metadata"]!.AsObject();
        metadata["id"] = id.ToString();
        if (metadata["source"]?.GetValue<string>() is { } source && source.LastIndexOf('/') is var slash and >= 0)
        {
            metadata["source"] = source[..(slash + 1)] + id + ".json";
        }

        var approval = metadata["os_trademark_approval"] as JsonObject ?? [];
        metadata["os_trademark_approval"] = approval;
        approval["status"] = "draft";
        approval["replaces"] = from.Id.ToString();
        if (id.IsNext)
        {
            approval.Remove("target_approval");
        }
        else
        {
            approval["target_approval"] = id.Version;
        }

        var components = root["components"]!.AsObject();
        foreach (var (name, lists) in plan.Lists)
        {
            var capabilities = new JsonObject();
            foreach (var status in CapabilityStatuses.All)
            {
                capabilities[status.ToWord()] = new JsonArray([.. lists[status].Select(c => (JsonNode)JsonValue.Create(c.Value))]);
            }

            components[name]!.AsObject()["capabilities"] = capabilities;
        }

        var defs = new JsonObject();
        foreach (var cap in plan.Definitions)
        {
            defs[cap.Id.Value] = Write(cap, from.Kind);
        }

        root["capabilities"] = defs;
        return root.ToJsonString(Indented) + "\n";
    }

    private static JsonObject Write(Capability cap, GuidelineKind kind)
    {
        var o = new JsonObject
        {
            ["achievements"] = new JsonArray([.. cap.Achievements.Select(a => (JsonNode)JsonValue.Create(a))]),
            ["admin"] = cap.Admin,
        };
        if (!string.IsNullOrEmpty(cap.RequiredSince))
        {
            o["required_since"] = cap.RequiredSince;
        }

        o["description"] = cap.Description ?? "";
        o["project"] = cap.Project ?? "";
        var tests = new JsonObject();
        foreach (var t in cap.Tests)
        {
            var test = new JsonObject();
            if (t.Id is { } tid)
            {
                // Core files write id-<uuid>, add-ons the bare UUID.
                test["idempotent_id"] = kind == GuidelineKind.AddOn ? tid.ToString() : tid.ToAttribute();
            }

            if (t.Aliases.Count > 0)
            {
                test["aliases"] = new JsonArray([.. t.Aliases.Select(a => (JsonNode)JsonValue.Create(a.Value))]);
            }

            if (t.Flag is { } f)
            {
                test["flagged"] = new JsonObject { ["reason"] = f.Reason, ["action"] = f.Action, ["date"] = f.Date };
            }

            tests[t.Name.Value] = test;
        }

        o["tests"] = tests;
        return o;
    }
}
