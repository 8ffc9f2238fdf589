using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Stackmark.Server.Tests.Support;

/// <summary>
/// A real OpenID Connect provider for tests: OpenIddict on Kestrel at 127.0.0.1:0 with ephemeral keys, the
/// authorization code flow with PKCE required, one confidential client and one person who signs in with a form.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "stackmark-registry";

    public const string ClientSecret = "a client secret for the test provider";

    public const string UserName = "alice";

    public const string Password = "alice's provider password";

    public const string Subject = "248289761001";

    public const string Email = "alice@idp.example";

    private const string CookieScheme = "idp-session";

    private readonly WebApplication _app;
    private readonly string _dbFile;

    private OidcProvider(WebApplication app, string dbFile)
    {
        _app = app;
        _dbFile = dbFile;
    }

    /// <summary>The issuer URL (what the registry's <c>Oidc:Authority</c> names).</summary>
    public Uri Issuer { get; private set; } = null!;

    public static async Task<OidcProvider> StartAsync()
    {
        var dbFile = Path.Combine(Path.GetTempPath(), $"stackmark-idp-{Guid.NewGuid():N}.db");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--Logging:LogLevel:Default=Warning"] });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddDbContext<ProviderDb>(o =>
        {
            o.UseSqlite("Data Source=" + dbFile);
            o.UseOpenIddict();
        });
        builder.Services.AddAuthentication(CookieScheme).AddCookie(CookieScheme, o =>
        {
            o.Cookie.Name = "idp.session";
            o.LoginPath = "/idp/login";
        });
        builder.Services.AddAuthorization();
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ProviderDb>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("/connect/authorize").SetTokenEndpointUris("/connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.DisableAccessTokenEncryption();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email);
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });

        var app = builder.Build();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/idp/login", (string? returnUrl) => Microsoft.AspNetCore.Http.Results.Content(
            $"""
            <!DOCTYPE html><html><head><title>Test identity provider</title></head><body>
            <h1>Test identity provider</h1>
            <form method="post" action="/idp/login">
            <input type="hidden" name="returnUrl" value="{System.Net.WebUtility.HtmlEncode(returnUrl ?? "/")}">
            <label>Login <input name="login" id="idp-login"></label>
            <label>Password <input name="password" type="password" id="idp-password"></label>
            <button type="submit" id="idp-submit">Continue</button>
            </form></body></html>
            """,
            "text/html; charset=utf-8"));
        app.MapPost("/idp/login", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            if (form["login"] != UserName || form["password"] != Password)
            {
                return Microsoft.AspNetCore.Http.Results.Content("<p>wrong password</p>", "text/html", null, StatusCodes.Status401Unauthorized);
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, UserName)], CookieScheme);
            await http.SignInAsync(CookieScheme, new ClaimsPrincipal(identity));
            var back = form["returnUrl"].ToString();
            return Microsoft.AspNetCore.Http.Results.Redirect(back.StartsWith('/') ? back : "/");
        });
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
            var session = await http.AuthenticateAsync(CookieScheme);
            if (!session.Succeeded)
            {
                return Microsoft.AspNetCore.Http.Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.Path + http.Request.QueryString }, [CookieScheme]);
            }

            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, Subject)
                .SetClaim(Claims.PreferredUsername, UserName)
                .SetClaim(Claims.Email, Email)
                .SetClaim(Claims.Name, "Alice Example");
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
            return Microsoft.AspNetCore.Http.Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderDb>().Database.EnsureCreatedAsync();
        }

        await app.StartAsync();
        return new OidcProvider(app, dbFile) { Issuer = new Uri(app.Urls.First() + "/") };
    }

    /// <summary>Registers the registry as a confidential client that may only come back to <paramref name="redirectUri"/>.</summary>
    public async Task RegisterClientAsync(Uri redirectUri)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await manager.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            RedirectUris = { redirectUri },
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Email,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_dbFile);
    }

    /// <summary>OpenIddict's tables.</summary>
    private sealed class ProviderDb(DbContextOptions<ProviderDb> options) : DbContext(options);
}
