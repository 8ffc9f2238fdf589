using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stackmark.Server.Auth;
using Stackmark.Server.Data;
using Stackmark.Server.Guidelines;
using Stackmark.Server.Http;

namespace Stackmark.Server.Results;

internal static partial class ResultsApi
{
    /// <summary>
    /// The foundation's verification queue: runs linked to a product version and not verified, oldest first (keyset
    /// <c>cursor</c> on <c>(created_at, id)</c>), each with what it lacks for verification and its compliance with its
    /// own guideline and target meta (the stored per-run report, computed and stored on first use).
    /// </summary>
    private static async Task<Results<Ok<QueuePage>, JsonHttpResult<ApiError>>> Queue(
        string? cursor, HttpContext http, RegistryDbContext db, GuidelineCatalog catalog, RegistryOptions options, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (caller is null)
        {
            return ApiError.Unauthorized("Authentication required");
        }

        if (!caller.IsFoundation)
        {
            return ApiError.Forbidden("Only foundation admins see the verification queue");
        }

        var waiting = db.Runs.AsNoTracking().Where(r => r.VerificationStatus == 0 && r.ProductVersionId != null);
        var total = await waiting.CountAsync(ct);
        if (cursor is not null)
        {
            if (!ListCursor.TryParse(cursor, out var k))
            {
                return ApiError.BadRequest("Invalid cursor", "pass the next_cursor of the previous page unchanged");
            }

            waiting = waiting.Where(r => r.CreatedAt > k.CreatedAt || (r.CreatedAt == k.CreatedAt && r.Id.CompareTo(k.Id) > 0));
        }

        var rows = await waiting.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Take(PageSize + 1).ToListAsync(ct);
        var hasMore = rows.Count > PageSize;
        if (hasMore)
        {
            rows.RemoveAt(PageSize);
        }

        var versions = await ProductVersionsAsync([.. rows.Select(r => r.Id)], includePrivate: true, db, ct);
        var entries = new List<QueueEntry>(rows.Count);
        foreach (var run in rows)
        {
            var meta = await MetaOfAsync(run, ResultRole.Foundation, db, ct);
            var missing = VerificationMetaKeys.Where(k => !meta.ContainsKey(k)).ToList();
            QueueCompliance? compliance = null;
            string? complianceError;
            if (meta.TryGetValue("guideline", out var guideline) && meta.TryGetValue("target", out var target))
            {
                var verdict = await ComplianceOfAsync(run.Id, guideline, target, db, catalog, options, ct);
                complianceError = verdict.Error?.Value?.Detail ?? verdict.Error?.Value?.Title;
                if (verdict.Error is null)
                {
                    using var report = JsonDocument.Parse(verdict.ReportJson);
                    compliance = new QueueCompliance(verdict.Guideline, verdict.Target, report.RootElement.GetProperty("program").GetString() ?? verdict.Target, verdict.Compliant);
                }
            }
            else
            {
                complianceError = "the result names no guideline and target (meta), so there is no program to judge it against";
            }

            entries.Add(new QueueEntry(
                run.Id.ToString(), Timestamps.Render(run.CreatedAt), run.Cpid, meta, versions.GetValueOrDefault(run.Id), missing, compliance, complianceError, run.SignatureVersion, run.Format));
        }

        var next = hasMore ? new ListCursor(DateTime.SpecifyKind(rows[^1].CreatedAt, DateTimeKind.Utc), rows[^1].Id).ToString() : null;
        return TypedResults.Ok(new QueuePage(entries, total, next));
    }
}

/// <summary>A page of the verification queue: <c>total</c> runs are waiting; <c>next_cursor</c> is null on the last page.</summary>
internal sealed record QueuePage(List<QueueEntry> Results, int Total, string? NextCursor);

/// <summary>
/// A run waiting for verification: its meta (all keys, with <c>user</c>), product version, the meta keys verification
/// still needs (<c>missing_meta</c>; verifying is 409 until empty), and its compliance with its own guideline and
/// target, or why there is none (<c>compliance_error</c>).
/// </summary>
internal sealed record QueueEntry(
    string Id, string CreatedAt, string Cpid, Dictionary<string, string> Meta, ProductVersionDto? ProductVersion, List<string> MissingMeta,
    QueueCompliance? Compliance, string? ComplianceError, int? SignatureVersion, string Format);

/// <summary>The server's stored verdict for the run's own guideline and target, with the program's name.</summary>
internal sealed record QueueCompliance(string Guideline, string Target, string Program, bool Compliant);
