using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stackmark.Guidelines;
using Stackmark.Server.Data;
using Stackmark.Server.Guidelines;
using Stackmark.Server.Http;

namespace Stackmark.Server.Scoring;

/// <summary>
/// The scoring matrix in the registry (Stackmark extension): worksheets per guideline (<c>next</c>, <c>dns.next</c>,
/// <c>2020.06</c>…) imported from the committee's text format, checked with the domain's
/// <see cref="WorksheetChecker"/>, edited one capability line at a time by foundation admins, every change kept with
/// who, when, the old and new line and a comment, and exported as text with <see cref="WorksheetWriter"/>.
/// Anyone reads; only foundation admins write.
/// </summary>
internal static partial class ScoringApi
{
    public const int MaxCapabilityLength = 128;
    public const int MaxCommentLength = 1024;

    /// <summary>The largest worksheet accepted (the official scoring.txt is about 25 KiB).</summary>
    public const int MaxWorksheetBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapScoring(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/scoring").WithTags("scoring");
        group.MapGet("/", List).WithSummary("The stored worksheets: guideline, revision, capabilities scored, lines whose recorded total or star is wrong.");
        group.MapGet("/{guideline}", Show).WithSummary("A worksheet checked: the scheme's weights, and per capability line its marks, recorded and computed totals, and what is wrong.");
        group.MapPut("/{guideline}", Import).Accepts<string>("text/plain")
            .WithSummary("Imports a worksheet (the raw body, scoring/*.txt format) for a guideline, or replaces it (foundation admins; ?comment=, ?revision= to refuse a stale replace).");
        group.MapGet("/{guideline}/text", Export).WithSummary("The worksheet as text (WorksheetWriter); ?revision=N for an earlier revision.");
        group.MapGet("/{guideline}/history", History).WithSummary("Every change, newest first: revision, kind, capability, old and new line, comment, who and when.");
        group.MapPut("/{guideline}/capabilities/{capability}", Edit)
            .WithSummary("Sets one capability line's marks {marks, non_admin?, comment?, revision?}; the total and star are recomputed (foundation admins).");
        return routes;
    }

    private static async Task<Ok<WorksheetList>> List(HttpRequest request, RegistryDbContext db, GuidelineCatalog catalog, CancellationToken ct)
    {
        var rows = await db.Set<ScoringWorksheet>().AsNoTracking().OrderBy(w => w.Guideline).ToListAsync(ct);
        var list = new List<WorksheetSummary>(rows.Count);
        foreach (var row in rows)
        {
            var id = GuidelineId.Parse(row.Guideline);
            var sheet = Parse(row);
            var scheme = await SchemeForAsync(id, sheet, catalog, ct);
            list.Add(new WorksheetSummary(row.Guideline, row.Revision, Timestamps.Render(row.UpdatedAt), sheet.Entries.Count,
                WorksheetChecker.Check(sheet, scheme).Count(v => v.IsWrong), $"/v1/scoring/{row.Guideline}"));
        }

        return TypedResults.Ok(new WorksheetList(list));
    }

    private static async Task<Results<Ok<WorksheetDetail>, JsonHttpResult<ApiError>>> Show(string guideline, RegistryDbContext db, GuidelineCatalog catalog, CancellationToken ct)
    {
        var (row, id, error) = await FindAsync(guideline, db, ct);
        if (row is null)
        {
            return error!;
        }

        var sheet = Parse(row);
        var scheme = await SchemeForAsync(id, sheet, catalog, ct);
        var verdicts = WorksheetChecker.Check(sheet, scheme);
        return TypedResults.Ok(new WorksheetDetail(
            row.Guideline, row.Revision, Timestamps.Render(row.CreatedAt), Timestamps.Render(row.UpdatedAt), SchemeDtoOf(scheme),
            verdicts.Count(v => v.IsWrong), [.. verdicts.Select(LineDtoOf)]));
    }

    private static async Task<Results<ContentHttpResult, JsonHttpResult<ApiError>>> Export(string guideline, string? revision, RegistryDbContext db, CancellationToken ct)
    {
        var (row, _, error) = await FindAsync(guideline, db, ct);
        if (row is null)
        {
            return error!;
        }

        var text = row.Text;
        if (!string.IsNullOrEmpty(revision))
        {
            if (!int.TryParse(revision, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return ApiError.BadRequest("Invalid revision", $"'{revision}' is not a revision number");
            }

            var old = await db.Set<ScoringChange>().AsNoTracking().Where(c => c.WorksheetId == row.Id && c.Revision == n).Select(c => c.Text).FirstOrDefaultAsync(ct);
            if (old is null)
            {
                return ApiError.Of(StatusCodes.Status404NotFound, "No such revision", $"worksheet {row.Guideline} has revisions 1 to {row.Revision}");
            }

            text = old;
        }

        // The stored text is what WorksheetWriter wrote (or, for an official sheet, what it writes back byte for byte):
        // parsing and writing it again yields the same bytes, so the export is the writer's output either way.
        var parsed = WorksheetParser.Parse(text, row.Guideline);
        return TypedResults.Text(WorksheetWriter.Write(parsed.Value!), "text/plain; charset=utf-8");
    }

    private static async Task<Results<Ok<List<ChangeDto>>, JsonHttpResult<ApiError>>> History(string guideline, RegistryDbContext db, CancellationToken ct)
    {
        var (row, _, error) = await FindAsync(guideline, db, ct);
        if (row is null)
        {
            return error!;
        }

        var changes = await db.Set<ScoringChange>().AsNoTracking()
            .Where(c => c.WorksheetId == row.Id)
            .OrderByDescending(c => c.Revision)
            .Select(c => new { c.Revision, c.Kind, c.Capability, c.LineNumber, c.OldLine, c.NewLine, c.Comment, c.ByName, c.At })
            .ToListAsync(ct);
        return TypedResults.Ok(changes.Select(c => new ChangeDto(c.Revision, c.Kind, c.Capability, c.LineNumber, c.OldLine, c.NewLine, c.Comment, c.ByName, Timestamps.Render(c.At))).ToList());
    }

    /// <summary>The stored worksheet of a guideline: 400 for a malformed id, 404 when none is stored.</summary>
    private static async Task<(ScoringWorksheet? Row, GuidelineId Id, JsonHttpResult<ApiError>? Error)> FindAsync(string guideline, RegistryDbContext db, CancellationToken ct, bool track = false)
    {
        if (!GuidelineId.TryParse(guideline, out var id))
        {
            return (null, default, InvalidGuideline(guideline));
        }

        var key = id.ToString();
        var query = track ? db.Set<ScoringWorksheet>() : db.Set<ScoringWorksheet>().AsNoTracking();
        var row = await query.FirstOrDefaultAsync(w => w.Guideline == key, ct);
        return row is null ? (null, id, ApiError.Of(StatusCodes.Status404NotFound, "No worksheet", $"no scoring worksheet is stored for {key}")) : (row, id, null);
    }

    private static JsonHttpResult<ApiError> InvalidGuideline(string text) =>
        ApiError.BadRequest("Invalid guideline", $"'{text}' is not YYYY.MM, next or ADDON.YYYY.MM (optionally with .json)");

    // Stored text always parses: it was parsed before it was stored.
    private static Worksheet Parse(ScoringWorksheet row) => WorksheetParser.Parse(row.Text, row.Guideline).Value!;

    /// <summary>
    /// The weights a worksheet is checked with, as <c>stackmark scoring check</c> picks them: its guideline's; for an
    /// add-on without a guideline of its own (nfv), the core guideline of the same version; without either (or when
    /// the source is down), the known table — add-on weights when some mark is <c>*</c>, else the core weights since 2016.08.
    /// </summary>
    internal static async Task<ScoringScheme> SchemeForAsync(GuidelineId id, Worksheet sheet, GuidelineCatalog catalog, CancellationToken ct)
    {
        try
        {
            var (g, _) = await catalog.LoadAsync(id, ct);
            if (g is null && id.AddOn is not null)
            {
                (g, _) = await catalog.LoadAsync(id.Core, ct);
            }

            if (g is not null)
            {
                return ScoringScheme.For(g);
            }
        }
        catch (GuidelineSourceException)
        {
            // The known tables below.
        }

        return sheet.Entries.Any(e => e.Line.Marks.All.Contains(Mark.NotConsidered)) ? ScoringScheme.AddOn : ScoringScheme.CoreSince2016;
    }

    internal static SchemeDto SchemeDtoOf(ScoringScheme scheme) =>
        new(scheme.Description, scheme.CutoffScore, [.. ScoringScheme.WorksheetOrder.Select(k => new CriterionDto(k, scheme.NameOf(k), scheme.WeightOf(k)))]);

    internal static LineDto LineDtoOf(LineVerdict v)
    {
        var line = v.Entry.Line;
        return new LineDto(
            line.Capability.Value, v.Entry.Section, v.Entry.LineNumber, line.Marks.Chars, line.NonAdmin.ToChar().ToString(), line.RecordedTotal, line.RecordedStar,
            v.Computed.Points, v.Computed.IsComplete, v.Qualifies, v.TotalWrong, v.StarWrong, v.IsWrong ? v.Problem : null, [.. v.UnweighedCriteria], WorksheetWriter.Write(line));
    }
}
