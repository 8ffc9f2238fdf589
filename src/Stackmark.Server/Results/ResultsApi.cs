using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stackmark.Server.Auth;
using Stackmark.Server.Data;
using Stackmark.Server.Http;

namespace Stackmark.Server.Results;

/// <summary>RefStack's <c>/v1/results</c>: upload, list, show, delete, metadata, and Stackmark's compliance and full test list.</summary>
internal static partial class ResultsApi
{
    public const int PageSize = 20;

    public static IEndpointRouteBuilder MapResults(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/results").WithTags("results");
        group.MapPost("/", Upload)
            .Accepts<byte[]>("application/json", SubunitMediaType)
            .WithSummary("Uploads a RefStack results document (or, as application/vnd.subunit with ?cpid=, a subunit stream), signed with X-Signature/X-Public-Key (or anonymous when allowed).");
        group.MapPost("/subunit", UploadSubunit)
            .Accepts<byte[]>(SubunitMediaType, "application/octet-stream")
            .WithSummary("Uploads a subunit v2 stream (?cpid=…&duration_seconds=…), signed like a JSON upload; every test's status, reason and duration are kept.");
        group.MapPost("/full", UploadFull)
            .Accepts<byte[]>("application/json")
            .WithSummary("Uploads the full-results.json of `stackmark run` (every test's status, reason, duration; guideline and target become meta), signed like a JSON upload.");
        group.MapGet("/", List).WithSummary("Public runs (unsigned or shared) newest first, or the caller's own with `signed`; 20 a page.");
        group.MapGet("/queue", Queue).WithSummary("Foundation admins: runs linked to a product version and not verified, oldest first, with their compliance (Stackmark extension).");
        group.MapGet("/schema", Schema).WithSummary("The JSON Schema of the upload document.");
        group.MapGet("/{id}", Show).WithSummary("One run; `results` are the passed test names.");
        group.MapPut("/{id}", Update).WithSummary("Links a product version (owner with the product's vendor admin, or foundation) and verifies (foundation); 200 with the run.");
        group.MapDelete("/{id}", Delete).WithSummary("Deletes a run (owner or foundation; not once verified).");
        group.MapGet("/{id}/subunit", Subunit).WithSummary("The raw subunit stream of a subunit upload (owner and foundation).");
        group.MapGet("/{id}/verification", Verification).WithSummary("The compliance report snapshot taken when the run was verified, and the verification history (foundation).");
        group.MapGet("/{id}/tests", Tests).WithSummary("Every test of a run with status, skip reason and duration (Stackmark extension).");
        group.MapGet("/{id}/meta", ListMeta).WithSummary("A run's metadata (non-owners see shared, guideline, target, region).");
        group.MapPost("/{id}/meta/{key}", SetMeta).Accepts<string>("text/plain").WithSummary("Sets shared, guideline, target or region (one the linked product declares); the raw body is the value.");
        group.MapDelete("/{id}/meta/{key}", DeleteMeta).WithSummary("Removes a metadata key.");
        group.MapGet("/{id}/compliance", Compliance).WithSummary("The run's compliance with a guideline's target, computed on the server and stored (Stackmark extension).");
        return routes;
    }

    private static string RunUrl(HttpRequest request, RegistryOptions options, Guid id)
    {
        var root = options.PublicUrl?.ToString().TrimEnd('/') ?? $"{request.Scheme}://{request.Host}{request.PathBase}";
        return $"{root}/v1/results/{id}";
    }

    /// <summary>Finds a run the caller may read: 404 if absent, 401 (anonymous) or 403 (signed in) if private.</summary>
    private static async Task<(TestRun? Run, ResultRole Role, JsonHttpResult<ApiError>? Error)> FindReadableAsync(
        string id, Caller? caller, RegistryDbContext db, CancellationToken ct, bool track = false)
    {
        var query = track ? db.Runs : db.Runs.AsNoTracking();
        var run = Guid.TryParse(id, out var runId) ? await query.FirstOrDefaultAsync(r => r.Id == runId, ct) : null;
        if (run is null)
        {
            return (null, ResultRole.None, ApiError.NotFound("Test result not found"));
        }

        var role = ResultRoles.Of(caller, run);
        if (role == ResultRole.None)
        {
            return (null, role, caller is null ? ApiError.Unauthorized("This result is private: sign in as its owner") : ApiError.Forbidden("This result is private"));
        }

        return (run, role, null);
    }

    private static async Task<Dictionary<string, string>> MetaOfAsync(TestRun run, ResultRole role, RegistryDbContext db, CancellationToken ct)
    {
        var meta = await db.RunMeta.AsNoTracking().Where(m => m.RunId == run.Id).ToDictionaryAsync(m => m.Key, m => m.Value, ct);
        if (role >= ResultRole.Owner && run.OwnerId is { } owner)
        {
            meta["user"] = await db.Users.Where(u => u.Id == owner).Select(u => u.UserName).FirstAsync(ct);
        }

        return meta;
    }

    private static async Task<Results<Ok<ResultDetail>, JsonHttpResult<ApiError>>> Show(string id, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var (run, role, error) = await FindReadableAsync(id, Caller.From(http.User), db, ct);
        return run is null ? error! : TypedResults.Ok(await DetailAsync(run, role, db, ct));
    }

    private static async Task<ResultDetail> DetailAsync(TestRun run, ResultRole role, RegistryDbContext db, CancellationToken ct)
    {
        var names = await db.RunResults.AsNoTracking()
            .Where(r => r.RunId == run.Id && r.Status == "pass")
            .OrderBy(r => r.Name)
            .Select(r => r.Name)
            .ToListAsync(ct);
        var verifiedBy = run.VerifiedById is { } v && role == ResultRole.Foundation
            ? await db.Users.Where(u => u.Id == v).Select(u => u.UserName).FirstOrDefaultAsync(ct)
            : null;
        var pv = await ProductVersionsAsync([run.Id], role >= ResultRole.Owner, db, ct);
        return new ResultDetail(
            run.Id.ToString(),
            Timestamps.Render(run.CreatedAt),
            run.DurationSeconds,
            run.VerificationStatus,
            await MetaOfAsync(run, role, db, ct),
            pv.GetValueOrDefault(run.Id),
            names,
            ResultRoles.Word(role),
            role >= ResultRole.Owner ? run.Cpid : null,
            verifiedBy,
            run.VerifiedAt is { } at ? Timestamps.Render(at) : null,
            run is { VerificationStatus: not 0, VerifiedGuideline: { } g, VerifiedTarget: { } t, VerifiedCompliant: { } c } ? new VerificationDto(g, t, c) : null,
            run.SignatureVersion,
            run.Format);
    }

    private static async Task<Results<Ok<List<TestResultDto>>, JsonHttpResult<ApiError>>> Tests(string id, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var (run, _, error) = await FindReadableAsync(id, Caller.From(http.User), db, ct);
        if (run is null)
        {
            return error!;
        }

        var tests = await db.RunResults.AsNoTracking()
            .Where(r => r.RunId == run.Id)
            .OrderBy(r => r.Name)
            .Select(r => new TestResultDto(r.Name, r.IdempotentId, r.Status, r.Reason, r.DurationSeconds))
            .ToListAsync(ct);
        return TypedResults.Ok(tests);
    }

    private static async Task<Results<NoContent, JsonHttpResult<ApiError>>> Delete(string id, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (caller is null)
        {
            return ApiError.Unauthorized("Authentication required");
        }

        var (run, role, error) = await FindReadableAsync(id, caller, db, ct);
        if (run is null)
        {
            return error!;
        }

        if (role < ResultRole.Owner)
        {
            return ApiError.Forbidden("Only the owner or a foundation admin deletes a result");
        }

        if (run.VerificationStatus != 0)
        {
            return ApiError.Forbidden("A verified result cannot be deleted");
        }

        // Test rows have no foreign key to cascade from (TestRunResult): they go in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.RunResults.Where(r => r.RunId == run.Id).ExecuteDeleteAsync(ct);
        await db.Runs.Where(r => r.Id == run.Id).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    // Versions of products that are public, or any for owner/foundation (RefStack nulls private ones for others).
    private static async Task<Dictionary<Guid, ProductVersionDto>> ProductVersionsAsync(IReadOnlyCollection<Guid> runIds, bool includePrivate, RegistryDbContext db, CancellationToken ct)
    {
        var rows = await db.Runs.AsNoTracking()
            .Where(r => runIds.Contains(r.Id) && r.ProductVersion != null && (includePrivate || r.ProductVersion.Product!.Public))
            .Select(r => new { r.Id, Version = r.ProductVersion!, r.ProductVersion!.Product })
            .ToListAsync(ct);

        // Mapped in memory: Guid.ToString() in SQL would follow the provider's casing (SQLite stores uppercase).
        return rows.ToDictionary(
            x => x.Id,
            x => new ProductVersionDto(x.Version.Id.ToString(), x.Version.Version, x.Version.Cpid, new ProductInfoDto(x.Product!.Id.ToString(), x.Product.Name, x.Product.ProductType, x.Product.VendorId.ToString())));
    }
}
