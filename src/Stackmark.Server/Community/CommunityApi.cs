using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stackmark.Guidelines;
using Stackmark.Server.Data;
using Stackmark.Server.Guidelines;
using Stackmark.Server.Http;

namespace Stackmark.Server.Community;

/// <summary>
/// Community data (Stackmark extension): per capability of a guideline's target, how many distinct clouds and products
/// pass it among the stored results — <c>GET /v1/community/capabilities</c> (JSON) and <c>GET /community</c> (a page
/// with inline SVG charts). The computation is the domain's <see cref="CommunityAdoption"/>; this file only loads data.
/// </summary>
/// <remarks>
/// Every stored run counts, private ones included: only counts are published, never cpids, products or runs.
/// </remarks>
internal static class CommunityApi
{
    // Runs whose tests are loaded per query: keeps IN lists short on both providers.
    private const int Chunk = 500;

    /// <summary>Maps the community routes (one line in <c>RegistryHost</c>).</summary>
    public static IEndpointRouteBuilder MapCommunity(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/community/capabilities", Capabilities).WithTags("community")
            .WithSummary("Per capability of a guideline's target: distinct clouds (cpids) and products passing it in a window, with a monthly trend (Stackmark extension).");
        routes.MapGet("/community", Page).WithTags("community").ExcludeFromDescription();
        return routes;
    }

    private static async Task<Results<ContentHttpResult, JsonHttpResult<ApiError>>> Capabilities(
        string? guideline, string? target, string? from, string? to, RegistryDbContext db, GuidelineCatalog catalog, RegistryOptions options, CancellationToken ct)
    {
        var (report, error) = await ComputeAsync(guideline, target, from, to, db, catalog, options, ct);
        return report is null
            ? ApiError.Of(error!.Code, error.Title, error.Detail)
            : TypedResults.Text(CommunityJson.Write(report), "application/json");
    }

    private static async Task<ContentHttpResult> Page(
        string? guideline, string? target, string? from, string? to, string? threshold, HttpContext http, RegistryDbContext db, GuidelineCatalog catalog, RegistryOptions options, CancellationToken ct)
    {
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        var query = new CommunityPage.Query(guideline, target, from, to, threshold);
        var share = WidelyDeployed.DefaultThreshold;
        if (!string.IsNullOrWhiteSpace(threshold)
            && !(double.TryParse(threshold, NumberStyles.Float, CultureInfo.InvariantCulture, out share) && share > 0 && share <= 1))
        {
            return Html(CommunityPage.Error(query, new ApiError(StatusCodes.Status400BadRequest, "Invalid threshold", $"'{threshold}' is not a share of clouds in (0, 1], e.g. 0.5")));
        }

        var (report, error) = await ComputeAsync(guideline, target, from, to, db, catalog, options, ct);
        return report is null ? Html(CommunityPage.Error(query, error!)) : Html(CommunityPage.Render(query, report, share), StatusCodes.Status200OK);
    }

    private static ContentHttpResult Html((int Status, string Html) page) => Html(page.Html, page.Status);

    private static ContentHttpResult Html(string html, int status) => TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);

    /// <summary>Loads the runs of the window and hands them to the domain; an error is a 4xx/5xx <see cref="ApiError"/>.</summary>
    private static async Task<(AdoptionReport? Report, ApiError? Error)> ComputeAsync(
        string? guidelineText, string? targetText, string? fromText, string? toText, RegistryDbContext db, GuidelineCatalog catalog, RegistryOptions options, CancellationToken ct)
    {
        var target = (string.IsNullOrWhiteSpace(targetText) ? "platform" : targetText).Trim().ToLowerInvariant();
        if (!TryTime(fromText, endOfDay: false, out var from) || !TryTime(toText, endOfDay: true, out var to))
        {
            return (null, new ApiError(StatusCodes.Status400BadRequest, "Invalid window", "from and to are YYYY-MM-DD or YYYY-MM-DD HH:MM:SS (UTC); a bare date as 'to' includes that day"));
        }

        to ??= Timestamps.Now(options.TimeProvider);
        if (from > to)
        {
            return (null, new ApiError(StatusCodes.Status400BadRequest, "Invalid window", "from is after to"));
        }

        Guideline g;
        try
        {
            GuidelineId id;
            if (string.IsNullOrWhiteSpace(guidelineText))
            {
                if (await catalog.NewestCoreAsync(ct) is not { } newest)
                {
                    return (null, new ApiError(StatusCodes.Status404NotFound, "The guideline source has no guidelines"));
                }

                id = newest;
            }
            else if (!GuidelineId.TryParse(guidelineText, out id))
            {
                return (null, new ApiError(StatusCodes.Status400BadRequest, "Invalid guideline", $"'{guidelineText}' is not YYYY.MM, next or ADDON.YYYY.MM (optionally with .json)"));
            }

            var found = await catalog.LoadForTargetAsync(id, target, ct);
            if (found.Guideline is null)
            {
                return (null, new ApiError(found.Status, found.Status == StatusCodes.Status400BadRequest ? "Invalid target" : "Guideline unavailable", found.Error));
            }

            g = found.Guideline;
        }
        catch (GuidelineSourceException e)
        {
            return (null, new ApiError(StatusCodes.Status502BadGateway, "Guideline source unavailable", e.Message));
        }

        var window = new CommunityWindow(from is { } f ? Utc(f) : null, Utc(to.Value));
        var runs = db.Runs.AsNoTracking();
        if (from is { } lower)
        {
            runs = runs.Where(r => r.CreatedAt >= lower);
        }

        var upper = to.Value;
        var headers = await runs.Where(r => r.CreatedAt <= upper)
            .Select(r => new RunHeader(r.Id, r.Cpid, r.CreatedAt, r.ProductVersion == null ? null : r.ProductVersion.ProductId))
            .ToListAsync(ct);
        var relevant = CommunityAdoption.Relevant(headers, h => h.Cpid, h => Utc(h.CreatedAt), window);
        var tests = new Dictionary<Guid, List<TestOutcome>>();
        foreach (var chunk in relevant.Select(h => h.Id).Chunk(Chunk))
        {
            var rows = await db.RunResults.AsNoTracking()
                .Where(r => chunk.Contains(r.RunId) && r.Status == "pass")
                .Select(r => new { r.RunId, r.Name, r.IdempotentId })
                .ToListAsync(ct);
            foreach (var r in rows)
            {
                if (!tests.TryGetValue(r.RunId, out var list))
                {
                    tests[r.RunId] = list = [];
                }

                list.Add(new TestOutcome(new TestName(r.Name), r.IdempotentId is { } s && IdempotentId.TryParse(s, out var iid) ? iid : null, TestStatus.Passed));
            }
        }

        // Runs that are no cloud's latest at any month end are passed without tests: they only count as results.
        var results = headers.Select(h => new CommunityResult(
            h.Cpid, h.ProductId?.ToString("D"), Utc(h.CreatedAt), tests.TryGetValue(h.Id, out var t) ? t : []));
        return (CommunityAdoption.Compute(g, target, results, window), null);
    }

    private static bool TryTime(string? text, bool endOfDay, out DateTime? utc)
    {
        utc = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!Timestamps.TryParse(text, out var t))
        {
            return false;
        }

        utc = endOfDay && text.Trim().Length == 10 ? t.AddDays(1).AddTicks(-10) : t;
        return true;
    }

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));

    private sealed record RunHeader(Guid Id, string Cpid, DateTime CreatedAt, Guid? ProductId);
}
