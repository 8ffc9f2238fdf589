using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stackmark.Guidelines;
using Stackmark.Reports;
using Stackmark.Server.Auth;
using Stackmark.Server.Data;
using Stackmark.Server.Guidelines;
using Stackmark.Server.Http;

namespace Stackmark.Server.Results;

internal static partial class ResultsApi
{
    /// <summary>
    /// The run judged against a guideline's target by the domain engine (idempotent id, then name, then aliases), as
    /// <c>ComplianceJson</c> writes it, with the three-way <c>verdict</c>: a full-results upload whose required misses
    /// are all the runner's (by their stored categories) is <c>incomplete</c> with <c>to_complete</c>; a pass-only upload
    /// keeps RefStack's rule (a missing test is the cloud's). Computed once per (run, guideline, target) and stored; later
    /// reads serve the stored report. Defaults: the run's <c>guideline</c>/<c>target</c> metadata, else the newest guideline and platform.
    /// When the run's product has waivers for that guideline and target, the answer adds <c>waivers</c>
    /// (<see cref="Waivers.WaiverSummary"/>): the strict verdict stays as stored.
    /// </summary>
    private static async Task<Results<ContentHttpResult, JsonHttpResult<ApiError>>> Compliance(
        string id, string? guideline, string? target, HttpContext http, RegistryDbContext db, GuidelineCatalog catalog, RegistryOptions options, CancellationToken ct)
    {
        var (run, _, error) = await FindReadableAsync(id, Caller.From(http.User), db, ct);
        if (run is null)
        {
            return error!;
        }

        var meta = await db.RunMeta.AsNoTracking().Where(m => m.RunId == run.Id && (m.Key == "guideline" || m.Key == "target")).ToDictionaryAsync(m => m.Key, m => m.Value, ct);
        var verdict = await ComplianceOfAsync(
            run.Id,
            string.IsNullOrWhiteSpace(guideline) ? meta.GetValueOrDefault("guideline") : guideline,
            string.IsNullOrWhiteSpace(target) ? meta.GetValueOrDefault("target") : target,
            db, catalog, options, ct);
        if (verdict.Error is not null)
        {
            return verdict.Error;
        }

        // Waivers of the run's product are an extra field of the answer, never part of the stored report or verdict.
        var waivers = await Waivers.WaiversApi.OfRunAsync(run.Id, db, ct);
        var json = waivers.Count == 0 ? verdict.ReportJson : Waivers.WaiverCoverage.Attach(verdict.ReportJson, waivers, Waivers.WaiversApi.Today(options.TimeProvider));
        return TypedResults.Text(json, "application/json");
    }

    /// <summary>A run's verdict for a guideline and target (null: the newest guideline, platform), stored on first use.</summary>
    private sealed record Verdict(string Guideline, string Target, bool Compliant, string ReportJson, JsonHttpResult<ApiError>? Error = null)
    {
        public static Verdict Failed(JsonHttpResult<ApiError> error) => new("", "", false, "", error);
    }

    private static async Task<Verdict> ComplianceOfAsync(
        Guid runId, string? guidelineText, string? target, RegistryDbContext db, GuidelineCatalog catalog, RegistryOptions options, CancellationToken ct)
    {
        var targetKey = (string.IsNullOrWhiteSpace(target) ? "platform" : target).Trim().ToLowerInvariant();
        try
        {
            GuidelineId gid;
            if (string.IsNullOrWhiteSpace(guidelineText))
            {
                if (await catalog.NewestCoreAsync(ct) is not { } newest)
                {
                    return Verdict.Failed(ApiError.NotFound("The guideline source has no guidelines"));
                }

                gid = newest;
            }
            else if (!GuidelineId.TryParse(guidelineText, out gid))
            {
                return Verdict.Failed(ApiError.BadRequest("Invalid guideline", $"'{guidelineText}' is not YYYY.MM, next or ADDON.YYYY.MM (optionally with .json)"));
            }

            var found = await catalog.LoadForTargetAsync(gid, targetKey, ct);
            if (found.Guideline is not { } g)
            {
                return Verdict.Failed(ApiError.Of(found.Status, found.Status == StatusCodes.Status400BadRequest ? "Invalid target" : "Guideline unavailable", found.Error));
            }

            var key = g.Id.ToString();
            var stored = await db.Compliance.AsNoTracking()
                .Where(c => c.RunId == runId && c.Guideline == key && c.Target == targetKey)
                .Select(c => new { c.Compliant, c.ReportJson })
                .FirstOrDefaultAsync(ct);
            if (stored is not null)
            {
                return new Verdict(key, targetKey, stored.Compliant, stored.ReportJson);
            }

            var outcomes = (await db.RunResults.AsNoTracking().Where(r => r.RunId == runId).ToListAsync(ct)).Select(ToOutcome);
            var report = ComplianceEvaluator.Evaluate(g, targetKey, outcomes);
            var json = ComplianceJson.ToJson(report);
            db.Compliance.Add(new ComplianceSnapshot
            {
                RunId = runId,
                Guideline = key,
                Target = targetKey,
                Compliant = report.Compliant,
                ReportJson = json,
                ComputedAt = Timestamps.Now(options.TimeProvider),
            });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // A concurrent request stored the same (deterministic) report first.
                db.ChangeTracker.Entries<ComplianceSnapshot>().ToList().ForEach(e => e.State = EntityState.Detached);
            }

            return new Verdict(key, targetKey, report.Compliant, json);
        }
        catch (GuidelineSourceException e)
        {
            return Verdict.Failed(ApiError.Of(StatusCodes.Status502BadGateway, "Guideline source unavailable", e.Message));
        }
    }

    private static TestOutcome ToOutcome(TestRunResult r) => new(
        new TestName(r.Name),
        r.IdempotentId is { } id && IdempotentId.TryParse(id, out var parsed) ? parsed : null,
        r.Status switch
        {
            "pass" => TestStatus.Passed,
            "skip" => TestStatus.Skipped,
            "not-run" => TestStatus.NotRun,
            _ => TestStatus.Failed,
        },
        r.Reason,
        r.DurationSeconds is { } d ? TimeSpan.FromSeconds(d) : null,
        r.Category);
}
