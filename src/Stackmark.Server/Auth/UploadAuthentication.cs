using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stackmark.RefStack;
using Stackmark.Server.Data;
using Stackmark.Server.Http;

namespace Stackmark.Server.Auth;

/// <summary>Who signed an upload, how, and the nonce to record with it (version 2).</summary>
internal sealed record UploadSigner(UserPublicKey Key, int Version, UploadNonce? Nonce);

/// <summary>
/// Checks an upload's signature headers: RefStack's version 1 (body only) or Stackmark's version 2
/// (<see cref="UploadSignatureV2"/>: method, target, timestamp, nonce, body hash).
/// </summary>
internal static class UploadAuthentication
{
    /// <summary>
    /// The signer, or (null, null) when the upload carries no signature headers (anonymous), or an error:
    /// 400 malformed or not verifying, 401 unknown key or stale timestamp, 409 replayed nonce.
    /// </summary>
    public static async Task<(UploadSigner? Signer, JsonHttpResult<ApiError>? Error)> AuthenticateAsync(
        HttpContext http, byte[] body, RegistryDbContext db, RegistryOptions options, CancellationToken ct)
    {
        var headers = http.Request.Headers;
        var signature = headers["X-Signature"].ToString();
        var publicKey = headers["X-Public-Key"].ToString();
        var version = headers[UploadSignatureV2.VersionHeader].ToString();
        if (signature.Length == 0 && publicKey.Length == 0)
        {
            return version.Length == 0 ? (null, null) : (null, ApiError.BadRequest("Malformed signature", $"{UploadSignatureV2.VersionHeader} without X-Signature and X-Public-Key"));
        }

        if (signature.Length == 0 || publicKey.Length == 0)
        {
            return (null, ApiError.BadRequest("Malformed signature", "send both X-Signature and X-Public-Key, or neither"));
        }

        if (version.Length > 0 && version != UploadSignatureV2.Version)
        {
            return (null, ApiError.BadRequest("Unsupported signature version", $"{UploadSignatureV2.VersionHeader} must be {UploadSignatureV2.Version} (or absent for RefStack's version 1)"));
        }

        var signed = body;
        UploadNonce? nonce = null;
        DateTimeOffset timestamp = default;
        if (version.Length > 0)
        {
            var timestampText = headers[UploadSignatureV2.TimestampHeader].ToString();
            var nonceText = headers[UploadSignatureV2.NonceHeader].ToString();
            if (!UploadSignatureV2.TryParseTimestamp(timestampText, out timestamp))
            {
                return (null, ApiError.BadRequest("Malformed signature", $"{UploadSignatureV2.TimestampHeader} must be Unix seconds (decimal digits)"));
            }

            if (!UploadSignatureV2.IsValidNonce(nonceText))
            {
                return (null, ApiError.BadRequest("Malformed signature",
                    $"{UploadSignatureV2.NonceHeader} must be {UploadSignatureV2.MinNonceLength} to {UploadSignatureV2.MaxNonceLength} characters of A-Z a-z 0-9 - _"));
            }

            var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw : http.Request.Path + http.Request.QueryString;
            signed = UploadSignatureV2.CanonicalBytes(http.Request.Method, target, timestampText, nonceText, body);
            nonce = new UploadNonce { Nonce = nonceText, ExpiresAt = (timestamp + UploadSignatureV2.MaxClockSkew).UtcDateTime.AddSeconds(1) };
        }

        var keys = http.RequestServices.GetRequiredService<SigningKeyCache>();
        var verified = keys.Verify(signed, signature, publicKey);
        if (verified.Value is not { } key)
        {
            return (null, ApiError.BadRequest("Signature verification failed", verified.Error));
        }

        var now = options.TimeProvider.GetUtcNow();
        if (nonce is not null && (timestamp - now).Duration() > UploadSignatureV2.MaxClockSkew)
        {
            return (null, ApiError.Unauthorized(
                $"Stale signature: {UploadSignatureV2.TimestampHeader} is more than {UploadSignatureV2.MaxClockSkew.TotalMinutes:0} minutes from the registry's clock ({UploadSignatureV2.Timestamp(now)})"));
        }

        // RefStack's index is md5(blob); the full blob is compared so a collision cannot borrow another's account.
        var signer = await keys.FindRegisteredAsync(key, db, ct);
        if (signer is null)
        {
            return (null, ApiError.Unauthorized("User with specified key not found"));
        }

        if (nonce is not null)
        {
            var nowUtc = now.UtcDateTime;
            await db.UploadNonces.Where(n => n.ExpiresAt < nowUtc).ExecuteDeleteAsync(ct);
            if (await db.UploadNonces.AnyAsync(n => n.Nonce == nonce.Nonce, ct))
            {
                return (null, Replayed());
            }
        }

        return (new UploadSigner(signer, nonce is null ? 1 : 2, nonce), null);
    }

    public static JsonHttpResult<ApiError> Replayed() =>
        ApiError.Of(StatusCodes.Status409Conflict, "Replayed upload", $"this {UploadSignatureV2.NonceHeader} was already used: sign every upload with a fresh nonce");
}
