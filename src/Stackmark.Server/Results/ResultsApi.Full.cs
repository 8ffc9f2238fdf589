using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Stackmark.Server.Data;
using Stackmark.Server.Http;

namespace Stackmark.Server.Results;

internal static partial class ResultsApi
{
    // class_errors (setUpClass/tearDownClass errors) are accepted and not stored: they are not tests and never count.
    // verdict and to_complete are the client's view, ignored like compliant: the server judges from the tests' categories.
    private static readonly string[] FullRootKeys =
        ["guideline", "target", "cpid", "started_at", "finished_at", "duration_seconds", "compliant", "verdict", "to_complete", "counts", "tests", "class_errors"];

    private static readonly string[] FullTestKeys =
        ["name", "idempotent_id", "capability", "capability_status", "flagged", "tempest_id", "resolved_by", "status", "category", "reason", "duration_seconds", "attempts"];

    /// <summary>
    /// <c>POST /v1/results/full</c>: the <c>full-results.json</c> that <c>stackmark run</c> writes — every planned test with
    /// status (pass, fail, skip, not-run), reason and duration, plus the guideline and target, which become the run's
    /// metadata. Signed like a JSON upload. The client's own <c>compliant</c>, <c>verdict</c>, <c>to_complete</c> and
    /// <c>counts</c> are ignored: the server judges, from each test's status and non-pass <c>category</c>, which it
    /// stores, so a miss the runner caused makes the run incomplete rather than not compliant.
    /// </summary>
    private static async Task<Results<Created<UploadResponse>, JsonHttpResult<ApiError>>> UploadFull(
        HttpContext http, RegistryDbContext db, RegistryOptions options, CancellationToken ct)
    {
        var body = await RequestBody.ReadBytesAsync(http.Request, options.MaxUploadBytes, ct);
        if (body is null)
        {
            return TooLarge(options);
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return ApiError.BadRequest("Malformed request", $"not valid JSON: {e.Message}");
        }

        using (doc)
        {
            var (parsed, error) = ParseFull(doc.RootElement);
            if (parsed is null)
            {
                return ApiError.BadRequest("Request doesn't correspond to schema", error);
            }

            var created = await StoreAsync(parsed.Cpid, parsed.DurationSeconds, "stackmark-full", parsed.Tests, subunit: null, body, http, db, options, ct,
                meta: parsed.Meta);
            return created;
        }
    }

    private sealed record FullResults(string Cpid, long DurationSeconds, List<TestRunResult> Tests, Dictionary<string, string> Meta);

    private static (FullResults? Results, string? Error) ParseFull(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, "$: expected the object stackmark run writes to full-results.json");
        }

        foreach (var p in root.EnumerateObject())
        {
            if (!FullRootKeys.Contains(p.Name))
            {
                return (null, $"$.{p.Name}: unexpected key (allowed: {string.Join(", ", FullRootKeys)})");
            }
        }

        if (!root.TryGetProperty("cpid", out var c) || c.ValueKind != JsonValueKind.String || c.GetString()!.Trim() is not { Length: > 0 and <= RefStackResults.MaxCpidLength } cpid
            || !RequestBody.IsStorable(cpid))
        {
            return (null, $"$.cpid: a non-empty string of at most {RefStackResults.MaxCpidLength} characters");
        }

        long duration = 0;
        if (root.TryGetProperty("duration_seconds", out var d) && (d.ValueKind != JsonValueKind.Number || !d.TryGetInt64(out duration) || duration < 0))
        {
            return (null, "$.duration_seconds: a whole number of seconds, 0 or more");
        }

        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("guideline", out var g) && g.ValueKind != JsonValueKind.Null)
        {
            if (g.ValueKind != JsonValueKind.String || !GuidelineId.TryParse(g.GetString(), out var gid))
            {
                return (null, "$.guideline: YYYY.MM, next or ADDON.YYYY.MM");
            }

            meta["guideline"] = gid.ToString();
        }

        if (root.TryGetProperty("target", out var t) && t.ValueKind != JsonValueKind.Null)
        {
            if (t.ValueKind != JsonValueKind.String || t.GetString() is not { Length: > 0 and <= 64 } target || !target.All(ch => char.IsAsciiLetter(ch) || ch == '_'))
            {
                return (null, "$.target: a target key such as platform, compute, object, dns");
            }

            meta["target"] = target.ToLowerInvariant();
        }

        if (!root.TryGetProperty("tests", out var tests) || tests.ValueKind != JsonValueKind.Array || tests.GetArrayLength() == 0)
        {
            return (null, "$.tests: a non-empty array");
        }

        var byName = new Dictionary<string, TestRunResult>(StringComparer.Ordinal);
        var i = 0;
        foreach (var e in tests.EnumerateArray())
        {
            var at = $"$.tests[{i++}]";
            if (e.ValueKind != JsonValueKind.Object)
            {
                return (null, $"{at}: expected an object");
            }

            foreach (var p in e.EnumerateObject())
            {
                if (!FullTestKeys.Contains(p.Name))
                {
                    return (null, $"{at}.{p.Name}: unexpected key");
                }
            }

            if (!e.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String || n.GetString()!.Trim() is not { Length: > 0 and <= MaxTestNameLength } name
                || !RequestBody.IsStorable(name))
            {
                return (null, $"{at}.name: a non-empty string of at most {MaxTestNameLength} characters");
            }

            string? uuid = null;
            if (e.TryGetProperty("idempotent_id", out var u) && u.ValueKind != JsonValueKind.Null)
            {
                if (u.ValueKind != JsonValueKind.String || !IdempotentId.TryParse(u.GetString(), out var id))
                {
                    return (null, $"{at}.idempotent_id: a UUID");
                }

                uuid = id.ToString();
            }

            if (!e.TryGetProperty("status", out var s) || s.ValueKind != JsonValueKind.String || s.GetString() is not ("pass" or "fail" or "skip" or "not-run"))
            {
                return (null, $"{at}.status: pass, fail, skip or not-run");
            }

            string? reason = null;
            if (e.TryGetProperty("reason", out var r) && r.ValueKind != JsonValueKind.Null)
            {
                if (r.ValueKind != JsonValueKind.String || !RequestBody.IsStorable(r.GetString()!))
                {
                    return (null, $"{at}.reason: a string");
                }

                reason = Clip(r.GetString()!, 1024);
            }

            string? category = null;
            if (e.TryGetProperty("category", out var cat) && cat.ValueKind != JsonValueKind.Null)
            {
                if (cat.ValueKind != JsonValueKind.String || !NonPass.TryParseCategory(cat.GetString(), out _))
                {
                    return (null, $"{at}.category: one of {string.Join(", ", Enum.GetValues<NonPassCategory>().Where(c => c != NonPassCategory.None).Select(c => new NonPass(c, "").CategoryWord))}");
                }

                category = cat.GetString();
            }

            double? seconds = null;
            if (e.TryGetProperty("duration_seconds", out var ds) && ds.ValueKind != JsonValueKind.Null)
            {
                if (ds.ValueKind != JsonValueKind.Number || ds.GetDouble() is var v && (v < 0 || !double.IsFinite(v)))
                {
                    return (null, $"{at}.duration_seconds: a number, 0 or more");
                }

                seconds = ds.GetDouble();
            }

            byName[name] = new TestRunResult { Name = name, IdempotentId = uuid, Status = s.GetString()!, Reason = reason, DurationSeconds = seconds, Category = category };
        }

        return (new FullResults(cpid, duration, [.. byName.Values], meta), null);
    }
}
