using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stackmark.Server.Auth;
using Stackmark.Server.Data;
using Stackmark.Server.Http;
using Stackmark.Server.Vendors;

namespace Stackmark.Server.Products;

/// <summary>
/// RefStack's <c>/v1/products</c> and their versions. Unlike RefStack, creating a product under a vendor needs that
/// vendor's admin (or the foundation), and a version is always loaded together with its product id from the path.
/// </summary>
internal static partial class ProductsApi
{
    public const int MaxNameLength = 128;
    public const int MaxDescriptionLength = 4096;

    public static IEndpointRouteBuilder MapProducts(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/products").WithTags("products");
        group.MapGet("/", List).WithSummary("Public products, plus the caller's vendors' (all for foundation admins); ?organization_id= filters.");
        group.MapPost("/", Create).WithSummary("Creates a private product under organization_id (its admins or the foundation) with a default version.");
        group.MapGet("/{id}", Show).WithSummary("One product (private ones to its vendor's admins and the foundation).");
        group.MapPut("/{id}", Update).WithSummary("Changes name, description, product_type or public (vendor admin or foundation).");
        group.MapDelete("/{id}", Delete).WithSummary("Deletes a product and its versions (not with verified results).");
        group.MapGet("/{id}/versions", ListVersions).WithSummary("The product's versions.");
        group.MapPost("/{id}/versions", CreateVersion).WithSummary("Adds a version with an optional cpid (vendor admin or foundation).");
        group.MapGet("/{id}/versions/{versionId}", ShowVersion).WithSummary("One version of this product (404 for another product's version).");
        group.MapPut("/{id}/versions/{versionId}", UpdateVersion).WithSummary("Sets a version's cpid (vendor admin or foundation).");
        group.MapDelete("/{id}/versions/{versionId}", DeleteVersion).WithSummary("Deletes a version (not the default one, not with verified results).");
        group.MapGet("/{id}/regions", ListRegions).WithSummary("The product's declared configuration: regions, how each runs instances, its guest operating systems.");
        group.MapPut("/{id}/regions", ReplaceRegions).WithSummary("Replaces the declared configuration as a whole (vendor admin or foundation); regions named by results stay.");
        MapAttestations(group);
        group.MapGet("/{id}/programs", Programs).WithSummary("Per declared region, the programs (guideline + target) that the product's verified results pass.");
        return routes;
    }

    private static async Task<Results<Ok<ProductList>, JsonHttpResult<ApiError>>> List(HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var mine = await VendorAccess.AdministeredAsync(caller, db, ct);
        var query = db.Products.AsNoTracking();
        if (http.Request.Query.TryGetValue("organization_id", out var org))
        {
            if (!Guid.TryParse(org.ToString(), out var vendorId))
            {
                return ApiError.BadRequest("Invalid organization_id");
            }

            query = query.Where(p => p.VendorId == vendorId);
        }

        if (caller?.IsFoundation != true)
        {
            query = query.Where(p => p.Public || mine.Contains(p.VendorId));
        }

        var products = await query.OrderBy(p => p.Name).ThenBy(p => p.Id).ToListAsync(ct);
        var regions = await RegionsOfAsync([.. products.Select(p => p.Id)], db, ct);
        return TypedResults.Ok(new ProductList([.. products.Select(p => p.AsDto(caller?.IsFoundation == true || mine.Contains(p.VendorId), regions.GetValueOrDefault(p.Id) ?? []))]));
    }

    private static async Task<Results<Created<CreatedId>, JsonHttpResult<ApiError>>> Create(HttpContext http, RegistryDbContext db, RegistryOptions options, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (caller is null)
        {
            return ApiError.Unauthorized("Authentication required");
        }

        var (body, bad) = await RequestBody.ReadJsonObjectAsync(http.Request, ["name", "description", "product_type", "organization_id", "version", "public", "properties"], ct);
        if (body is null)
        {
            return ApiError.BadRequest("Malformed request", bad);
        }

        var name = RequestBody.OptionalString(body, "name", MaxNameLength);
        var description = RequestBody.OptionalString(body, "description", MaxDescriptionLength);
        var organization = RequestBody.OptionalString(body, "organization_id", 64);
        var version = RequestBody.OptionalString(body, "version", VersionsMaxLength);
        var productType = ProductType(body);
        var isPublic = Bool(body, "public");
        if ((name.Error ?? description.Error ?? organization.Error ?? version.Error ?? productType.Error ?? isPublic.Error) is { } invalid)
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", invalid);
        }

        if (string.IsNullOrEmpty(name.Value) || productType.Value is null)
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", "\"name\" and \"product_type\" are required");
        }

        if (!Guid.TryParse(organization.Value, out var vendorId))
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", "\"organization_id\" (the vendor's id) is required");
        }

        if (!await db.Vendors.AnyAsync(v => v.Id == vendorId, ct))
        {
            return ApiError.BadRequest("Unknown vendor", $"no vendor {vendorId}");
        }

        // RefStack never checked this: anyone could add products to any vendor.
        if (!await VendorAccess.CanManageAsync(caller, vendorId, db, ct))
        {
            return ApiError.Forbidden("Only the vendor's admins and foundation admins add its products");
        }

        if (await db.Products.AnyAsync(p => p.VendorId == vendorId && p.Name == name.Value, ct))
        {
            return ApiError.Conflict($"The vendor already has a product named {name.Value}");
        }

        var now = Timestamps.Now(options.TimeProvider);
        var product = new Product
        {
            Id = Guid.CreateVersion7(),
            VendorId = vendorId,
            Name = name.Value,
            Description = description.Value,
            ProductType = productType.Value.Value,
            Public = isPublic.Value ?? false,
            CreatedAt = now,
        };
        db.Products.Add(product);

        // RefStack: every product has a default version (its version field, or none).
        db.ProductVersions.Add(new ProductVersion { Id = Guid.CreateVersion7(), ProductId = product.Id, Version = version.Value ?? "", CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return ApiError.Conflict($"The vendor already has a product named {name.Value}");
        }

        return TypedResults.Created($"/v1/products/{product.Id}", new CreatedId(product.Id.ToString()));
    }

    /// <summary>The product if the caller may see it: 404 absent, 401/403 private and not theirs.</summary>
    private static async Task<(Product? Product, bool CanManage, JsonHttpResult<ApiError>? Error)> FindVisibleAsync(
        string id, Caller? caller, RegistryDbContext db, CancellationToken ct, bool track = false)
    {
        var query = track ? db.Products : db.Products.AsNoTracking();
        var product = Guid.TryParse(id, out var productId) ? await query.FirstOrDefaultAsync(p => p.Id == productId, ct) : null;
        if (product is null)
        {
            return (null, false, ApiError.NotFound("Product not found"));
        }

        var canManage = await VendorAccess.CanManageAsync(caller, product.VendorId, db, ct);
        return canManage || product.Public ? (product, canManage, null) : (null, false, VendorAccess.Denied(caller, "This product is private"));
    }

    /// <summary>The product if the caller manages its vendor: 404 absent, 401 anonymous, 403 otherwise.</summary>
    private static async Task<(Product? Product, JsonHttpResult<ApiError>? Error)> FindManagedAsync(string id, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (caller is null)
        {
            return (null, ApiError.Unauthorized("Authentication required"));
        }

        var (product, canManage, error) = await FindVisibleAsync(id, caller, db, ct, track: true);
        if (product is null)
        {
            return (null, error);
        }

        return canManage ? (product, null) : (null, ApiError.Forbidden("Only the vendor's admins and foundation admins manage its products"));
    }

    private static async Task<Results<Ok<ProductDto>, JsonHttpResult<ApiError>>> Show(string id, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var (product, canManage, error) = await FindVisibleAsync(id, Caller.From(http.User), db, ct);
        return product is null ? error! : TypedResults.Ok(product.AsDto(canManage, await RegionListAsync(product.Id, db, ct)));
    }

    private static async Task<Results<Ok<ProductDto>, JsonHttpResult<ApiError>>> Update(string id, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var (product, error) = await FindManagedAsync(id, http, db, ct);
        if (product is null)
        {
            return error!;
        }

        var (body, bad) = await RequestBody.ReadJsonObjectAsync(http.Request, ["name", "description", "product_type", "public", "properties"], ct);
        if (body is null)
        {
            return ApiError.BadRequest("Malformed request", bad);
        }

        var name = RequestBody.OptionalString(body, "name", MaxNameLength);
        var description = RequestBody.OptionalString(body, "description", MaxDescriptionLength);
        var productType = ProductType(body);
        var isPublic = Bool(body, "public");
        if ((name.Error ?? description.Error ?? productType.Error ?? isPublic.Error) is { } invalid)
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", invalid);
        }

        if (name.Present && name.Value != product.Name)
        {
            if (string.IsNullOrEmpty(name.Value))
            {
                return ApiError.BadRequest("Request doesn't correspond to schema", "\"name\" cannot be empty");
            }

            if (await db.Products.AnyAsync(p => p.VendorId == product.VendorId && p.Name == name.Value && p.Id != product.Id, ct))
            {
                return ApiError.Conflict($"The vendor already has a product named {name.Value}");
            }

            product.Name = name.Value;
        }

        if (description.Present)
        {
            product.Description = description.Value;
        }

        product.ProductType = productType.Value ?? product.ProductType;
        product.Public = isPublic.Value ?? product.Public;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(product.AsDto(canManage: true, await RegionListAsync(product.Id, db, ct)));
    }

    private static async Task<Results<NoContent, JsonHttpResult<ApiError>>> Delete(string id, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var (product, error) = await FindManagedAsync(id, http, db, ct);
        if (product is null)
        {
            return error!;
        }

        if (await VendorAccess.HasVerifiedResultsAsync(db.ProductVersions.Where(v => v.ProductId == product.Id), db, ct))
        {
            return ApiError.Conflict("The product has verified results");
        }

        await db.Products.Where(p => p.Id == product.Id).ExecuteDeleteAsync(ct);
        return TypedResults.NoContent();
    }

    private static (int? Value, string? Error) ProductType(Dictionary<string, JsonElement> body) =>
        !body.TryGetValue("product_type", out var e) ? (null, null)
        : e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var n) && n is >= 0 and <= 2 ? (n, null)
        : (null, "\"product_type\" must be 0 (distro), 1 (public cloud) or 2 (hosted private cloud)");

    private static (bool? Value, string? Error) Bool(Dictionary<string, JsonElement> body, string key) =>
        !body.TryGetValue(key, out var e) ? (null, null)
        : e.ValueKind is JsonValueKind.True or JsonValueKind.False ? (e.GetBoolean(), null)
        : (null, $"\"{key}\" must be true or false");

    // RefStack's type: 0 software (a distro), 1 cloud (public or hosted private).
    private static ProductDto AsDto(this Product p, bool canManage, List<RegionDto> regions) => new(
        p.Id.ToString(), p.Name, p.Description, p.ProductType == 0 ? 0 : 1, p.ProductType, p.Public, p.VendorId.ToString(), canManage, Timestamps.Render(p.CreatedAt), regions);
}

/// <summary>RefStack's <c>{"products": [...]}</c>.</summary>
internal sealed record ProductList(List<ProductDto> Products);

/// <summary>
/// A product in RefStack's shape: <c>type</c> 0 software / 1 cloud, <c>product_type</c> 0 distro / 1 public / 2 hosted
/// private; Stackmark adds the vendor's declared configuration (<c>regions</c>, in declaration order).
/// </summary>
internal sealed record ProductDto(
    string Id, string Name, string? Description, int Type, int ProductType, bool Public, string OrganizationId, bool CanManage, string CreatedAt, List<RegionDto> Regions);

/// <summary>A product version in RefStack's shape; the default version has <c>version</c> null.</summary>
internal sealed record VersionDto(string Id, string ProductId, string? Version, string? Cpid);
