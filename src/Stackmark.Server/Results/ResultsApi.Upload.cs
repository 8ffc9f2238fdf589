using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stackmark.RefStack;
using Stackmark.Server.Data;
using Stackmark.Server.Http;

namespace Stackmark.Server.Results;

internal static partial class ResultsApi
{
    public const int MaxTestNameLength = 1024;

    /// <summary>
    /// RefStack's upload, in its order (wire notes §2): read the exact bytes, parse and validate, verify a signature
    /// when either header is present, find the key's owner, refuse anonymous uploads unless allowed, store.
    /// </summary>
    private static async Task<Results<Created<UploadResponse>, JsonHttpResult<ApiError>>> Upload(
        HttpContext http, RegistryDbContext db, RegistryOptions options, CancellationToken ct)
    {
        var body = await RequestBody.ReadBytesAsync(http.Request, options.MaxUploadBytes, ct);
        if (body is null)
        {
            return ApiError.Of(StatusCodes.Status413PayloadTooLarge, "Request too large", $"uploads are limited to {options.MaxUploadBytes} bytes");
        }

        var parsed = RefStackResults.Parse(body, "upload");
        if (parsed.Value is not { } results)
        {
            var title = parsed.Error!.StartsWith("not valid JSON", StringComparison.Ordinal) ? "Malformed request" : "Request doesn't correspond to schema";
            return ApiError.BadRequest(title, $"{parsed.Location?.JsonPath} (line {parsed.Location?.Line}): {parsed.Error}");
        }

        if (Unstorable(results) is { } why)
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", why);
        }

        var signature = http.Request.Headers["X-Signature"].ToString();
        var publicKey = http.Request.Headers["X-Public-Key"].ToString();
        UserPublicKey? signer = null;
        if (signature.Length > 0 || publicKey.Length > 0)
        {
            if (signature.Length == 0 || publicKey.Length == 0)
            {
                return ApiError.BadRequest("Malformed signature", "send both X-Signature and X-Public-Key, or neither");
            }

            var verified = ResultSigner.Verify(body, signature, publicKey);
            if (verified.Value is not { } key)
            {
                return ApiError.BadRequest("Signature verification failed", verified.Error);
            }

            // RefStack's index is md5(blob); the full blob is compared so a collision cannot borrow another's account.
            var md5 = key.RefStackLookupKey;
            var blob = Convert.ToBase64String(key.Blob.Span);
            signer = await db.PublicKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Md5 == md5 && k.Blob == blob, ct);
            if (signer is null)
            {
                return ApiError.Unauthorized("User with specified key not found");
            }
        }
        else if (!options.AllowAnonymousUploads)
        {
            return ApiError.Unauthorized("Anonymous uploads are disabled on this registry: sign the results with a registered key");
        }

        var run = new TestRun
        {
            Id = Guid.CreateVersion7(),
            CreatedAt = Timestamps.Now(options.TimeProvider),
            Cpid = results.Cpid,
            DurationSeconds = results.DurationSeconds,
            OwnerId = signer?.UserId,
            PublicKeyId = signer?.Id,
            SignedKeyFingerprint = signer?.Sha256Fingerprint,
            ProductVersionId = signer is null ? null : await ProductVersionForAsync(results.Cpid, signer.UserId, db, ct),
        };
        run.Results.AddRange(results.Passed.Select(t => new TestRunResult
        {
            RunId = run.Id,
            Name = t.Name.Value,
            IdempotentId = t.Id?.ToString(),
            Status = "pass",
            Reason = t.Reason,
            DurationSeconds = t.Duration?.TotalSeconds,
        }));
        db.Runs.Add(run);
        await db.SaveChangesAsync(ct);

        var url = RunUrl(http.Request, options, run.Id);
        return TypedResults.Created(url, new UploadResponse(run.Id.ToString(), url));
    }

    // The parser checks shape; the databases add limits of their own, which must be a 400 and never a 500.
    private static string? Unstorable(RefStackResults results)
    {
        if (!RequestBody.IsStorable(results.Cpid))
        {
            return "\"cpid\" contains a NUL character or a lone UTF-16 surrogate";
        }

        foreach (var t in results.Passed)
        {
            if (t.Name.Value.Length > MaxTestNameLength)
            {
                return $"test name longer than {MaxTestNameLength} characters: {t.Name.Value[..80]}…";
            }

            if (!RequestBody.IsStorable(t.Name.Value))
            {
                return "a test name contains a NUL character or a lone UTF-16 surrogate";
            }
        }

        return null;
    }

    // RefStack links a signed upload when exactly one product version has its cpid and the uploader is a foundation
    // admin or an admin of that product's vendor.
    private static async Task<Guid?> ProductVersionForAsync(string cpid, Guid userId, RegistryDbContext db, CancellationToken ct)
    {
        var versions = await db.ProductVersions.AsNoTracking().Where(v => v.Cpid == cpid).Select(v => new { v.Id, v.Product!.VendorId }).Take(2).ToListAsync(ct);
        if (versions.Count != 1)
        {
            return null;
        }

        var vendorId = versions[0].VendorId;
        var allowed = await db.Users.AnyAsync(u => u.Id == userId && u.IsFoundationAdmin, ct)
            || await db.VendorAdmins.AnyAsync(a => a.UserId == userId && a.VendorId == vendorId, ct);
        return allowed ? versions[0].Id : null;
    }

    private static ContentHttpResult Schema() => TypedResults.Text(UploadSchema, "application/schema+json");

    /// <summary>The upload document as Stackmark validates it (stricter than RefStack's, which checked only <c>results[0]</c>).</summary>
    internal const string UploadSchema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "RefStack v1 results",
          "type": "object",
          "additionalProperties": false,
          "required": ["cpid", "duration_seconds", "results"],
          "properties": {
            "cpid": {"type": "string", "minLength": 1, "maxLength": 128},
            "duration_seconds": {"type": "integer", "minimum": 0},
            "results": {
              "type": "array",
              "minItems": 1,
              "items": {
                "type": "object",
                "additionalProperties": false,
                "required": ["name"],
                "properties": {
                  "name": {"type": "string", "minLength": 1, "maxLength": 1024},
                  "uuid": {"type": ["string", "null"], "format": "uuid"}
                }
              }
            }
          }
        }
        """;
}
