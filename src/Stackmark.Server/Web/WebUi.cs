using Microsoft.AspNetCore.Authentication;
using Stackmark.Server.Auth;
using Stackmark.Server.Data;

namespace Stackmark.Server.Web;

/// <summary>
/// The registry's web UI: server-rendered pages over the API (results, compliance reports, guidelines, vendors,
/// products, profile), browser sign-in with a session cookie (local password, or OpenID Connect when configured) and
/// antiforgery tokens on every state-changing form. No JavaScript; one stylesheet served from memory.
/// </summary>
internal static class WebUi
{
    /// <summary>Registers the UI's services: cookie and optional OpenID Connect sign-in, antiforgery, the API bridge.</summary>
    public static WebApplicationBuilder AddWebUi(this WebApplicationBuilder builder, RegistryOptions options)
    {
        var https = options.PublicUrl?.Scheme == Uri.UriSchemeHttps;
        builder.Services.AddBrowserSignIn(builder.Configuration, options);
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "stackmark.csrf";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = Ui.CsrfField;
            o.HeaderName = null;

            // The pages send CSP frame-ancestors 'none' and X-Frame-Options DENY themselves.
            o.SuppressXFrameOptionsHeader = true;
        });
        builder.Services.AddSingleton<ApiBridge>();
        return builder;
    }

    /// <summary>Maps the pages. The group authenticates the session cookie (the API keeps Bearer tokens only) and sets security headers.</summary>
    public static IEndpointRouteBuilder MapWebUi(this IEndpointRouteBuilder routes)
    {
        var ui = routes.MapGroup("").ExcludeFromDescription().AddEndpointFilter(async (ctx, next) =>
        {
            var http = ctx.HttpContext;
            if (await BrowserSignIn.AuthenticateAsync(http) is { } principal)
            {
                http.User = principal;
            }

            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            return await next(ctx);
        });

        ui.MapGet("/", () => TypedResults.Redirect("/results"));
        ui.MapGet("/static/site.css", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return TypedResults.Text(SiteCss.Text, "text/css; charset=utf-8");
        });
        ui.MapGet("/login", LoginForm);
        ui.MapPost("/login", LoginAsync);
        ui.MapGet("/login/oidc", OidcChallenge);
        ui.MapPost("/logout", (Func<HttpContext, Task<IResult>>)LogoutAsync);
        ResultPages.Map(ui);
        CatalogPages.Map(ui);
        ProductPages.Map(ui);
        QueuePages.Map(ui);
        ProfilePages.Map(ui);
        ScoringPages.Map(ui);
        FlagPages.Map(ui);
        WaiverPages.Map(ui);
        return routes;
    }

    private static IResult LoginForm(HttpContext http, BrowserLoginOptions login, string? returnUrl, string? error) =>
        LoginPage(http, login, Ui.LocalUrl(returnUrl), error == "oidc" ? "Sign-in with the identity provider failed." : null, StatusCodes.Status200OK);

    private static IResult LoginPage(HttpContext http, BrowserLoginOptions login, string returnUrl, string? error, int status, string? userName = null)
    {
        var oidc = login.Oidc is { } o
            ? Html.Of($"""
                <p class="or">or</p>
                <p><a class="button" id="oidc-login" href="/login/oidc?returnUrl={Uri.EscapeDataString(returnUrl)}">Sign in with {o.DisplayName}</a></p>
                """)
            : Html.Empty;
        return Ui.Page(http, "Sign in", Html.Of($"""
            {Html.If(error is not null, Html.Of($"<p class=\"error\" role=\"alert\">{error}</p>"))}
            <form method="post" action="/login" class="card narrow">
            {Ui.CsrfInput(http)}
            <input type="hidden" name="returnUrl" value="{returnUrl}">
            <label>User name <input name="username" autocomplete="username" required maxlength="128" value="{userName}"></label>
            <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
            <button type="submit">Sign in</button>
            </form>
            {oidc}
            """), status);
    }

    private static async Task<IResult> LoginAsync(HttpContext http, RegistryDbContext db, BrowserLoginOptions login)
    {
        if (!await Ui.CsrfValidAsync(http))
        {
            return Ui.CsrfRefused(http);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var name = form["username"].ToString().Trim();
        var returnUrl = Ui.LocalUrl(form["returnUrl"].ToString());
        var user = await BrowserSignIn.CheckPasswordAsync(db, name, form["password"].ToString(), http.RequestAborted);
        if (user is null)
        {
            return LoginPage(http, login, returnUrl, "Unknown user name or wrong password.", StatusCodes.Status401Unauthorized, name);
        }

        await BrowserSignIn.SignInAsync(http, user);
        return TypedResults.Redirect(returnUrl);
    }

    private static IResult OidcChallenge(BrowserLoginOptions login, string? returnUrl) =>
        login.Oidc is null
            ? TypedResults.NotFound()
            : TypedResults.Challenge(new AuthenticationProperties { RedirectUri = Ui.LocalUrl(returnUrl) }, [BrowserSignIn.OidcScheme]);

    private static async Task<IResult> LogoutAsync(HttpContext http)
    {
        if (!await Ui.CsrfValidAsync(http))
        {
            return Ui.CsrfRefused(http);
        }

        await BrowserSignIn.SignOutAsync(http);
        return TypedResults.Redirect("/results?notice=signed-out");
    }
}
