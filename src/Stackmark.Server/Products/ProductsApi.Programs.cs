using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stackmark.Server.Auth;
using Stackmark.Server.Data;
using Stackmark.Server.Guidelines;
using Stackmark.Server.Http;

namespace Stackmark.Server.Products;

internal static partial class ProductsApi
{
    /// <summary>
    /// Per declared region, the programs the product's verified results pass. Only the verdict a foundation admin
    /// verified counts (the snapshot taken at verification: guideline, target, compliant), never a recomputation, and
    /// never an unverified result: those are only counted, for the page to say they were left out. Nor a result whose
    /// guideline was not in force on the day it was verified under the registry's policy
    /// (<see cref="GuidelinesInForce.Judge"/>; results verified against a draft or superseded guideline before the
    /// registry refused them), counted apart as <c>verified_not_valid</c>.
    /// </summary>
    private static async Task<Results<Ok<ProductPrograms>, JsonHttpResult<ApiError>>> Programs(
        string id, HttpContext http, RegistryDbContext db, GuidelineCatalog catalog, RegistryOptions options, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var (product, _, error) = await FindVisibleAsync(id, caller, db, ct);
        if (product is null)
        {
            return error!;
        }

        var linked = db.Runs.AsNoTracking().Where(r => r.ProductVersion != null && r.ProductVersion.ProductId == product.Id);
        var verified = await linked
            .Where(r => r.VerificationStatus != 0)
            .Select(r => new
            {
                r.Id,
                r.VerifiedGuideline,
                r.VerifiedTarget,
                r.VerifiedCompliant,
                r.VerifiedAt,
                r.ProductVersion!.Version,
                Region = db.RunMeta.Where(m => m.RunId == r.Id && m.Key == RegionMetaKey).Select(m => m.Value).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var compliant = verified.Where(r => r is { VerifiedCompliant: true, VerifiedGuideline: not null, VerifiedTarget: not null }).ToList();

        // Judged at each result's verification date, so a later change of policy or date does not rewrite history.
        var passed = new List<(Guid Id, string? VerifiedGuideline, string? VerifiedTarget, DateTime? VerifiedAt, string Version, string? Region)>();
        try
        {
            var policy = options.InForcePolicy ?? InForcePolicy.Status;
            foreach (var r in compliant)
            {
                var valid = GuidelineId.TryParse(r.VerifiedGuideline, out var gid) && r.VerifiedAt is { } at
                    && (await catalog.JudgeAsync(gid, at, policy, ct)).Valid;
                if (valid)
                {
                    passed.Add((r.Id, r.VerifiedGuideline, r.VerifiedTarget, r.VerifiedAt, r.Version, r.Region));
                }
            }
        }
        catch (Stackmark.Guidelines.GuidelineSourceException e)
        {
            return ApiError.Of(StatusCodes.Status502BadGateway, "Guideline source unavailable", e.Message);
        }

        // Unverified results are counted as the caller may see them (private ones only by their owner and the foundation).
        var unverified = linked.Where(r => r.VerificationStatus == 0);
        if (caller?.IsFoundation != true)
        {
            var me = caller?.UserId;
            unverified = unverified.Where(r => r.OwnerId == null || r.Shared || r.OwnerId == me);
        }

        // The program's name comes from the stored report of one verified run per (guideline, target).
        var names = new Dictionary<(string, string), string>();
        foreach (var pair in passed.Select(r => (r.VerifiedGuideline!, r.VerifiedTarget!)).Distinct())
        {
            var one = passed.First(r => r.VerifiedGuideline == pair.Item1 && r.VerifiedTarget == pair.Item2).Id;
            var json = await db.Runs.AsNoTracking().Where(r => r.Id == one).Select(r => r.VerifiedReportJson).FirstAsync(ct);
            names[pair] = ProgramName(json) ?? pair.Item2;
        }

        var declared = await RegionListAsync(product.Id, db, ct);
        List<ProgramDto> Group(Func<string?, bool> inRegion) => [.. passed
            .Where(r => inRegion(r.Region))
            .GroupBy(r => (r.VerifiedGuideline!, r.VerifiedTarget!))
            .OrderByDescending(g => g.Key.Item1, StringComparer.Ordinal)
            .ThenBy(g => names[g.Key], StringComparer.Ordinal)
            .Select(g => new ProgramDto(g.Key.Item1, g.Key.Item2, names[g.Key], [.. g
                .OrderByDescending(r => r.VerifiedAt)
                .Select(r => new ProgramResultDto(r.Id.ToString(), r.Version.Length == 0 ? null : r.Version, r.VerifiedAt is { } at ? Timestamps.Render(at) : null))]))];

        return TypedResults.Ok(new ProductPrograms(
            [.. declared.Select(d => new RegionPrograms(d.Name, Group(region => region == d.Name)))],
            Group(region => region is null || !declared.Any(d => d.Name == region)),
            await unverified.CountAsync(ct),
            verified.Count - compliant.Count,
            compliant.Count - passed.Count));
    }

    private static string? ProgramName(string? reportJson)
    {
        if (reportJson is null)
        {
            return null;
        }

        using var report = JsonDocument.Parse(reportJson);
        return report.RootElement.TryGetProperty("program", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
    }
}

/// <summary>
/// What a product's verified results pass: per declared region (in declaration order), then for verified results that
/// name no declared region (<c>unassigned</c>); how many linked results the caller may see are not verified
/// (<c>unverified_results</c>, not counted), how many verified ones did not pass (<c>verified_not_compliant</c>), and
/// how many passed a guideline that was not in force when they were verified (<c>verified_not_valid</c>, not counted).
/// </summary>
internal sealed record ProductPrograms(List<RegionPrograms> Regions, List<ProgramDto> Unassigned, int UnverifiedResults, int VerifiedNotCompliant, int VerifiedNotValid);

/// <summary>The programs passed in one region.</summary>
internal sealed record RegionPrograms(string Region, List<ProgramDto> Programs);

/// <summary>A program (guideline + target, e.g. 2020.06 OpenStack Powered Compute) and the verified results that pass it, newest first.</summary>
internal sealed record ProgramDto(string Guideline, string Target, string Program, List<ProgramResultDto> Results);

/// <summary>A verified, compliant result: its id, the product version it is linked to (null: the default) and when it was verified.</summary>
internal sealed record ProgramResultDto(string Id, string? Version, string? VerifiedAt);
