using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stackmark.Server.Auth;
using Stackmark.Server.Data;
using Stackmark.Server.Http;
using Stackmark.Server.Vendors;

namespace Stackmark.Server.Products;

internal static partial class ProductsApi
{
    public const int VersionsMaxLength = 64;

    private static async Task<Results<Ok<List<VersionDto>>, JsonHttpResult<ApiError>>> ListVersions(string id, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var (product, _, error) = await FindVisibleAsync(id, Caller.From(http.User), db, ct);
        if (product is null)
        {
            return error!;
        }

        var versions = await db.ProductVersions.AsNoTracking().Where(v => v.ProductId == product.Id).OrderBy(v => v.CreatedAt).ThenBy(v => v.Id).ToListAsync(ct);
        return TypedResults.Ok(versions.Select(AsDto).ToList());
    }

    private static async Task<Results<Ok<VersionDto>, JsonHttpResult<ApiError>>> ShowVersion(string id, string versionId, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var (product, _, error) = await FindVisibleAsync(id, Caller.From(http.User), db, ct);
        if (product is null)
        {
            return error!;
        }

        var version = await FindVersionAsync(product, versionId, db, ct);
        return version is null ? ApiError.NotFound("Version not found for this product") : TypedResults.Ok(AsDto(version));
    }

    private static async Task<Results<Created<VersionDto>, JsonHttpResult<ApiError>>> CreateVersion(string id, HttpContext http, RegistryDbContext db, RegistryOptions options, CancellationToken ct)
    {
        var (product, error) = await FindManagedAsync(id, http, db, ct);
        if (product is null)
        {
            return error!;
        }

        var (body, bad) = await RequestBody.ReadJsonObjectAsync(http.Request, ["version", "cpid"], ct);
        if (body is null)
        {
            return ApiError.BadRequest("Malformed request", bad);
        }

        var version = RequestBody.OptionalString(body, "version", VersionsMaxLength);
        var cpid = RequestBody.OptionalString(body, "cpid", RefStackResults.MaxCpidLength);
        if ((version.Error ?? cpid.Error) is { } invalid)
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", invalid);
        }

        if (string.IsNullOrEmpty(version.Value))
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", "\"version\" is required");
        }

        if (await db.ProductVersions.AnyAsync(v => v.ProductId == product.Id && v.Version == version.Value, ct))
        {
            return ApiError.Conflict($"The product already has version {version.Value}");
        }

        var entity = new ProductVersion
        {
            Id = Guid.CreateVersion7(),
            ProductId = product.Id,
            Version = version.Value,
            Cpid = string.IsNullOrEmpty(cpid.Value) ? null : cpid.Value,
            CreatedAt = Timestamps.Now(options.TimeProvider),
        };
        db.ProductVersions.Add(entity);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return ApiError.Conflict($"The product already has version {version.Value}");
        }

        return TypedResults.Created($"/v1/products/{product.Id}/versions/{entity.Id}", AsDto(entity));
    }

    private static async Task<Results<Ok<VersionDto>, JsonHttpResult<ApiError>>> UpdateVersion(string id, string versionId, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var (product, error) = await FindManagedAsync(id, http, db, ct);
        if (product is null)
        {
            return error!;
        }

        // Scoped to the product in the path: RefStack checked rights on the product and then changed any version id.
        var version = await FindVersionAsync(product, versionId, db, ct, track: true);
        if (version is null)
        {
            return ApiError.NotFound("Version not found for this product");
        }

        var (body, bad) = await RequestBody.ReadJsonObjectAsync(http.Request, ["cpid"], ct);
        if (body is null)
        {
            return ApiError.BadRequest("Malformed request", bad);
        }

        var cpid = RequestBody.OptionalString(body, "cpid", RefStackResults.MaxCpidLength);
        if (cpid.Error is not null)
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", cpid.Error);
        }

        if (cpid.Present)
        {
            version.Cpid = string.IsNullOrEmpty(cpid.Value) ? null : cpid.Value;
            await db.SaveChangesAsync(ct);
        }

        return TypedResults.Ok(AsDto(version));
    }

    private static async Task<Results<NoContent, JsonHttpResult<ApiError>>> DeleteVersion(string id, string versionId, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var (product, error) = await FindManagedAsync(id, http, db, ct);
        if (product is null)
        {
            return error!;
        }

        var version = await FindVersionAsync(product, versionId, db, ct);
        if (version is null)
        {
            return ApiError.NotFound("Version not found for this product");
        }

        if (version.Version.Length == 0)
        {
            return ApiError.BadRequest("The default version of a product cannot be deleted");
        }

        if (await VendorAccess.HasVerifiedResultsAsync(db.ProductVersions.Where(v => v.Id == version.Id), db, ct))
        {
            return ApiError.Conflict("The version has verified results");
        }

        await db.ProductVersions.Where(v => v.Id == version.Id && v.ProductId == product.Id).ExecuteDeleteAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<ProductVersion?> FindVersionAsync(Product product, string versionId, RegistryDbContext db, CancellationToken ct, bool track = false)
    {
        if (!Guid.TryParse(versionId, out var vid))
        {
            return null;
        }

        var query = track ? db.ProductVersions : db.ProductVersions.AsNoTracking();
        return await query.FirstOrDefaultAsync(v => v.Id == vid && v.ProductId == product.Id, ct);
    }

    private static VersionDto AsDto(ProductVersion v) => new(v.Id.ToString(), v.ProductId.ToString(), v.Version.Length == 0 ? null : v.Version, v.Cpid);
}
