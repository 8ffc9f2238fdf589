using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stackmark.RefStack;
using Stackmark.Server.Auth;
using Stackmark.Server.Data;
using Stackmark.Server.Http;

namespace Stackmark.Server.Profile;

/// <summary>The caller's profile and the public keys that sign their uploads (RefStack's <c>/v1/profile</c>).</summary>
internal static class ProfileApi
{
    private static readonly string[] KeyFormats = ["ssh-rsa", "ssh-dss", "pgp-sign-rsa", "pgp-sign-dss"];

    public static IEndpointRouteBuilder MapProfile(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/profile").WithTags("profile");
        group.MapGet("/", Show).WithSummary("The caller's profile (the UI's login probe).");
        group.MapGet("/pubkeys", ListKeys).WithSummary("The caller's public keys.");
        group.MapPost("/pubkeys", AddKey).WithSummary("Imports a public key with a self-signature over the bytes \"signature\".");
        group.MapDelete("/pubkeys/{id}", DeleteKey).WithSummary("Deletes one of the caller's keys.");
        return routes;
    }

    private static async Task<Results<Ok<ProfileDto>, JsonHttpResult<ApiError>>> Show(HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        if (Caller.From(http.User) is not { } caller)
        {
            return ApiError.Unauthorized("Authentication required");
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == caller.UserId, ct);
        return user is null
            ? ApiError.Unauthorized("Authentication required")
            : TypedResults.Ok(new ProfileDto(user.UserName, user.Email, user.FullName, user.IsFoundationAdmin));
    }

    private static async Task<Results<Ok<List<PublicKeyDto>>, JsonHttpResult<ApiError>>> ListKeys(HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        if (Caller.From(http.User) is not { } caller)
        {
            return ApiError.Unauthorized("Authentication required");
        }

        var keys = await db.PublicKeys.AsNoTracking()
            .Where(k => k.UserId == caller.UserId)
            .OrderBy(k => k.CreatedAt)
            .ToListAsync(ct);

        // Mapped in memory: Guid.ToString() in SQL would follow the provider's casing (SQLite stores uppercase).
        return TypedResults.Ok(keys.Select(k => new PublicKeyDto(k.Id.ToString(), caller.UserName, k.Format, k.Blob, k.Comment, k.Sha256Fingerprint)).ToList());
    }

    private static async Task<Results<Created<string>, JsonHttpResult<ApiError>>> AddKey(HttpContext http, RegistryDbContext db, RegistryOptions options, CancellationToken ct)
    {
        if (Caller.From(http.User) is not { } caller)
        {
            return ApiError.Unauthorized("Authentication required");
        }

        var (body, error) = await RequestBody.ReadStringObjectAsync(http.Request, ["raw_key", "self_signature"], [], ct);
        if (body is null)
        {
            return ApiError.BadRequest("Malformed request", error);
        }

        var rawKey = body["raw_key"].Trim();
        var format = rawKey.Split(' ', 2)[0];
        if (!KeyFormats.Contains(format))
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", $"raw_key must start with one of {string.Join(", ", KeyFormats)}");
        }

        // Verifies the self-signature over the 9 bytes "signature", and refuses RSA under 2048 bits and non-RSA keys.
        var verified = ResultSigner.Verify(ResultSigner.SelfSignedMessage, body["self_signature"], rawKey);
        if (verified.Value is not { } key)
        {
            return ApiError.BadRequest("Bad public key or self-signature", verified.Error);
        }

        var comment = key.Comment;
        if (comment is not null && (comment.Length > 256 || !RequestBody.IsStorable(comment)))
        {
            return ApiError.BadRequest("Invalid key comment", "at most 256 characters, no NUL");
        }

        var fingerprint = key.Sha256Fingerprint;
        if (await db.PublicKeys.AnyAsync(k => k.Sha256Fingerprint == fingerprint, ct))
        {
            return ApiError.Conflict("Public key already exists");
        }

        var entity = new UserPublicKey
        {
            Id = Guid.CreateVersion7(),
            UserId = caller.UserId,
            Format = SshPublicKey.RsaKeyType,
            Blob = Convert.ToBase64String(key.Blob.Span),
            Comment = comment,
            Md5 = key.RefStackLookupKey,
            Sha256Fingerprint = fingerprint,
            CreatedAt = Timestamps.Now(options.TimeProvider),
        };
        db.PublicKeys.Add(entity);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent import of the same key won the unique index.
            return ApiError.Conflict("Public key already exists");
        }

        return TypedResults.Created($"/v1/profile/pubkeys/{entity.Id}", entity.Id.ToString());
    }

    private static async Task<Results<NoContent, JsonHttpResult<ApiError>>> DeleteKey(string id, HttpContext http, RegistryDbContext db, SigningKeyCache keys, CancellationToken ct)
    {
        if (Caller.From(http.User) is not { } caller)
        {
            return ApiError.Unauthorized("Authentication required");
        }

        var deleted = Guid.TryParse(id, out var keyId)
            ? await db.PublicKeys.Where(k => k.Id == keyId && k.UserId == caller.UserId).ExecuteDeleteAsync(ct)
            : 0;
        if (deleted > 0)
        {
            // Uploads signed by the deleted key are refused from now on, not when a cached row expires.
            keys.Invalidate();
        }

        return deleted == 0 ? ApiError.NotFound("Public key not found") : TypedResults.NoContent();
    }
}

/// <summary>RefStack's profile shape; <c>openid</c> carries the local user name.</summary>
internal sealed record ProfileDto(string Openid, string? Email, string? Fullname, bool IsAdmin);

/// <summary>RefStack's key shape plus the SHA-256 fingerprint.</summary>
internal sealed record PublicKeyDto(string Id, string Openid, string Format, string Pubkey, string? Comment, string Fingerprint);
