using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stackmark.Guidelines;
using Stackmark.Server.Auth;
using Stackmark.Server.Data;
using Stackmark.Server.Guidelines;
using Stackmark.Server.Http;

namespace Stackmark.Server.Flags;

/// <summary>
/// The flag workflow (Stackmark extension): any signed-in user proposes a flag for a test of a guideline (reason code
/// D400–D406 and a rationale); foundation admins approve or reject it with a note; approved flags are served in the
/// flags-file format <c>stackmark guidelines draft --flags</c> reads. Anyone reads proposals and decisions.
/// </summary>
internal static class FlagsApi
{
    public const int MaxTextLength = 4096;

    private static readonly string[] Statuses = [FlagStatus.Proposed, FlagStatus.Approved, FlagStatus.Rejected];

    public static IEndpointRouteBuilder MapFlags(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/flags").WithTags("flags");
        group.MapGet("/", List).WithSummary("Flag proposals, newest first; ?guideline= and ?status=proposed|approved|rejected filter.");
        group.MapPost("/", Propose).WithSummary("Proposes a flag {guideline, test (name, alias or idempotent id), reason D400–D406, rationale} (any signed-in user).");
        group.MapGet("/approved", Approved).WithSummary("The approved flags of ?guideline= as a flags file for `stackmark guidelines draft --flags`.");
        group.MapGet("/{id}", Show).WithSummary("One proposal and its decision.");
        group.MapPost("/{id}/approve", (string id, HttpContext http, RegistryDbContext db, RegistryOptions options, CancellationToken ct) => DecideAsync(id, FlagStatus.Approved, http, db, options, ct))
            .WithSummary("Approves a proposal {note?} (foundation admins); 409 when it was decided already or the test has an approved flag.");
        group.MapPost("/{id}/reject", (string id, HttpContext http, RegistryDbContext db, RegistryOptions options, CancellationToken ct) => DecideAsync(id, FlagStatus.Rejected, http, db, options, ct))
            .WithSummary("Rejects a proposal {note} (foundation admins; the note is required).");
        return routes;
    }

    private static async Task<Results<Ok<FlagList>, JsonHttpResult<ApiError>>> List(string? guideline, string? status, RegistryDbContext db, CancellationToken ct)
    {
        var query = db.Set<FlagProposal>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(guideline))
        {
            if (!GuidelineId.TryParse(guideline, out var id))
            {
                return InvalidGuideline(guideline);
            }

            var key = id.ToString();
            query = query.Where(f => f.Guideline == key);
        }

        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Statuses.Contains(status))
            {
                return ApiError.BadRequest("Invalid status", $"'{status}' is not one of {string.Join(", ", Statuses)}");
            }

            query = query.Where(f => f.Status == status);
        }

        var rows = await query.OrderByDescending(f => f.ProposedAt).ThenByDescending(f => f.Id).ToListAsync(ct);
        return TypedResults.Ok(new FlagList([.. rows.Select(AsDto)]));
    }

    private static async Task<Results<Ok<FlagDto>, JsonHttpResult<ApiError>>> Show(string id, RegistryDbContext db, CancellationToken ct)
    {
        var row = Guid.TryParse(id, out var gid) ? await db.Set<FlagProposal>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == gid, ct) : null;
        return row is null ? ApiError.NotFound("Flag proposal not found") : TypedResults.Ok(AsDto(row));
    }

    /// <summary>
    /// A new proposal. The test must be listed by the guideline (by name, alias or idempotent id); the proposal keeps
    /// the guideline's name for it, so the approved flag matches the test in a draft made from that guideline.
    /// </summary>
    private static async Task<Results<Created<FlagDto>, JsonHttpResult<ApiError>>> Propose(HttpContext http, RegistryDbContext db, GuidelineCatalog catalog, RegistryOptions options, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (caller is null)
        {
            return ApiError.Unauthorized("Sign in to propose a flag");
        }

        var (body, bad) = await RequestBody.ReadJsonObjectAsync(http.Request, ["guideline", "test", "reason", "rationale"], ct);
        if (body is null)
        {
            return ApiError.BadRequest("Malformed request", bad);
        }

        var guideline = RequestBody.OptionalString(body, "guideline", 64);
        var test = RequestBody.OptionalString(body, "test", 1024);
        var reason = RequestBody.OptionalString(body, "reason", 16);
        var rationale = RequestBody.OptionalString(body, "rationale", MaxTextLength);
        if ((guideline.Error ?? test.Error ?? reason.Error ?? rationale.Error) is { } invalid)
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", invalid);
        }

        if (string.IsNullOrEmpty(guideline.Value) || string.IsNullOrEmpty(test.Value) || string.IsNullOrEmpty(reason.Value) || string.IsNullOrEmpty(rationale.Value))
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", "\"guideline\", \"test\", \"reason\" and \"rationale\" are required");
        }

        if (!GuidelineId.TryParse(guideline.Value, out var gid))
        {
            return InvalidGuideline(guideline.Value);
        }

        var code = reason.Value.Trim('[', ']').ToUpperInvariant();
        if (!Flag.KnownReasonCodes.ContainsKey(code))
        {
            return ApiError.BadRequest("Invalid reason code", $"'{reason.Value}' is not a reason code ({string.Join(", ", Flag.KnownReasonCodes.Select(k => $"{k.Key} {k.Value}"))})");
        }

        Guideline? g;
        string? loadError;
        try
        {
            (g, loadError) = await catalog.LoadAsync(gid, ct);
        }
        catch (GuidelineSourceException e)
        {
            return ApiError.Of(StatusCodes.Status502BadGateway, "Guideline source unavailable", e.Message);
        }

        if (g is null)
        {
            return ApiError.BadRequest("Unknown guideline", loadError ?? $"guideline {gid} is not in the guideline source");
        }

        var isId = IdempotentId.TryParse(test.Value, out var wantedId);
        var hits = g.Capabilities
            .SelectMany(c => c.Tests.Select(t => (Capability: c.Id.Value, Test: t)))
            .Where(x => isId ? x.Test.Id == wantedId : x.Test.AllNames.Any(n => n.Value == test.Value))
            .ToList();
        if (hits.Count == 0)
        {
            return ApiError.BadRequest("Unknown test", $"'{test.Value}' is no test of guideline {gid} (give its name, an alias or its idempotent id)");
        }

        var found = hits[0].Test;
        var row = new FlagProposal
        {
            Id = Guid.CreateVersion7(),
            Guideline = gid.ToString(),
            Test = found.Name.Value,
            IdempotentId = found.Id?.ToString(),
            Capabilities = string.Join(",", hits.Select(h => h.Capability).Distinct(StringComparer.Ordinal)),
            ReasonCode = code,
            Rationale = rationale.Value,
            Status = FlagStatus.Proposed,
            ProposedById = caller.UserId,
            ProposedByName = caller.UserName,
            ProposedAt = Timestamps.Now(options.TimeProvider),
        };
        db.Add(row);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/v1/flags/{row.Id}", AsDto(row));
    }

    /// <summary>
    /// Approves or rejects a proposal that is still open. The state change is one conditional UPDATE, so two admins
    /// deciding at once cannot both win; a test of a guideline has at most one approved flag.
    /// </summary>
    private static async Task<Results<Ok<FlagDto>, JsonHttpResult<ApiError>>> DecideAsync(
        string id, string decision, HttpContext http, RegistryDbContext db, RegistryOptions options, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (caller is null)
        {
            return ApiError.Unauthorized("Authentication required");
        }

        if (!caller.IsFoundation)
        {
            return ApiError.Forbidden("Only foundation admins decide on flags");
        }

        var (body, bad) = await RequestBody.ReadJsonObjectAsync(http.Request, ["note"], ct);
        if (body is null)
        {
            return ApiError.BadRequest("Malformed request", bad);
        }

        var note = RequestBody.OptionalString(body, "note", MaxTextLength);
        if (note.Error is not null)
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", note.Error);
        }

        var text = string.IsNullOrEmpty(note.Value) ? null : note.Value;
        if (decision == FlagStatus.Rejected && text is null)
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", "a rejection needs a \"note\" saying why");
        }

        var row = Guid.TryParse(id, out var gid) ? await db.Set<FlagProposal>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == gid, ct) : null;
        if (row is null)
        {
            return ApiError.NotFound("Flag proposal not found");
        }

        if (row.Status != FlagStatus.Proposed)
        {
            return ApiError.Of(StatusCodes.Status409Conflict, "Already decided", $"this proposal was {row.Status} by {row.DecidedByName} on {(row.DecidedAt is { } at ? Timestamps.Render(at) : "?")}");
        }

        if (decision == FlagStatus.Approved
            && await db.Set<FlagProposal>().AnyAsync(f => f.Guideline == row.Guideline && f.Test == row.Test && f.Status == FlagStatus.Approved, ct))
        {
            return ApiError.Of(StatusCodes.Status409Conflict, "Already flagged", $"{row.Test} already has an approved flag for {row.Guideline}; reject this proposal instead");
        }

        var now = Timestamps.Now(options.TimeProvider);
        var changed = await db.Set<FlagProposal>()
            .Where(f => f.Id == row.Id && f.Status == FlagStatus.Proposed)
            .ExecuteUpdateAsync(
                s => s.SetProperty(f => f.Status, decision)
                    .SetProperty(f => f.DecidedById, caller.UserId)
                    .SetProperty(f => f.DecidedByName, caller.UserName)
                    .SetProperty(f => f.DecidedAt, now)
                    .SetProperty(f => f.DecisionNote, text),
                ct);
        if (changed == 0)
        {
            return ApiError.Conflict("This proposal was decided by someone else a moment ago");
        }

        row.Status = decision;
        row.DecidedById = caller.UserId;
        row.DecidedByName = caller.UserName;
        row.DecidedAt = now;
        row.DecisionNote = text;
        return TypedResults.Ok(AsDto(row));
    }

    /// <summary>
    /// The approved flags of a guideline as a flags file: <c>test</c> (the guideline's name of the test), <c>reason</c>,
    /// <c>rationale</c>, <c>date</c> (approval day, UTC) and <c>action</c>, oldest approval first.
    /// </summary>
    private static async Task<Results<Ok<ApprovedFlagsFile>, JsonHttpResult<ApiError>>> Approved(string? guideline, RegistryDbContext db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(guideline))
        {
            return ApiError.BadRequest("Missing guideline", "?guideline= names the guideline the flags are for (the draft's --from), e.g. 2019.11");
        }

        if (!GuidelineId.TryParse(guideline, out var id))
        {
            return InvalidGuideline(guideline);
        }

        var key = id.ToString();
        var rows = await db.Set<FlagProposal>().AsNoTracking()
            .Where(f => f.Guideline == key && f.Status == FlagStatus.Approved)
            .OrderBy(f => f.DecidedAt).ThenBy(f => f.Test)
            .ToListAsync(ct);
        return TypedResults.Ok(new ApprovedFlagsFile(key, [.. rows.Select(f => new ApprovedFlagDto(
            f.Test, f.ReasonCode, f.Rationale, f.DecidedAt!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "Flagged"))]));
    }

    private static JsonHttpResult<ApiError> InvalidGuideline(string text) =>
        ApiError.BadRequest("Invalid guideline", $"'{text}' is not YYYY.MM, next or ADDON.YYYY.MM (optionally with .json)");

    private static FlagDto AsDto(FlagProposal f) => new(
        f.Id.ToString(), f.Guideline, f.Test, f.IdempotentId, [.. f.Capabilities.Split(',', StringSplitOptions.RemoveEmptyEntries)], f.ReasonCode,
        Flag.KnownReasonCodes.GetValueOrDefault(f.ReasonCode, ""), f.Rationale, f.Status, f.ProposedByName, Timestamps.Render(f.ProposedAt),
        f.DecidedByName, f.DecidedAt is { } at ? Timestamps.Render(at) : null, f.DecisionNote);
}
