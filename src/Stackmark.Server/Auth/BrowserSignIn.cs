using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Stackmark.Server.Data;

namespace Stackmark.Server.Auth;

/// <summary>
/// Sign-in for the web UI: a session cookie (HttpOnly, SameSite=Lax, Secure over HTTPS) holding only the user id, and,
/// when configured, OpenID Connect (authorization code with PKCE) whose (issuer, subject) maps to a registry user.
/// </summary>
/// <remarks>
/// The cookie authenticates UI pages only: the API's default scheme stays the Bearer token, so a cookie never
/// authorises an API call (no CSRF surface there). The user is re-read on every request, so a deleted account or a
/// removed foundation role takes effect at once.
/// </remarks>
internal static class BrowserSignIn
{
    public const string CookieScheme = "StackmarkSession";

    public const string OidcScheme = "oidc";

    public const string CookieName = "stackmark.session";

    /// <summary>Where the provider sends the browser back (register it as the client's redirect URI).</summary>
    public const string OidcCallbackPath = "/login/oidc/callback";

    private static readonly PasswordHasher<RegistryUser> Hasher = new();

    // A real hash of a random password: unknown user names cost as much as wrong passwords.
    private static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword(new RegistryUser(), Guid.NewGuid().ToString()));

    /// <summary>Adds the cookie scheme and, when the <c>Oidc</c> configuration section names an authority, client id and secret, OpenID Connect.</summary>
    public static OidcSettings? AddBrowserSignIn(this IServiceCollection services, IConfiguration configuration, RegistryOptions options)
    {
        var https = options.PublicUrl?.Scheme == Uri.UriSchemeHttps;
        var auth = services.AddAuthentication();
        auth.AddCookie(CookieScheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Cookie.IsEssential = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.Events.OnValidatePrincipal = RefreshPrincipalAsync;
        });

        var oidc = OidcSettings.From(configuration);
        if (oidc is not null)
        {
            auth.AddOpenIdConnect(OidcScheme, oidc.DisplayName, o =>
            {
                o.Authority = oidc.Authority;
                o.ClientId = oidc.ClientId;
                o.ClientSecret = oidc.ClientSecret;
                o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
                o.ResponseType = "code";
                o.UsePkce = true;

                // The code comes back on a top-level GET, so SameSite=Lax correlation and nonce cookies travel with it.
                o.ResponseMode = "query";
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SecurePolicy = o.CorrelationCookie.SecurePolicy;
                o.CallbackPath = OidcCallbackPath;
                o.SignInScheme = CookieScheme;
                o.MapInboundClaims = false;
                o.SaveTokens = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.Scope.Clear();
                foreach (var scope in oidc.Scopes)
                {
                    o.Scope.Add(scope);
                }

                o.Events.OnTokenValidated = MapToRegistryUserAsync;
                o.Events.OnRemoteFailure = ctx =>
                {
                    ctx.Response.Redirect("/login?error=oidc");
                    ctx.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        }

        services.AddSingleton(new BrowserLoginOptions(oidc));
        return oidc;
    }

    /// <summary>The local user with this name and password (PasswordHasher, PBKDF2), or null; rehashes an outdated hash.</summary>
    public static async Task<RegistryUser?> CheckPasswordAsync(RegistryDbContext db, string userName, string password, CancellationToken ct)
    {
        var user = userName.Length is 0 or > 128 ? null : await db.Users.FirstOrDefaultAsync(u => u.UserName == userName, ct);
        if (user?.PasswordHash is not { } hash)
        {
            Hasher.VerifyHashedPassword(new RegistryUser(), DummyHash.Value, password);
            return null;
        }

        var result = Hasher.VerifyHashedPassword(user, hash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = Hasher.HashPassword(user, password);
            await db.SaveChangesAsync(ct);
        }

        return user;
    }

    /// <summary>Signs the user in with the session cookie.</summary>
    public static Task SignInAsync(HttpContext http, RegistryUser user) =>
        http.SignInAsync(CookieScheme, Caller.Principal(user, CookieScheme), new AuthenticationProperties { IsPersistent = false });

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(CookieScheme);

    /// <summary>The session's principal, rebuilt from the database, or null when there is no valid session.</summary>
    public static async Task<ClaimsPrincipal?> AuthenticateAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(CookieScheme);
        return result.Succeeded ? result.Principal : null;
    }

    private static async Task RefreshPrincipalAsync(CookieValidatePrincipalContext ctx)
    {
        var db = ctx.HttpContext.RequestServices.GetRequiredService<RegistryDbContext>();
        var id = ctx.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var user = Guid.TryParse(id, out var userId)
            ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ctx.HttpContext.RequestAborted)
            : null;
        if (user is null)
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(CookieScheme);
            return;
        }

        ctx.ReplacePrincipal(Caller.Principal(user, CookieScheme));
    }

    private static async Task MapToRegistryUserAsync(TokenValidatedContext ctx)
    {
        var principal = ctx.Principal;
        var sub = principal?.FindFirst("sub");
        var issuer = principal?.FindFirstValue("iss") ?? sub?.Issuer;
        if (principal is null || sub is null || string.IsNullOrEmpty(issuer))
        {
            ctx.Fail("the ID token has no issuer or subject");
            return;
        }

        var services = ctx.HttpContext.RequestServices;
        var user = await ExternalLogins.FindOrCreateUserAsync(
            services.GetRequiredService<RegistryDbContext>(),
            issuer,
            sub.Value,
            principal.FindFirstValue("preferred_username") ?? principal.FindFirstValue("email"),
            principal.FindFirstValue("email"),
            principal.FindFirstValue("name"),
            services.GetRequiredService<RegistryOptions>().TimeProvider,
            ctx.HttpContext.RequestAborted);
        if (user is null)
        {
            ctx.Fail("the provider's identity could not be linked to a registry user");
            return;
        }

        ctx.Principal = Caller.Principal(user, CookieScheme);
    }
}

/// <summary>
/// OpenID Connect settings (configuration section <c>Oidc</c>: <c>Authority</c>, <c>ClientId</c>, <c>ClientSecret</c>,
/// optional <c>DisplayName</c>, <c>Scopes</c> and <c>RequireHttpsMetadata</c>, default true). All three of authority,
/// client id and secret are needed to turn it on.
/// </summary>
internal sealed record OidcSettings(string Authority, string ClientId, string ClientSecret, string DisplayName, IReadOnlyList<string> Scopes, bool RequireHttpsMetadata)
{
    public static OidcSettings? From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Oidc");
        var authority = section["Authority"];
        var clientId = section["ClientId"];
        var secret = section["ClientSecret"];
        if (string.IsNullOrWhiteSpace(authority) || string.IsNullOrWhiteSpace(clientId) || string.IsNullOrWhiteSpace(secret))
        {
            return null;
        }

        var scopes = (section["Scopes"] ?? "openid profile email").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new OidcSettings(
            authority,
            clientId,
            secret,
            string.IsNullOrWhiteSpace(section["DisplayName"]) ? "OpenID Connect" : section["DisplayName"]!,
            scopes.Contains("openid") ? scopes : ["openid", .. scopes],
            !bool.TryParse(section["RequireHttpsMetadata"], out var require) || require);
    }
}

/// <summary>What the login page offers: the password form always, and the OpenID Connect button when configured.</summary>
internal sealed record BrowserLoginOptions(OidcSettings? Oidc);
