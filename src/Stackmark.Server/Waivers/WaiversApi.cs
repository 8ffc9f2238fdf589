using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stackmark.Guidelines;
using Stackmark.Server.Auth;
using Stackmark.Server.Data;
using Stackmark.Server.Guidelines;
using Stackmark.Server.Http;
using Stackmark.Server.Vendors;

namespace Stackmark.Server.Waivers;

/// <summary>
/// Waivers (Stackmark extension): a foundation admin accepts, for one product and until an expiry date, failing tests
/// or a whole capability, optionally for one guideline and target. Read with the product (its visibility rules);
/// granted and revoked by foundation admins only. Runs linked to the product show them in their compliance JSON
/// (<see cref="WaiverCoverage"/>); the stored verdict never changes.
/// </summary>
internal static class WaiversApi
{
    public const int MaxReasonLength = 4096;
    public const int MaxTests = 200;
    public const string Active = "active";
    public const string Expired = "expired";
    public const string Revoked = "revoked";

    public static IEndpointRouteBuilder MapWaivers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/products/{id}/waivers").WithTags("waivers");
        group.MapGet("/", List).WithSummary("The product's waivers with their state (active, expired, revoked); as visible as the product.");
        group.MapPost("/", Grant).WithSummary("Grants a waiver {guideline?, target?, capability | tests[], reason, expires YYYY-MM-DD} (foundation admins).");
        group.MapDelete("/{waiverId}", Revoke).WithSummary("Revokes a waiver before it expires; it stays listed as revoked (foundation admins).");
        return routes;
    }

    /// <summary>The state of a waiver on <paramref name="today"/> (UTC): it applies through its expiry day.</summary>
    public static string StateOf(Waiver w, DateOnly today) => w.RevokedAt is not null ? Revoked : today > w.ExpiresOn ? Expired : Active;

    /// <summary>Today by the registry's clock, UTC.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static IEnumerable<string> TestsOf(Waiver w) => w.Tests.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static WaiverDto AsDto(Waiver w, DateOnly today) => new(
        w.Id.ToString(), w.ProductId.ToString(), w.Guideline, w.Target, w.Capability, [.. TestsOf(w)], w.Reason,
        w.ExpiresOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StateOf(w, today), w.GrantedByName, Timestamps.Render(w.GrantedAt),
        w.RevokedByName, w.RevokedAt is { } r ? Timestamps.Render(r) : null);

    /// <summary>The waivers of the product a run is linked to (none when unlinked), for its compliance JSON.</summary>
    public static async Task<List<Waiver>> OfRunAsync(Guid runId, RegistryDbContext db, CancellationToken ct) =>
        await db.Runs.AsNoTracking()
            .Where(r => r.Id == runId && r.ProductVersion != null)
            .SelectMany(r => db.Set<Waiver>().Where(w => w.ProductId == r.ProductVersion!.ProductId))
            .ToListAsync(ct);

    private static async Task<Results<Ok<List<WaiverDto>>, JsonHttpResult<ApiError>>> List(string id, HttpContext http, RegistryDbContext db, RegistryOptions options, CancellationToken ct)
    {
        var (product, error) = await FindVisibleAsync(id, Caller.From(http.User), db, ct);
        if (product is null)
        {
            return error!;
        }

        var today = Today(options.TimeProvider);
        var rows = await db.Set<Waiver>().AsNoTracking().Where(w => w.ProductId == product.Id).OrderByDescending(w => w.GrantedAt).ThenByDescending(w => w.Id).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(w => AsDto(w, today)).ToList());
    }

    /// <summary>
    /// Grants a waiver. Exactly one of <c>capability</c> and <c>tests</c>; with a <c>guideline</c> (and <c>target</c>)
    /// they must be in that guideline's target, and tests are recorded under the guideline's names; the expiry day
    /// must not be past.
    /// </summary>
    private static async Task<Results<Created<WaiverDto>, JsonHttpResult<ApiError>>> Grant(
        string id, HttpContext http, RegistryDbContext db, GuidelineCatalog catalog, RegistryOptions options, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (FoundationOnly(caller) is { } denied)
        {
            return denied;
        }

        var (product, error) = await FindVisibleAsync(id, caller, db, ct);
        if (product is null)
        {
            return error!;
        }

        var (body, bad) = await RequestBody.ReadJsonObjectAsync(http.Request, ["guideline", "target", "capability", "tests", "reason", "expires"], ct);
        if (body is null)
        {
            return ApiError.BadRequest("Malformed request", bad);
        }

        var guideline = RequestBody.OptionalString(body, "guideline", 64);
        var target = RequestBody.OptionalString(body, "target", 64);
        var capability = RequestBody.OptionalString(body, "capability", 128);
        var reason = RequestBody.OptionalString(body, "reason", MaxReasonLength);
        var expires = RequestBody.OptionalString(body, "expires", 10);
        var (tests, testsError) = Tests(body);
        if ((guideline.Error ?? target.Error ?? capability.Error ?? reason.Error ?? expires.Error ?? testsError) is { } invalid)
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", invalid);
        }

        if (string.IsNullOrEmpty(reason.Value) || string.IsNullOrEmpty(expires.Value))
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", "\"reason\" and \"expires\" (YYYY-MM-DD) are required");
        }

        if (string.IsNullOrEmpty(capability.Value) == (tests.Count == 0))
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", "give exactly one of \"capability\" and \"tests\" (a list of test names or idempotent ids)");
        }

        if (!DateOnly.TryParseExact(expires.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expiresOn))
        {
            return ApiError.BadRequest("Invalid expiry date", $"'{expires.Value}' is not YYYY-MM-DD");
        }

        var today = Today(options.TimeProvider);
        if (expiresOn < today)
        {
            return ApiError.BadRequest("Invalid expiry date", $"{expires.Value} is past (today is {today:yyyy-MM-dd}, UTC)");
        }

        var targetKey = string.IsNullOrEmpty(target.Value) ? null : target.Value.ToLowerInvariant();
        if (targetKey is not null && !targetKey.All(c => char.IsAsciiLetter(c) || c == '_'))
        {
            return ApiError.BadRequest("Invalid target", $"'{target.Value}' is not a target name (platform, compute, object, dns…)");
        }

        string? guidelineKey = null;
        if (!string.IsNullOrEmpty(guideline.Value))
        {
            if (!GuidelineId.TryParse(guideline.Value, out var gid))
            {
                return ApiError.BadRequest("Invalid guideline", $"'{guideline.Value}' is not YYYY.MM, next or ADDON.YYYY.MM (optionally with .json)");
            }

            guidelineKey = gid.ToString();
            var (resolved, scopeError) = await ResolveInGuidelineAsync(gid, targetKey, capability.Value, tests, catalog, ct);
            if (resolved is null)
            {
                return scopeError!;
            }

            tests = resolved;
        }

        var waiver = new Waiver
        {
            Id = Guid.CreateVersion7(),
            ProductId = product.Id,
            Guideline = guidelineKey,
            Target = targetKey,
            Capability = string.IsNullOrEmpty(capability.Value) ? null : capability.Value,
            Tests = string.Join('\n', tests),
            Reason = reason.Value,
            ExpiresOn = expiresOn,
            GrantedById = caller!.UserId,
            GrantedByName = caller.UserName,
            GrantedAt = Timestamps.Now(options.TimeProvider),
        };
        db.Add(waiver);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/v1/products/{product.Id}/waivers", AsDto(waiver, today));
    }

    private static async Task<Results<NoContent, JsonHttpResult<ApiError>>> Revoke(string id, string waiverId, HttpContext http, RegistryDbContext db, RegistryOptions options, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (FoundationOnly(caller) is { } denied)
        {
            return denied;
        }

        var waiver = Guid.TryParse(id, out var productId) && Guid.TryParse(waiverId, out var wid)
            ? await db.Set<Waiver>().FirstOrDefaultAsync(w => w.Id == wid && w.ProductId == productId, ct)
            : null;
        if (waiver is null)
        {
            return ApiError.NotFound("Waiver not found");
        }

        if (waiver.RevokedAt is not null)
        {
            return ApiError.Conflict($"This waiver was revoked by {waiver.RevokedByName} on {Timestamps.Render(waiver.RevokedAt.Value)}");
        }

        waiver.RevokedAt = Timestamps.Now(options.TimeProvider);
        waiver.RevokedByName = caller!.UserName;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    // The capability (or tests) must be in the guideline's target; tests are recorded under the guideline's names.
    private static async Task<(List<string>? Tests, JsonHttpResult<ApiError>? Error)> ResolveInGuidelineAsync(
        GuidelineId gid, string? target, string? capability, List<string> tests, GuidelineCatalog catalog, CancellationToken ct)
    {
        Guideline? g;
        try
        {
            if (target is null)
            {
                string? loadError;
                (g, loadError) = await catalog.LoadAsync(gid, ct);
                if (g is null)
                {
                    return (null, ApiError.BadRequest("Unknown guideline", loadError ?? $"guideline {gid} is not in the guideline source"));
                }
            }
            else
            {
                var found = await catalog.LoadForTargetAsync(gid, target, ct);
                if (found.Guideline is null)
                {
                    return (null, ApiError.BadRequest(found.Status == StatusCodes.Status400BadRequest ? "Invalid target" : "Unknown guideline", found.Error));
                }

                g = found.Guideline;
            }
        }
        catch (GuidelineSourceException e)
        {
            return (null, ApiError.Of(StatusCodes.Status502BadGateway, "Guideline source unavailable", e.Message));
        }

        var caps = target is null ? g.Capabilities.Select(c => (c.Id, c.Tests)).ToList() : g.CapabilitiesOf(target).Select(c => (c.Id, c.Tests)).ToList();
        var where = target is null ? $"guideline {gid}" : $"{gid} target {target}";
        if (capability is not null)
        {
            return caps.Any(c => c.Id.Value == capability)
                ? ([], null)
                : (null, ApiError.BadRequest("Unknown capability", $"'{capability}' is no capability of {where}"));
        }

        var resolved = new List<string>();
        foreach (var t in tests)
        {
            var isId = IdempotentId.TryParse(t, out var wanted);
            var hit = caps.SelectMany(c => c.Tests).FirstOrDefault(x => isId ? x.Id == wanted : x.AllNames.Any(n => n.Value == t));
            if (hit is null)
            {
                return (null, ApiError.BadRequest("Unknown test", $"'{t}' is no test of {where} (give its name, an alias or its idempotent id)"));
            }

            resolved.Add(hit.Name.Value);
        }

        return ([.. resolved.Distinct(StringComparer.Ordinal)], null);
    }

    private static (List<string> Tests, string? Error) Tests(Dictionary<string, JsonElement> body)
    {
        if (!body.TryGetValue("tests", out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return ([], null);
        }

        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() > MaxTests)
        {
            return ([], $"\"tests\" must be a list of at most {MaxTests} test names or idempotent ids");
        }

        var tests = new List<string>();
        foreach (var item in e.EnumerateArray())
        {
            var s = item.ValueKind == JsonValueKind.String ? item.GetString()!.Trim() : null;
            if (string.IsNullOrEmpty(s) || s.Length > 1024 || s.Contains('\n', StringComparison.Ordinal) || !RequestBody.IsStorable(s))
            {
                return ([], "every test in \"tests\" is a non-empty string of at most 1024 characters on one line");
            }

            tests.Add(s);
        }

        return ([.. tests.Distinct(StringComparer.Ordinal)], null);
    }

    private static JsonHttpResult<ApiError>? FoundationOnly(Caller? caller) => caller switch
    {
        null => ApiError.Unauthorized("Authentication required"),
        { IsFoundation: false } => ApiError.Forbidden("Only foundation admins grant and revoke waivers"),
        _ => null,
    };

    /// <summary>The product if the caller may see it (as <c>GET /v1/products/{id}</c>): 404 absent, 401/403 private and not theirs.</summary>
    private static async Task<(Product? Product, JsonHttpResult<ApiError>? Error)> FindVisibleAsync(string id, Caller? caller, RegistryDbContext db, CancellationToken ct)
    {
        var product = Guid.TryParse(id, out var productId) ? await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == productId, ct) : null;
        if (product is null)
        {
            return (null, ApiError.NotFound("Product not found"));
        }

        return product.Public || await VendorAccess.CanManageAsync(caller, product.VendorId, db, ct)
            ? (product, null)
            : (null, VendorAccess.Denied(caller, "This product is private"));
    }
}
