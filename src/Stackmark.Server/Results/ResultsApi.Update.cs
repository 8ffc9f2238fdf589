using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stackmark.Server.Auth;
using Stackmark.Server.Data;
using Stackmark.Server.Guidelines;
using Stackmark.Server.Http;
using Stackmark.Server.Products;
using Stackmark.Server.Vendors;

namespace Stackmark.Server.Results;

internal static partial class ResultsApi
{
    private static readonly string[] VerificationMetaKeys = ["guideline", "target", "shared"];

    /// <summary>
    /// RefStack's <c>PUT /v1/results/{id}</c> with <c>{product_version_id?, verification_status?}</c>. Linking needs the
    /// owner (or foundation) who is also an admin of the version's vendor (or foundation), and an unverified run.
    /// Verifying needs a foundation admin and the meta keys guideline, target and shared; it records who and when and
    /// snapshots the server's verdict. A result whose guideline is not in force that day under the registry's policy
    /// (<see cref="GuidelinesInForce.Judge"/>: a draft, a superseded one, …) is refused, 409 with the reason. Answers
    /// 200 with the run (RefStack answered 201).
    /// </summary>
    private static async Task<Results<Ok<ResultDetail>, JsonHttpResult<ApiError>>> Update(
        string id, HttpContext http, RegistryDbContext db, GuidelineCatalog catalog, RegistryOptions options, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (caller is null)
        {
            return ApiError.Unauthorized("Authentication required");
        }

        var (run, role, error) = await FindReadableAsync(id, caller, db, ct, track: true);
        if (run is null)
        {
            return error!;
        }

        if (role < ResultRole.Owner)
        {
            return ApiError.Forbidden("Only the owner or a foundation admin changes a result");
        }

        var (body, bad) = await RequestBody.ReadJsonObjectAsync(http.Request, ["product_version_id", "verification_status"], ct);
        if (body is null)
        {
            return ApiError.BadRequest("Malformed request", bad);
        }

        if (body.Count == 0)
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", "send product_version_id, verification_status or both");
        }

        int? status = null;
        if (body.TryGetValue("verification_status", out var vs))
        {
            if (vs.ValueKind != JsonValueKind.Number || !vs.TryGetInt32(out var n) || n is not (0 or 1))
            {
                return ApiError.BadRequest("Request doesn't correspond to schema", "\"verification_status\" must be 0 or 1");
            }

            if (!caller.IsFoundation)
            {
                return ApiError.Forbidden("Only foundation admins verify results");
            }

            status = n;
        }

        var versionField = RequestBody.OptionalString(body, "product_version_id", 64);
        if (versionField.Error is not null)
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", versionField.Error);
        }

        // Un-verifying comes first, so one request can un-verify and re-link; verifying comes last.
        var now = Timestamps.Now(options.TimeProvider);
        if (status == 0 && run.VerificationStatus != 0)
        {
            run.VerificationStatus = 0;
            run.VerifiedById = null;
            run.VerifiedAt = null;
            run.VerifiedGuideline = null;
            run.VerifiedTarget = null;
            run.VerifiedCompliant = null;
            run.VerifiedReportJson = null;
            db.VerificationEvents.Add(new ResultVerificationEvent { Id = Guid.CreateVersion7(), RunId = run.Id, Verified = false, ById = caller.UserId, At = now });
        }

        if (versionField.Present)
        {
            if (run.VerificationStatus != 0)
            {
                return ApiError.Forbidden("A verified result cannot be changed");
            }

            if (string.IsNullOrEmpty(versionField.Value))
            {
                run.ProductVersionId = null;
            }
            else
            {
                var version = Guid.TryParse(versionField.Value, out var versionId)
                    ? await db.ProductVersions.AsNoTracking().Where(v => v.Id == versionId).Select(v => new { v.Id, v.Product!.VendorId }).FirstOrDefaultAsync(ct)
                    : null;
                if (version is null)
                {
                    return ApiError.BadRequest("Unknown product version", $"no product version {versionField.Value}");
                }

                if (!await VendorAccess.CanManageAsync(caller, version.VendorId, db, ct))
                {
                    return ApiError.Forbidden("Only admins of the product's vendor and foundation admins link results to it");
                }

                run.ProductVersionId = version.Id;

                // A result's region must stay one its product declares: relinking to a product without it is refused.
                var region = await db.RunMeta.FirstOrDefaultAsync(m => m.RunId == run.Id && m.Key == ProductsApi.RegionMetaKey, ct);
                if (region is not null)
                {
                    var (declared, refusal) = await DeclaredRegionAsync(run, region.Value, db, ct);
                    if (declared is null)
                    {
                        return refusal!.StatusCode == StatusCodes.Status400BadRequest
                            ? ApiError.Of(StatusCodes.Status409Conflict, "Region not declared by that product",
                                $"the result names region \"{region.Value}\", which the product of version {version.Id} does not declare; delete the result's region meta or declare the region first")
                            : refusal;
                    }

                    region.Value = declared;
                }
            }
        }

        if (status == 1 && run.VerificationStatus == 0)
        {
            var meta = await db.RunMeta.AsNoTracking().Where(m => m.RunId == run.Id).ToDictionaryAsync(m => m.Key, m => m.Value, ct);
            var missing = VerificationMetaKeys.Where(k => !meta.ContainsKey(k)).ToList();
            if (missing.Count > 0)
            {
                return ApiError.Of(StatusCodes.Status409Conflict, "Result not ready for verification",
                    $"a verified result must be shared and name its guideline and target; missing meta: {string.Join(", ", missing)}");
            }

            var verdict = await ComplianceOfAsync(run.Id, meta["guideline"], meta["target"], db, catalog, options, ct);
            if (verdict.Error is not null)
            {
                return verdict.Error;
            }

            // Only a verdict against a guideline in force today may certify; the verdict itself stays computed above.
            try
            {
                var validity = await catalog.JudgeAsync(GuidelineId.Parse(verdict.Guideline), now, options.InForcePolicy ?? InForcePolicy.Status, ct);
                if (!validity.Valid)
                {
                    return ApiError.Of(StatusCodes.Status409Conflict, "Guideline not valid for certification", validity.Reason);
                }
            }
            catch (Stackmark.Guidelines.GuidelineSourceException e)
            {
                return ApiError.Of(StatusCodes.Status502BadGateway, "Guideline source unavailable", e.Message);
            }

            if (await RegionRuleRefusalAsync(run, verdict.Target, db, options, ct) is { } regionRefusal)
            {
                return regionRefusal;
            }

            // Designated sections: results cannot show them, so the linked product must attest to them (ResultsApi.Attestation.cs).
            if (await UnattestedAsync(run, verdict.Guideline, db, ct) is { } unattested)
            {
                return unattested;
            }

            run.VerificationStatus = 1;
            run.VerifiedById = caller.UserId;
            run.VerifiedAt = now;
            run.VerifiedGuideline = verdict.Guideline;
            run.VerifiedTarget = verdict.Target;
            run.VerifiedCompliant = verdict.Compliant;
            run.VerifiedReportJson = verdict.ReportJson;
            db.VerificationEvents.Add(new ResultVerificationEvent
            {
                Id = Guid.CreateVersion7(), RunId = run.Id, Verified = true, ById = caller.UserId, At = now,
                Guideline = verdict.Guideline, Target = verdict.Target, Compliant = verdict.Compliant,
            });
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DetailAsync(run, role, db, ct));
    }

    /// <summary>The verdict snapshot of a verified run (anyone who may read the run); the history only for foundation admins.</summary>
    private static async Task<Results<Ok<VerificationDetail>, JsonHttpResult<ApiError>>> Verification(string id, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var (run, role, error) = await FindReadableAsync(id, Caller.From(http.User), db, ct);
        if (run is null)
        {
            return error!;
        }

        List<VerificationEventDto>? history = null;
        if (role == ResultRole.Foundation)
        {
            var events = await db.VerificationEvents.AsNoTracking()
                .Where(e => e.RunId == run.Id)
                .OrderBy(e => e.At).ThenBy(e => e.Id)
                .Select(e => new { e.Verified, e.At, e.Guideline, e.Target, e.Compliant, By = db.Users.Where(u => u.Id == e.ById).Select(u => u.UserName).FirstOrDefault() })
                .ToListAsync(ct);
            history = [.. events.Select(e => new VerificationEventDto(e.Verified ? "verify" : "unverify", e.By, Timestamps.Render(e.At), e.Guideline, e.Target, e.Compliant))];
        }

        if (run.VerificationStatus == 0 || run.VerifiedReportJson is null)
        {
            return role == ResultRole.Foundation
                ? TypedResults.Ok(new VerificationDetail(0, null, null, null, null, null, null, history))
                : ApiError.NotFound("This result is not verified");
        }

        using var report = JsonDocument.Parse(run.VerifiedReportJson);
        var by = role == ResultRole.Foundation && run.VerifiedById is { } v ? await db.Users.Where(u => u.Id == v).Select(u => u.UserName).FirstOrDefaultAsync(ct) : null;
        return TypedResults.Ok(new VerificationDetail(
            1, by, run.VerifiedAt is { } at ? Timestamps.Render(at) : null, run.VerifiedGuideline, run.VerifiedTarget, run.VerifiedCompliant, report.RootElement.Clone(), history));
    }

    // The program's region rule (RegistryOptions.RegionRules) against the linked product's declared regions: a product
    // whose regions cannot run what the program tests (Compute and Platform boot Linux guests) is not verified for it.
    private static async Task<JsonHttpResult<ApiError>?> RegionRuleRefusalAsync(TestRun run, string target, RegistryDbContext db, RegistryOptions options, CancellationToken ct)
    {
        if (run.ProductVersionId is not { } versionId || options.RegionRules.For(target) is null)
        {
            return null;
        }

        var productId = await db.ProductVersions.AsNoTracking().Where(v => v.Id == versionId).Select(v => v.ProductId).FirstAsync(ct);
        var regions = (await db.ProductRegions.AsNoTracking().Where(r => r.ProductId == productId).OrderBy(r => r.Position).ToListAsync(ct))
            .Select(r => new Stackmark.Regions.DeclaredRegion(r.Name, r.Kind, r.Runtime, r.GuestOperatingSystems)).ToList();
        return options.RegionRules.WhyNot(target, regions) is { } why
            ? ApiError.Of(StatusCodes.Status409Conflict, "Product regions do not meet the program's rule", $"{why}; declare such a region (PUT /v1/products/{productId}/regions) before verifying")
            : null;
    }
}

/// <summary>A run's verification: the verdict snapshot and report at that time; <c>verified_by</c> and <c>history</c> for foundation admins.</summary>
internal sealed record VerificationDetail(
    int VerificationStatus, string? VerifiedBy, string? VerifiedAt, string? Guideline, string? Target, bool? Compliant, JsonElement? Report, List<VerificationEventDto>? History);

/// <summary>One verify or unverify in a run's history.</summary>
internal sealed record VerificationEventDto(string Action, string? By, string At, string? Guideline, string? Target, bool? Compliant);
