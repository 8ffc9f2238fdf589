using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stackmark.Server.Data;

namespace Stackmark.Server.Auth;

/// <summary>
/// <c>Authorization: Bearer smk_…</c>: an opaque API token issued by <c>POST /v1/auth/tokens</c>, looked up by its SHA-256.
/// No header means no result (anonymous); an unknown or expired token fails authentication.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, RegistryDbContext db, RegistryOptions registry)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    public const string TokenPrefix = "smk_";

    public static string NewToken() => TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header["Bearer ".Length..].Trim();
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal) || token.Length > 128)
        {
            return AuthenticateResult.Fail("not a Stackmark API token");
        }

        var hash = Hash(token);
        var now = registry.TimeProvider.GetUtcNow().UtcDateTime;
        var user = await db.ApiTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.ExpiresAt > now)
            .Select(t => t.User)
            .FirstOrDefaultAsync(Context.RequestAborted);
        return user is null
            ? AuthenticateResult.Fail("unknown or expired API token")
            : AuthenticateResult.Success(new AuthenticationTicket(Caller.Principal(user, SchemeName), SchemeName));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
