using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stackmark.Server.Auth;
using Stackmark.Server.Data;
using Stackmark.Server.Http;
using Stackmark.Server.Products;

namespace Stackmark.Server.Results;

internal static partial class ResultsApi
{
    /// <summary>The meta key of what the run measured of the cloud (<see cref="Stackmark.Regions.MeasuredCloud"/>), checked when set.</summary>
    public const string MeasuredMetaKey = "measured";

    // The public keys, and what the run measured: the owner's and the foundation's to read, not everyone's.
    private static readonly string[] EditableMetaKeys = [.. PublicMetaKeys, MeasuredMetaKey];

    private static async Task<Results<Ok<Dictionary<string, string>>, JsonHttpResult<ApiError>>> ListMeta(string id, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var (run, role, error) = await FindReadableAsync(id, Caller.From(http.User), db, ct);
        if (run is null)
        {
            return error!;
        }

        var meta = await MetaOfAsync(run, role, db, ct);
        if (role < ResultRole.Owner)
        {
            meta = meta.Where(m => PublicMetaKeys.Contains(m.Key)).ToDictionary();
        }

        return TypedResults.Ok(meta);
    }

    /// <summary>
    /// RefStack stores the raw body as the value; Stackmark also checks that a guideline names one, that a
    /// <c>region</c> is one the linked product declares (stored with the product's spelling), and that <c>measured</c>
    /// is what a run measured.
    /// </summary>
    private static async Task<Results<Created, JsonHttpResult<ApiError>>> SetMeta(string id, string key, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var (run, error) = await FindEditableAsync(id, key, http, db, ct);
        if (run is null)
        {
            return error!;
        }

        var bytes = await RequestBody.ReadBytesAsync(http.Request, 1024, ct);
        string value;
        try
        {
            value = bytes is null ? "" : new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).Trim();
        }
        catch (DecoderFallbackException)
        {
            return ApiError.BadRequest("Invalid value", "not UTF-8");
        }

        if (bytes is null || !RequestBody.IsStorable(value))
        {
            return ApiError.BadRequest("Invalid value", "at most 1024 bytes of text");
        }

        if (key == "guideline" && !GuidelineId.TryParse(value, out _))
        {
            return ApiError.BadRequest("Invalid guideline", $"'{value}' is not YYYY.MM, next or ADDON.YYYY.MM (optionally with .json)");
        }

        if (key == "target" && (value.Length is 0 or > 64 || !value.All(c => char.IsAsciiLetter(c) || c == '_')))
        {
            return ApiError.BadRequest("Invalid target", "a target key such as platform, compute, object, dns");
        }

        if (key == MeasuredMetaKey && Stackmark.Regions.MeasuredCloud.Parse(Encoding.UTF8.GetBytes(value), "measured") is { Success: false } bad)
        {
            return ApiError.BadRequest("Invalid measured", $"{bad.Error} (at {bad.Location!.JsonPath}, line {bad.Location.Line}); send what stackmark upload sends: "
                + "{\"region\", \"hypervisor_types\": [...], \"images\": [{\"name\", \"os_distro\", \"os_type\"}], \"guest_validation\"}");
        }

        if (key == ProductsApi.RegionMetaKey)
        {
            var (declared, refusal) = await DeclaredRegionAsync(run, value, db, ct);
            if (declared is null)
            {
                return refusal!;
            }

            value = declared;
        }

        var existing = await db.RunMeta.FirstOrDefaultAsync(m => m.RunId == run.Id && m.Key == key, ct);
        if (existing is null)
        {
            db.RunMeta.Add(new TestRunMeta { RunId = run.Id, Key = key, Value = value });
        }
        else
        {
            existing.Value = value;
        }

        // RefStack: shared counts as set whatever its value.
        run.Shared |= key == "shared";
        await db.SaveChangesAsync(ct);
        return TypedResults.Created();
    }

    private static async Task<Results<NoContent, JsonHttpResult<ApiError>>> DeleteMeta(string id, string key, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var (run, error) = await FindEditableAsync(id, key, http, db, ct);
        if (run is null)
        {
            return error!;
        }

        var existing = await db.RunMeta.FirstOrDefaultAsync(m => m.RunId == run.Id && m.Key == key, ct);
        if (existing is null)
        {
            return ApiError.NotFound($"Result has no {key}");
        }

        db.RunMeta.Remove(existing);
        if (key == "shared")
        {
            run.Shared = false;
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The declared region of the run's product that <paramref name="name"/> names (ignoring case), or the refusal: 409
    /// when the run is linked to no product (a region means nothing without one), 400 when the product does not declare it.
    /// </summary>
    private static async Task<(string? Region, JsonHttpResult<ApiError>? Error)> DeclaredRegionAsync(TestRun run, string name, RegistryDbContext db, CancellationToken ct)
    {
        var product = run.ProductVersionId is { } versionId
            ? await db.ProductVersions.AsNoTracking().Where(v => v.Id == versionId).Select(v => new { v.Product!.Id, v.Product.Name }).FirstOrDefaultAsync(ct)
            : null;
        if (product is null)
        {
            return (null, ApiError.Of(StatusCodes.Status409Conflict, "Result not linked to a product",
                "a region is one that the result's product declares: link the result to a product version first (PUT /v1/results/{id} with product_version_id)"));
        }

        var declared = await db.ProductRegions.AsNoTracking().Where(r => r.ProductId == product.Id).OrderBy(r => r.Position).Select(r => r.Name).ToListAsync(ct);
        var match = declared.FirstOrDefault(d => string.Equals(d, name, StringComparison.OrdinalIgnoreCase));
        return match is not null
            ? (match, null)
            : (null, ApiError.BadRequest("Unknown region",
                $"product \"{product.Name}\" declares no region \"{name}\"; {(declared.Count == 0 ? "it declares none yet (PUT /v1/products/{id}/regions)" : "it declares: " + string.Join(", ", declared))}"));
    }

    // RefStack: owner only, keys shared/guideline/target else 403, 403 once verified. Foundation admins may edit too.
    private static async Task<(TestRun? Run, JsonHttpResult<ApiError>? Error)> FindEditableAsync(string id, string key, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (caller is null)
        {
            return (null, ApiError.Unauthorized("Authentication required"));
        }

        var (run, role, error) = await FindReadableAsync(id, caller, db, ct, track: true);
        if (run is null)
        {
            return (null, error);
        }

        if (role < ResultRole.Owner)
        {
            return (null, ApiError.Forbidden("Only the owner or a foundation admin edits a result's metadata"));
        }

        if (!EditableMetaKeys.Contains(key))
        {
            return (null, ApiError.Forbidden($"Metadata key '{key}' is not editable ({string.Join(", ", EditableMetaKeys)})"));
        }

        return run.VerificationStatus != 0 ? (null, ApiError.Forbidden("A verified result cannot be changed")) : (run, null);
    }
}
