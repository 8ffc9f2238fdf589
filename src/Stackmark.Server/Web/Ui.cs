using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Stackmark.Server.Auth;

namespace Stackmark.Server.Web;

/// <summary>The page frame, forms and small rendering helpers shared by every page.</summary>
internal static class Ui
{
    public const string CsrfField = "__csrf";

    /// <summary>A complete HTML page: the navigation (with the signed-in user and a logout form) around <paramref name="body"/>.</summary>
    public static IResult Page(HttpContext http, string title, Html body, int status = StatusCodes.Status200OK)
    {
        var caller = Caller.From(http.User);
        var account = caller is null
            ? Html.Of($"""<a href="/login?returnUrl={Uri.EscapeDataString(http.Request.Path + http.Request.QueryString)}">Sign in</a>""")
            : Html.Of($"""
                <a href="/profile" class="user">{caller.UserName}</a>{Html.If(caller.IsFoundation, Html.Of($" <span class=\"badge\">foundation</span>"))}
                <form method="post" action="/logout" class="inline">{CsrfInput(http)}<button type="submit" class="link">Sign out</button></form>
                """);
        var queue = caller?.IsFoundation == true ? Html.Of($"""<a href="/verification">Verification queue</a>""") : Html.Empty;
        var page = Html.Of($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title} · Stackmark registry</title>
            <link rel="stylesheet" href="/static/site.css">
            </head>
            <body>
            <header>
            <nav>
            <a href="/results" class="brand">Stackmark registry</a>
            <a href="/results">Results</a>
            <a href="/guidelines">Guidelines</a>
            <a href="/vendors">Vendors</a>
            <a href="/products">Products</a>
            <a href="/community">Community</a>
            <a href="/scoring">Scoring</a>
            <a href="/flags">Flags</a>
            {queue}
            <span class="account">{account}</span>
            </nav>
            </header>
            <main>
            <h1>{title}</h1>
            {body}
            </main>
            <footer>RefStack API v1 at <a href="/v1/results">/v1</a> · <a href="/openapi/v1.json">OpenAPI</a></footer>
            </body>
            </html>
            """);
        return TypedResults.Content(page.Value, "text/html; charset=utf-8", null, status);
    }

    /// <summary>An error page for an API answer that was not a success (401 invites to sign in).</summary>
    public static IResult Error(HttpContext http, string title, ApiReply reply) =>
        Page(http, title, Html.Of($"""
            <p class="error">{reply.ErrorText}</p>
            {Html.If(reply.Status == 401 && Caller.From(http.User) is null, Html.Of($"""<p><a href="/login?returnUrl={Uri.EscapeDataString(http.Request.Path + http.Request.QueryString)}">Sign in</a> to see it.</p>"""))}
            """), reply.Status is >= 400 and < 600 ? reply.Status : StatusCodes.Status502BadGateway);

    /// <summary>The hidden antiforgery field every state-changing form carries.</summary>
    public static Html CsrfInput(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return Html.Of($"""<input type="hidden" name="{CsrfField}" value="{tokens.RequestToken}">""");
    }

    /// <summary>Checks the form's antiforgery token; false (answer 400) when it is missing or wrong.</summary>
    public static async Task<bool> CsrfValidAsync(HttpContext http) =>
        await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http);

    public static IResult CsrfRefused(HttpContext http) =>
        Page(http, "Form refused", Html.Of($"""<p class="error">This form was not sent from this site, or it expired (missing or invalid antiforgery token). Reload the page and try again.</p>"""), StatusCodes.Status400BadRequest);

    /// <summary>A local path to return to after sign-in; anything else (other hosts, <c>//x</c>, <c>/\x</c>) becomes <c>/results</c>.</summary>
    public static string LocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl) ? url : "/results";

    public static string? Str(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            }
            : null;

    public static JsonElement Prop(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : default;

    public static IEnumerable<JsonElement> Items(this JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray() : [];

    public static int Int(this JsonElement e, string name) =>
        e.Prop(name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out var n) ? n : 0;

    public static bool Bool(this JsonElement e, string name) => e.Prop(name).ValueKind == JsonValueKind.True;

    /// <summary>A pass/fail badge.</summary>
    public static Html Verdict(bool pass, string? passText = null, string? failText = null) =>
        pass ? Html.Of($"""<span class="pass">{passText ?? "pass"}</span>""") : Html.Of($"""<span class="fail">{failText ?? "fail"}</span>""");

    public static string Plural(int n, string word) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? word : word + "s");

    /// <summary>A notice chosen by key from a fixed list (never the query text itself).</summary>
    public static Html Notice(HttpContext http, IReadOnlyDictionary<string, string> notices) =>
        http.Request.Query["notice"].ToString() is { Length: > 0 } key && notices.TryGetValue(key, out var text)
            ? Html.Of($"""<p class="notice">{text}</p>""")
            : Html.Empty;
}
