using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stackmark.Server.Waivers;

/// <summary>
/// Which failing tests of a stored compliance report a product's waivers cover, and whether the run would comply with
/// them. Works on the report JSON the registry stores (<c>ComplianceJson</c>), never changes it: the strict verdict
/// stays the record, and "compliant with waivers" is shown beside it, never instead of it.
/// </summary>
/// <remarks>
/// A waiver is in scope when its guideline and target are unset or equal the report's. It covers a failing test when it
/// names the capability listing the test, or the test by name or idempotent id. Only active waivers (not revoked, expiry
/// day not passed, UTC) count towards "compliant with waivers"; expired and revoked ones are listed with what they
/// would cover. A required capability also counts as covered when an active waiver names it, even if the report lists
/// no failing test for it (an undefined capability).
/// </remarks>
internal static class WaiverCoverage
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>The coverage of <paramref name="reportJson"/> by <paramref name="waivers"/>; null when none is in scope.</summary>
    public static WaiverSummary? Evaluate(string reportJson, IEnumerable<Waiver> waivers, DateOnly today)
    {
        using var doc = JsonDocument.Parse(reportJson);
        var report = doc.RootElement;
        var guideline = Text(report, "guideline");
        var target = Text(report, "target");
        var inScope = waivers
            .Where(w => (w.Guideline is null || w.Guideline == guideline) && (w.Target is null || string.Equals(w.Target, target, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(w => w.GrantedAt).ThenBy(w => w.Id)
            .ToList();
        if (inScope.Count == 0)
        {
            return null;
        }

        var caps = report.TryGetProperty("capabilities", out var c) && c.ValueKind == JsonValueKind.Array ? c.EnumerateArray().ToList() : [];
        var items = inScope.Select(w => new WaiverInReport(WaiversApi.AsDto(w, today), [.. caps.SelectMany(cap => Failing(cap).Where(t => Covers(w, Text(cap, "id"), t)).Select(t => Covered(cap, t)))])).ToList();
        var active = inScope.Where(w => WaiversApi.StateOf(w, today) == WaiversApi.Active).ToList();
        var uncovered = new List<CoveredTest>();
        var strict = report.TryGetProperty("compliant", out var comp) && comp.ValueKind == JsonValueKind.True;
        var withWaivers = true;
        foreach (var cap in caps.Where(x => Text(x, "status") == "required" && Text(x, "verdict") == "fail"))
        {
            var id = Text(cap, "id");
            var failing = Failing(cap).ToList();
            if (active.Any(w => w.Capability == id))
            {
                continue;
            }

            var open = failing.Where(t => !active.Any(w => Covers(w, id, t))).Select(t => Covered(cap, t)).ToList();
            if (open.Count > 0 || failing.Count == 0)
            {
                withWaivers = false;
            }

            uncovered.AddRange(open);
        }

        return new WaiverSummary(strict, withWaivers, uncovered, items);
    }

    /// <summary>The report with a <c>waivers</c> field added (the stored text is not touched); the text itself when none is in scope.</summary>
    public static string Attach(string reportJson, IEnumerable<Waiver> waivers, DateOnly today)
    {
        if (Evaluate(reportJson, waivers, today) is not { } summary)
        {
            return reportJson;
        }

        var node = JsonNode.Parse(reportJson)!.AsObject();
        node["waivers"] = JsonSerializer.SerializeToNode(summary, Json);
        return node.ToJsonString(Json);
    }

    private static IEnumerable<JsonElement> Failing(JsonElement cap) =>
        cap.TryGetProperty("failing", out var f) && f.ValueKind == JsonValueKind.Array ? f.EnumerateArray() : [];

    private static bool Covers(Waiver w, string? capability, JsonElement test)
    {
        if (w.Capability is not null)
        {
            return w.Capability == capability;
        }

        var name = Text(test, "name");
        var id = Text(test, "idempotent_id") is { } s && IdempotentId.TryParse(s, out var parsed) ? parsed : (IdempotentId?)null;
        return WaiversApi.TestsOf(w).Any(t => t == name || (id is not null && IdempotentId.TryParse(t, out var wanted) && wanted == id));
    }

    private static CoveredTest Covered(JsonElement cap, JsonElement test) => new(Text(cap, "id") ?? "", Text(test, "name") ?? "", Text(test, "status"));

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
