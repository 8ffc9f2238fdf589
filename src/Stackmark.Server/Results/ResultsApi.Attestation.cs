using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stackmark.Server.Data;
using Stackmark.Server.Http;
using Stackmark.Server.Products;

namespace Stackmark.Server.Results;

internal static partial class ResultsApi
{
    /// <summary>
    /// The refusal (409) when the run's product has not attested that it runs the designated sections of
    /// <paramref name="guideline"/>, or when the run is linked to no product (nothing could attest); null when it has.
    /// </summary>
    private static async Task<JsonHttpResult<ApiError>?> UnattestedAsync(TestRun run, string guideline, RegistryDbContext db, CancellationToken ct)
    {
        var productId = run.ProductVersionId is { } versionId
            ? await db.ProductVersions.AsNoTracking().Where(v => v.Id == versionId).Select(v => (Guid?)v.ProductId).FirstOrDefaultAsync(ct)
            : null;
        if (productId is null)
        {
            return ApiError.Of(StatusCodes.Status409Conflict, "Designated sections not attested",
                $"a verified result must be linked to a product that attests to running the designated sections of {guideline}; link the result to a product version first");
        }

        return await ProductsApi.HasAttestedAsync(productId.Value, guideline, db, ct)
            ? null
            : ApiError.Of(StatusCodes.Status409Conflict, "Designated sections not attested",
                $"the result's product has not attested to running the designated sections of {guideline}; a vendor admin attests with PUT /v1/products/{productId}/attestations/{guideline}");
    }
}
