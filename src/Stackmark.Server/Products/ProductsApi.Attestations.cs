using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stackmark.Guidelines;
using Stackmark.Server.Auth;
using Stackmark.Server.Data;
using Stackmark.Server.Guidelines;
using Stackmark.Server.Http;

namespace Stackmark.Server.Products;

internal static partial class ProductsApi
{
    private static void MapAttestations(RouteGroupBuilder group)
    {
        group.MapGet("/{id}/attestations", ListAttestations).WithSummary("The guidelines whose designated sections the product attests to run, with who and when.");
        group.MapPut("/{id}/attestations/{guideline}", Attest).WithSummary("Attests that the product runs the guideline's designated sections (vendor admin or foundation).");
        group.MapDelete("/{id}/attestations/{guideline}", Unattest).WithSummary("Withdraws an attestation (vendor admin or foundation); verified results stay verified.");
    }

    /// <summary>Whether the product attests to the designated sections of <paramref name="guideline"/> (as <c>GuidelineId</c> writes it).</summary>
    public static Task<bool> HasAttestedAsync(Guid productId, string guideline, RegistryDbContext db, CancellationToken ct) =>
        db.ProductAttestations.AnyAsync(a => a.ProductId == productId && a.Guideline == guideline, ct);

    private static async Task<Results<Ok<List<AttestationDto>>, JsonHttpResult<ApiError>>> ListAttestations(string id, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var (product, _, error) = await FindVisibleAsync(id, Caller.From(http.User), db, ct);
        return product is null ? error! : TypedResults.Ok(await AttestationsOfAsync(product.Id, db, ct));
    }

    /// <summary>
    /// Idempotent: attesting again keeps the first who and when. The guideline must be one the registry's source has,
    /// so a typo cannot stand in for a real attestation.
    /// </summary>
    private static async Task<Results<Ok<AttestationDto>, Created<AttestationDto>, JsonHttpResult<ApiError>>> Attest(
        string id, string guideline, HttpContext http, RegistryDbContext db, GuidelineCatalog catalog, RegistryOptions options, CancellationToken ct)
    {
        var (product, error) = await FindManagedAsync(id, http, db, ct);
        if (product is null)
        {
            return error!;
        }

        if (!GuidelineId.TryParse(guideline, out var gid))
        {
            return ApiError.BadRequest("Invalid guideline", $"'{guideline}' is not YYYY.MM, next or ADDON.YYYY.MM");
        }

        try
        {
            var (g, loadError) = await catalog.LoadAsync(gid, ct);
            if (g is null)
            {
                return loadError is null ? ApiError.NotFound($"Guideline {gid} is not in the guideline source") : ApiError.Of(StatusCodes.Status500InternalServerError, "Guideline unavailable", loadError);
            }
        }
        catch (GuidelineSourceException e)
        {
            return ApiError.Of(StatusCodes.Status502BadGateway, "Guideline source unavailable", e.Message);
        }

        var key = gid.ToString();
        if (!await HasAttestedAsync(product.Id, key, db, ct))
        {
            db.ProductAttestations.Add(new ProductAttestation { ProductId = product.Id, Guideline = key, ById = Caller.From(http.User)!.UserId, At = Timestamps.Now(options.TimeProvider) });
            try
            {
                await db.SaveChangesAsync(ct);
                var created = (await AttestationsOfAsync(product.Id, db, ct)).Single(a => a.Guideline == key);
                return TypedResults.Created($"/v1/products/{product.Id}/attestations/{key}", created);
            }
            catch (DbUpdateException)
            {
                // A concurrent request attested first: the same outcome.
            }
        }

        return TypedResults.Ok((await AttestationsOfAsync(product.Id, db, ct)).Single(a => a.Guideline == key));
    }

    private static async Task<Results<NoContent, JsonHttpResult<ApiError>>> Unattest(string id, string guideline, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var (product, error) = await FindManagedAsync(id, http, db, ct);
        if (product is null)
        {
            return error!;
        }

        if (!GuidelineId.TryParse(guideline, out var gid))
        {
            return ApiError.BadRequest("Invalid guideline", $"'{guideline}' is not YYYY.MM, next or ADDON.YYYY.MM");
        }

        var key = gid.ToString();
        var deleted = await db.ProductAttestations.Where(a => a.ProductId == product.Id && a.Guideline == key).ExecuteDeleteAsync(ct);
        return deleted == 0 ? ApiError.NotFound($"The product has no attestation for {key}") : TypedResults.NoContent();
    }

    private static async Task<List<AttestationDto>> AttestationsOfAsync(Guid productId, RegistryDbContext db, CancellationToken ct)
    {
        var rows = await db.ProductAttestations.AsNoTracking()
            .Where(a => a.ProductId == productId)
            .Select(a => new { a.Guideline, a.At, By = db.Users.Where(u => u.Id == a.ById).Select(u => u.UserName).FirstOrDefault() })
            .ToListAsync(ct);
        return [.. rows.OrderByDescending(a => a.Guideline, StringComparer.Ordinal).Select(a => new AttestationDto(a.Guideline, a.By, Timestamps.Render(a.At)))];
    }
}

/// <summary>An attestation that a product runs a guideline's designated sections: who (the user name) and when (UTC).</summary>
internal sealed record AttestationDto(string Guideline, string? AttestedBy, string AttestedAt);
