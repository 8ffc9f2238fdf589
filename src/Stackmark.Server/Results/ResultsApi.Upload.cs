using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stackmark.Server.Auth;
using Stackmark.Server.Data;
using Stackmark.Server.Http;

namespace Stackmark.Server.Results;

internal static partial class ResultsApi
{
    public const int MaxTestNameLength = 1024;

    /// <summary>
    /// RefStack's upload, in its order (wire notes §2): read the exact bytes, parse and validate, verify a signature
    /// when either header is present (version 1, or version 2 with timestamp and nonce), find the key's owner, refuse
    /// anonymous uploads unless allowed, store. A body sent as <c>application/vnd.subunit</c> is a subunit upload.
    /// </summary>
    private static async Task<Results<Created<UploadResponse>, JsonHttpResult<ApiError>>> Upload(
        HttpContext http, RegistryDbContext db, RegistryOptions options, CancellationToken ct)
    {
        var body = await RequestBody.ReadBytesAsync(http.Request, options.MaxUploadBytes, ct);
        if (body is null)
        {
            return TooLarge(options);
        }

        if (IsSubunit(http.Request.ContentType))
        {
            return await StoreSubunitAsync(body, http, db, options, ct);
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

        var tests = results.Passed.Select(t => new TestRunResult
        {
            Name = t.Name.Value,
            IdempotentId = t.Id?.ToString(),
            Status = "pass",
            Reason = t.Reason,
            DurationSeconds = t.Duration?.TotalSeconds,
        });
        return await StoreAsync(results.Cpid, results.DurationSeconds, "refstack-v1", tests, subunit: null, body, http, db, options, ct);
    }

    private static JsonHttpResult<ApiError> TooLarge(RegistryOptions options) =>
        ApiError.Of(StatusCodes.Status413PayloadTooLarge, "Request too large", $"uploads are limited to {options.MaxUploadBytes} bytes");

    /// <summary>Checks the signature, applies the anonymous-upload policy, links a product version by cpid, stores the run.</summary>
    private static async Task<Results<Created<UploadResponse>, JsonHttpResult<ApiError>>> StoreAsync(
        string cpid, long durationSeconds, string format, IEnumerable<TestRunResult> tests, byte[]? subunit, byte[] body,
        HttpContext http, RegistryDbContext db, RegistryOptions options, CancellationToken ct, IReadOnlyDictionary<string, string>? meta = null)
    {
        var (signed, error) = await UploadAuthentication.AuthenticateAsync(http, body, db, options, ct);
        if (error is not null)
        {
            return error;
        }

        if (signed is null && !options.AllowAnonymousUploads)
        {
            return ApiError.Unauthorized("Anonymous uploads are disabled on this registry: sign the results with a registered key");
        }

        var signer = signed?.Key;
        var run = new TestRun
        {
            Id = Guid.CreateVersion7(),
            CreatedAt = Timestamps.Now(options.TimeProvider),
            Cpid = cpid,
            DurationSeconds = durationSeconds,
            OwnerId = signer?.UserId,
            PublicKeyId = signer?.Id,
            SignedKeyFingerprint = signer?.Sha256Fingerprint,
            SignatureVersion = signed?.Version,
            Format = format,
        };
        foreach (var (key, value) in meta ?? new Dictionary<string, string>())
        {
            run.Meta.Add(new TestRunMeta { RunId = run.Id, Key = key, Value = value });
        }

        var stream = subunit is null ? null : new TestRunSubunit { RunId = run.Id, Content = subunit };
        try
        {
            if (db is PostgresRegistryDbContext)
            {
                // One batch, one round trip, one implicit transaction (PostgresRunWriter); SQLite keeps EF's SaveChanges.
                await InsertOnPostgresAsync(http, run, tests, stream, signed?.Nonce, ct);
            }
            else
            {
                run.ProductVersionId = signer is null ? null : await ProductVersionForAsync(cpid, signer.UserId, db, ct);
                db.Runs.Add(run);
                foreach (var t in tests)
                {
                    t.RunId = run.Id;
                    db.RunResults.Add(t);
                }

                if (stream is not null)
                {
                    db.RunSubunits.Add(stream);
                }

                if (signed?.Nonce is { } nonce)
                {
                    db.UploadNonces.Add(nonce);
                }

                await db.SaveChangesAsync(ct);
            }
        }
        catch (Exception e) when (signed?.Nonce is not null && e is DbUpdateException or Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Two copies of one signed upload raced: the nonce's primary key let one through.
            db.ChangeTracker.Clear();
            if (await db.UploadNonces.AnyAsync(x => x.Nonce == signed.Nonce.Nonce, ct))
            {
                return UploadAuthentication.Replayed();
            }

            throw;
        }

        var url = RunUrl(http.Request, options, run.Id);
        return TypedResults.Created(url, new UploadResponse(run.Id.ToString(), url));
    }

    // Test names are unique per run (the parsers de-duplicate them), so the primary key cannot refuse a test row here.
    private static async Task InsertOnPostgresAsync(
        HttpContext http, TestRun run, IEnumerable<TestRunResult> tests, TestRunSubunit? subunit, UploadNonce? nonce, CancellationToken ct)
    {
        // The writer keys every test row by run.Id itself.
        await using var connection = await http.RequestServices.GetRequiredService<Npgsql.NpgsqlDataSource>().OpenConnectionAsync(ct);
        await PostgresRunWriter.InsertAsync(connection, run, tests.ToList(), subunit, nonce, ct);
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
    // admin or an admin of that product's vendor (on PostgreSQL, PostgresRunWriter applies the same rule in SQL).
    private static async Task<Guid?> ProductVersionForAsync(string cpid, Guid userId, RegistryDbContext db, CancellationToken ct)
    {
        var versions = await db.ProductVersions.AsNoTracking().Where(v => v.Cpid == cpid).OrderBy(v => v.Id).Select(v => new { v.Id, v.Product!.VendorId }).Take(2).ToListAsync(ct);
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
