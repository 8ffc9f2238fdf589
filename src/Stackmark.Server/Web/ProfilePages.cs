using Stackmark.Server.Auth;

namespace Stackmark.Server.Web;

/// <summary>The signed-in user's profile: account facts, signing keys (list, import with self-signature, delete).</summary>
internal static class ProfilePages
{
    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["key-added"] = "Public key imported.",
        ["key-deleted"] = "Public key deleted.",
    };

    public static void Map(RouteGroupBuilder ui)
    {
        ui.MapGet("/profile", ShowAsync);
        ui.MapPost("/profile/keys", AddKeyAsync);
        ui.MapPost("/profile/keys/{keyId}/delete", DeleteKeyAsync);
    }

    private static async Task<IResult> ShowAsync(HttpContext http, ApiBridge api) =>
        Caller.From(http.User) is null ? TypedResults.Redirect("/login?returnUrl=%2Fprofile") : await RenderAsync(http, api, null, StatusCodes.Status200OK);

    private static async Task<IResult> RenderAsync(HttpContext http, ApiBridge api, string? error, int status)
    {
        var profile = await api.GetAsync(http, "/v1/profile");
        if (!profile.Ok)
        {
            return Ui.Error(http, "Profile", profile);
        }

        var keys = await api.GetAsync(http, "/v1/profile/pubkeys");
        var p = profile.Json;
        var keyRows = keys.Json.Items().Select(k => Html.Of($"""
            <tr>
            <td class="mono">{k.Str("fingerprint")}</td>
            <td>{k.Str("format")}</td>
            <td>{k.Str("comment")}</td>
            <td><form method="post" action="/profile/keys/{k.Str("id")}/delete" class="inline">{Ui.CsrfInput(http)}<button type="submit" class="danger">Delete</button></form></td>
            </tr>
            """)).ToList();
        var body = Html.Of($"""
            {Ui.Notice(http, Notices)}
            {Html.If(error is not null, Html.Of($"<p class=\"error\" role=\"alert\">{error}</p>"))}
            <dl class="facts card">
            <dt>User name</dt><dd id="username">{p.Str("openid")}</dd>
            <dt>Full name</dt><dd>{p.Str("fullname") ?? "—"}</dd>
            <dt>E-mail</dt><dd>{p.Str("email") ?? "—"}</dd>
            <dt>Role</dt><dd>{(p.Bool("is_admin") ? "foundation admin" : "user")}</dd>
            </dl>
            <p><a href="/results?mine=1">My uploaded results</a></p>
            <h2>Signing keys</h2>
            {(keyRows.Count == 0
                ? Html.Of($"""<p class="muted" id="no-keys">No keys yet: uploads signed with an unknown key are refused.</p>""")
                : Html.Of($"""<table class="keys"><thead><tr><th>SHA-256 fingerprint</th><th>Type</th><th>Comment</th><th></th></tr></thead><tbody>{keyRows}</tbody></table>"""))}
            <form method="post" action="/profile/keys" class="card">
            {Ui.CsrfInput(http)}
            <h2>Import a key</h2>
            <label>Public key (<code>ssh-rsa AAAA… comment</code>, RSA ≥ 2048 bits) <textarea name="raw_key" required></textarea></label>
            <label>Self-signature (hex RSA signature of the bytes <code>signature</code>, as <code>refstack-client sign</code> prints it) <textarea name="self_signature" required></textarea></label>
            <button type="submit">Import key</button>
            </form>
            """);
        return Ui.Page(http, "Profile", body, status);
    }

    private static async Task<IResult> AddKeyAsync(HttpContext http, ApiBridge api)
    {
        if (!await Ui.CsrfValidAsync(http))
        {
            return Ui.CsrfRefused(http);
        }

        if (Caller.From(http.User) is null)
        {
            return TypedResults.Redirect("/login?returnUrl=%2Fprofile");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var reply = await api.CallAsync(http, HttpMethods.Post, "/v1/profile/pubkeys", json: new Dictionary<string, string>
        {
            ["raw_key"] = form["raw_key"].ToString(),
            ["self_signature"] = form["self_signature"].ToString().Trim(),
        });
        return reply.Ok ? TypedResults.Redirect("/profile?notice=key-added") : await RenderAsync(http, api, reply.ErrorText, reply.Status);
    }

    private static async Task<IResult> DeleteKeyAsync(string keyId, HttpContext http, ApiBridge api)
    {
        if (!await Ui.CsrfValidAsync(http))
        {
            return Ui.CsrfRefused(http);
        }

        if (Caller.From(http.User) is null)
        {
            return TypedResults.Redirect("/login?returnUrl=%2Fprofile");
        }

        var reply = await api.CallAsync(http, HttpMethods.Delete, "/v1/profile/pubkeys/{id}", new Dictionary<string, string> { ["id"] = keyId });
        return reply.Ok ? TypedResults.Redirect("/profile?notice=key-deleted") : await RenderAsync(http, api, reply.ErrorText, reply.Status);
    }
}
