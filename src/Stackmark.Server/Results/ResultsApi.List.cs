using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stackmark.Server.Auth;
using Stackmark.Server.Data;
using Stackmark.Server.Http;

namespace Stackmark.Server.Results;

internal static partial class ResultsApi
{
    // Readable by anyone who may read the run, and editable by its owner and the foundation.
    private static readonly string[] PublicMetaKeys = ["shared", "guideline", "target", Products.ProductsApi.RegionMetaKey];

    /// <summary>
    /// RefStack's listing. Order is (created_at, id) descending, served from that index. <c>cursor</c> pages by keyset
    /// (the <c>next_cursor</c> of the previous page); <c>page</c> is RefStack's page number, kept for refstack-client's
    /// <c>list</c> and served with OFFSET over the same index.
    /// </summary>
    private static async Task<Results<Ok<ResultPage>, JsonHttpResult<ApiError>>> List(HttpContext http, RegistryDbContext db, RegistryOptions options, CancellationToken ct)
    {
        var q = http.Request.Query;
        var caller = Caller.From(http.User);
        var runs = db.Runs.AsNoTracking();

        if (q.ContainsKey("signed"))
        {
            if (caller is null)
            {
                return ApiError.BadRequest("The signed filter needs authentication", "it lists the caller's own uploads");
            }

            runs = runs.Where(r => r.OwnerId == caller.UserId);
        }
        else
        {
            runs = runs.Where(r => r.OwnerId == null || r.Shared);
        }

        DateTime? start = null, end = null;
        if (q.TryGetValue("start_date", out var s))
        {
            if (!Timestamps.TryParse(s.ToString(), out var t))
            {
                return ApiError.BadRequest("Invalid start_date", "expected YYYY-MM-DD HH:MM:SS (UTC)");
            }

            start = t;
            runs = runs.Where(r => r.CreatedAt >= t);
        }

        if (q.TryGetValue("end_date", out var e))
        {
            if (!Timestamps.TryParse(e.ToString(), out var t))
            {
                return ApiError.BadRequest("Invalid end_date", "expected YYYY-MM-DD HH:MM:SS (UTC)");
            }

            end = t;

            // Inclusive of the whole second named.
            var until = t.AddSeconds(1);
            runs = runs.Where(r => r.CreatedAt < until);
        }

        if (start > end)
        {
            return ApiError.BadRequest("Invalid date range", "start_date is after end_date");
        }

        if (q.TryGetValue("cpid", out var cpid))
        {
            var c = cpid.ToString().Trim();
            runs = runs.Where(r => r.Cpid == c);
        }

        if (q.TryGetValue("verification_status", out var vs))
        {
            if (vs.ToString().Trim() is not ("0" or "1"))
            {
                return ApiError.BadRequest("Invalid verification_status", "0 (not verified) or 1 (verified)");
            }

            var status = vs.ToString().Trim() == "1" ? 1 : 0;
            runs = runs.Where(r => r.VerificationStatus == status);
        }

        if (q.TryGetValue("product_id", out var pid))
        {
            if (!Guid.TryParse(pid.ToString(), out var productId))
            {
                return ApiError.BadRequest("Invalid product_id");
            }

            var product = await db.Products.AsNoTracking().Where(p => p.Id == productId).Select(p => new { p.Public, p.VendorId }).FirstOrDefaultAsync(ct);
            if (product is null)
            {
                return ApiError.NotFound("Product not found");
            }

            if (!product.Public && !(caller?.IsFoundation == true
                || (caller is not null && await db.VendorAdmins.AnyAsync(a => a.VendorId == product.VendorId && a.UserId == caller.UserId, ct))))
            {
                return ApiError.Forbidden("This product is private");
            }

            runs = runs.Where(r => r.ProductVersion != null && r.ProductVersion.ProductId == productId);
        }

        int? page = null;
        ListCursor? cursor = null;
        if (q.TryGetValue("cursor", out var cur))
        {
            if (!ListCursor.TryParse(cur.ToString(), out var parsedCursor))
            {
                return ApiError.BadRequest("Invalid cursor", "pass the next_cursor of the previous page unchanged");
            }

            cursor = parsedCursor;
        }
        else if (q.TryGetValue("page", out var p))
        {
            if (!int.TryParse(p.ToString(), out var n) || n <= 0)
            {
                return ApiError.BadRequest("Invalid page", "a whole number, 1 or more");
            }

            page = n;
        }
        else
        {
            page = 1;
        }

        var total = await runs.CountAsync(ct);
        var totalPages = Math.Max(1, (total + PageSize - 1) / PageSize);
        if (page > totalPages)
        {
            return ApiError.BadRequest("Invalid page", $"there are {totalPages} pages");
        }

        var ordered = runs.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id);
        IQueryable<TestRun> window;
        if (cursor is { } k)
        {
            window = ordered.Where(r => r.CreatedAt < k.CreatedAt || (r.CreatedAt == k.CreatedAt && r.Id.CompareTo(k.Id) < 0));
        }
        else
        {
            window = ordered.Skip((page!.Value - 1) * PageSize);
        }

        var rows = await window.Take(PageSize + 1).ToListAsync(ct);
        var hasMore = rows.Count > PageSize;
        if (hasMore)
        {
            rows.RemoveAt(PageSize);
        }

        var ids = rows.Select(r => r.Id).ToList();
        var meta = await db.RunMeta.AsNoTracking().Where(m => ids.Contains(m.RunId)).ToListAsync(ct);
        var ownedOrAdmin = rows.Where(r => caller is not null && (caller.IsFoundation || r.OwnerId == caller.UserId)).Select(r => r.Id).ToHashSet();
        var versions = await ProductVersionsAsync(ids, includePrivate: caller?.IsFoundation == true, db, ct);
        var summaries = rows.Select(r => new ResultSummary(
            r.Id.ToString(),
            Timestamps.Render(r.CreatedAt),
            r.DurationSeconds,
            r.VerificationStatus,
            meta.Where(m => m.RunId == r.Id && (ownedOrAdmin.Contains(r.Id) || PublicMetaKeys.Contains(m.Key))).ToDictionary(m => m.Key, m => m.Value),
            versions.GetValueOrDefault(r.Id),
            RunUrl(http.Request, options, r.Id))).ToList();
        var next = hasMore ? new ListCursor(DateTime.SpecifyKind(rows[^1].CreatedAt, DateTimeKind.Utc), rows[^1].Id).ToString() : null;
        return TypedResults.Ok(new ResultPage(summaries, new Pagination(page, totalPages, next)));
    }
}
