using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stackmark.Server.Auth;
using Stackmark.Server.Data;
using Stackmark.Server.Http;

namespace Stackmark.Server.Products;

internal static partial class ProductsApi
{
    /// <summary>The meta key by which a result names the region of its product it ran against.</summary>
    public const string RegionMetaKey = "region";

    private static async Task<Results<Ok<RegionList>, JsonHttpResult<ApiError>>> ListRegions(string id, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var (product, _, error) = await FindVisibleAsync(id, Caller.From(http.User), db, ct);
        return product is null ? error! : TypedResults.Ok(new RegionList(await RegionListAsync(product.Id, db, ct)));
    }

    /// <summary>
    /// Replaces the declared configuration as one document, in one transaction, so a reader never sees half of an edit.
    /// A region that results linked to this product name cannot be dropped or renamed (409): their <c>region</c> meta
    /// would point at nothing, and verified results cannot change it.
    /// </summary>
    private static async Task<Results<Ok<RegionList>, JsonHttpResult<ApiError>>> ReplaceRegions(string id, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var (product, error) = await FindManagedAsync(id, http, db, ct);
        if (product is null)
        {
            return error!;
        }

        var (body, bad) = await RequestBody.ReadJsonObjectAsync(http.Request, ["regions"], ct);
        if (body is null)
        {
            return ApiError.BadRequest("Malformed request", bad);
        }

        var (regions, refusal) = DeclaredRegions.Parse(product.Id, body);
        if (regions is null)
        {
            return ApiError.BadRequest(refusal!.Title, refusal.Detail);
        }

        var inUse = await RegionsNamedByResultsAsync(product.Id, db, ct);
        var dropped = inUse.Where(n => !regions.Any(r => r.Name == n.Key)).OrderBy(n => n.Key, StringComparer.Ordinal).ToList();
        if (dropped.Count > 0)
        {
            return ApiError.Of(StatusCodes.Status409Conflict, "Region in use",
                $"results linked to this product name {string.Join(", ", dropped.Select(d => $"region \"{d.Key}\" ({d.Value} {(d.Value == 1 ? "result" : "results")})"))}; " +
                "keep it in the declaration with the same spelling, or change those results' region meta first");
        }

        // Rows are matched by exact name: kept ones are updated in place, so EF never tracks a deleted and an added row
        // with the same key.
        var existing = await db.ProductRegions.Where(r => r.ProductId == product.Id).ToDictionaryAsync(r => r.Name, StringComparer.Ordinal, ct);
        foreach (var region in regions)
        {
            if (existing.Remove(region.Name, out var row))
            {
                row.Position = region.Position;
                row.Kind = region.Kind;
                row.Runtime = region.Runtime;
                row.GuestOperatingSystems = region.GuestOperatingSystems;
            }
            else
            {
                db.ProductRegions.Add(region);
            }
        }

        db.ProductRegions.RemoveRange(existing.Values);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request replaced the declaration (or deleted the product) at the same time; nothing was written.
            return ApiError.Of(StatusCodes.Status409Conflict, "Declaration changed concurrently", "read the regions again and retry");
        }

        return TypedResults.Ok(new RegionList(await RegionListAsync(product.Id, db, ct)));
    }

    /// <summary>How many results linked to the product name each region (by the exact spelling stored in their meta).</summary>
    private static async Task<Dictionary<string, int>> RegionsNamedByResultsAsync(Guid productId, RegistryDbContext db, CancellationToken ct)
    {
        var names = await db.RunMeta.AsNoTracking()
            .Where(m => m.Key == RegionMetaKey && db.Runs.Any(r => r.Id == m.RunId && r.ProductVersion != null && r.ProductVersion.ProductId == productId))
            .Select(m => m.Value)
            .ToListAsync(ct);
        return names.GroupBy(n => n, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    private static async Task<List<RegionDto>> RegionListAsync(Guid productId, RegistryDbContext db, CancellationToken ct) =>
        (await RegionsOfAsync([productId], db, ct)).GetValueOrDefault(productId) ?? [];

    /// <summary>The declared regions of each product, in declaration order.</summary>
    private static async Task<Dictionary<Guid, List<RegionDto>>> RegionsOfAsync(IReadOnlyCollection<Guid> productIds, RegistryDbContext db, CancellationToken ct)
    {
        if (productIds.Count == 0)
        {
            return [];
        }

        var rows = await db.ProductRegions.AsNoTracking().Where(r => productIds.Contains(r.ProductId)).ToListAsync(ct);
        return rows.GroupBy(r => r.ProductId).ToDictionary(
            g => g.Key,
            g => g.OrderBy(r => r.Position).Select(r => new RegionDto(r.Name, r.Kind, r.Runtime, r.GuestOperatingSystems)).ToList());
    }
}

/// <summary>A product's declared configuration: <c>{"regions": [...]}</c>, in the vendor's order.</summary>
internal sealed record RegionList(List<RegionDto> Regions);

/// <summary>
/// One declared region: <c>kind</c> is hypervisor, container or bare-metal; <c>runtime</c> the hypervisor or container
/// runtime (e.g. KVM, Kata; may be null for bare metal); <c>guest_os</c> the guest operating systems it supports.
/// </summary>
internal sealed record RegionDto(string Name, string Kind, string? Runtime, List<string> GuestOs);
