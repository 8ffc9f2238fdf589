using Microsoft.AspNetCore.Http.HttpResults;
using Stackmark.Guidelines;
using Stackmark.Server.Http;

namespace Stackmark.Server.Guidelines;

/// <summary>
/// RefStack's <c>/v1/guidelines</c>: the list, a raw file, and the test list of a target. Unlike RefStack, errors are
/// 4xx statuses with a JSON error body, not 200 with error text.
/// </summary>
internal static class GuidelinesApi
{
    public static IEndpointRouteBuilder MapGuidelines(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/guidelines").WithTags("guidelines");
        group.MapGet("/", List).WithSummary("Guideline files by program: powered (core) and each add-on, newest first.");
        group.MapGet("/{file}", Show).WithSummary("One guideline file, raw (2020.06, 2020.06.json, dns.2020.06.json).");
        group.MapGet("/{file}/tests", Tests).WithSummary("The test list of a target, one name[id] per line, as `stackmark guidelines tests` prints it.");
        return routes;
    }

    private static async Task<Results<Ok<Dictionary<string, List<GuidelineEntry>>>, JsonHttpResult<ApiError>>> List(GuidelineCatalog catalog, CancellationToken ct)
    {
        IReadOnlyList<GuidelineId> ids;
        try
        {
            ids = await catalog.ListAsync(ct);
        }
        catch (GuidelineSourceException e)
        {
            return ApiError.Of(StatusCodes.Status502BadGateway, "Guideline source unavailable", e.Message);
        }

        var groups = new Dictionary<string, List<GuidelineEntry>>(StringComparer.Ordinal) { ["powered"] = [] };
        foreach (var id in ids.OrderDescending())
        {
            var key = id.AddOn ?? "powered";
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add(new GuidelineEntry(id.Version + ".json", id + ".json"));
        }

        return TypedResults.Ok(groups);
    }

    private static async Task<Results<FileContentHttpResult, JsonHttpResult<ApiError>>> Show(string file, GuidelineCatalog catalog, CancellationToken ct)
    {
        if (!GuidelineId.TryParse(file, out var id))
        {
            return ApiError.BadRequest("Invalid guideline version", $"'{file}' is not YYYY.MM, next or ADDON.YYYY.MM (optionally with .json)");
        }

        try
        {
            var content = await catalog.ReadAsync(id, ct);
            return content is null
                ? ApiError.NotFound($"Guideline {id} is not in the guideline source")
                : TypedResults.File(content.Content.ToArray(), "application/json");
        }
        catch (GuidelineSourceException e)
        {
            return ApiError.Of(StatusCodes.Status502BadGateway, "Guideline source unavailable", e.Message);
        }
    }

    private static async Task<Results<ContentHttpResult, JsonHttpResult<ApiError>>> Tests(
        string file, string? target, string? type, string? alias, string? flag, GuidelineCatalog catalog, CancellationToken ct)
    {
        if (!GuidelineId.TryParse(file, out var id))
        {
            return ApiError.BadRequest("Invalid guideline version", $"'{file}' is not YYYY.MM, next or ADDON.YYYY.MM (optionally with .json)");
        }

        var statuses = new List<CapabilityStatus>();
        foreach (var word in (type ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!CapabilityStatuses.TryParse(word, out var s))
            {
                return ApiError.BadRequest("Invalid type", $"'{word}' is not a status (required, advisory, deprecated, removed)");
            }

            statuses.Add(s);
        }

        var targetKey = string.IsNullOrWhiteSpace(target) ? "platform" : target.Trim();
        try
        {
            var found = await catalog.LoadForTargetAsync(id, targetKey, ct);
            if (found.Guideline is not { } guideline)
            {
                return ApiError.Of(found.Status, found.Status == StatusCodes.Status400BadRequest ? "Invalid target" : "Guideline unavailable", found.Error);
            }

            var query = new TestListQuery(targetKey, statuses, IncludeFlagged: Flag(flag), IncludeAliases: Flag(alias));
            return TypedResults.Text(string.Join('\n', guideline.TestListLines(query)), "text/plain", System.Text.Encoding.UTF8);
        }
        catch (GuidelineSourceException e)
        {
            return ApiError.Of(StatusCodes.Status502BadGateway, "Guideline source unavailable", e.Message);
        }
    }

    // RefStack: absent means true; "true", "yes", "1" (any case) are true; anything else is false.
    private static bool Flag(string? value) =>
        value is null || value.Trim().ToLowerInvariant() is "true" or "yes" or "1";
}

/// <summary>One entry of the guideline list: <c>{"name": "2020.06.json", "file": "dns.2020.06.json"}</c>.</summary>
internal sealed record GuidelineEntry(string Name, string File);
