using System.Text.Json;
using Stackmark.Server.Auth;

namespace Stackmark.Server.Web;

/// <summary>
/// Waivers in the UI: the product page's list (state, scope, what it covers, expiry) with the grant and revoke forms for
/// foundation admins, and the result page's "compliant with waivers" line, shown beside the strict verdict, never
/// instead of it (<c>/v1/products/{id}/waivers</c> and the <c>waivers</c> field of <c>/compliance</c>).
/// </summary>
internal static class WaiverPages
{
    public static readonly IReadOnlyDictionary<string, string> Notices = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["waiver-granted"] = "Waiver granted.",
        ["waiver-revoked"] = "Waiver revoked.",
    };

    public static void Map(RouteGroupBuilder ui)
    {
        ui.MapPost("/products/{id}/waivers", GrantAsync);
        ui.MapPost("/products/{id}/waivers/{waiverId}/revoke", RevokeAsync);
    }

    /// <summary>The product page's waiver section; <paramref name="error"/> is shown above the grant form.</summary>
    public static async Task<Html> ProductSectionAsync(HttpContext http, ApiBridge api, string productId, string? error = null)
    {
        var reply = await api.GetAsync(http, "/v1/products/{id}/waivers", new Dictionary<string, string> { ["id"] = productId });
        if (!reply.Ok)
        {
            return Html.Empty;
        }

        var foundation = Caller.From(http.User)?.IsFoundation == true;
        var rows = reply.Json.Items().Select(w => Html.Of($"""
            <tr id="waiver-{w.Str("id")}">
            <td>{State(w)}</td>
            <td>{Scope(w)}</td>
            <td>{Covers(w)}</td>
            <td>{w.Str("reason")}</td>
            <td class="mono">{w.Str("expires")}</td>
            <td>{w.Str("granted_by")} <span class="mono">{w.Str("granted_at")}</span>{Html.If(w.Str("revoked_by") is not null, Html.Of($"<br>revoked by {w.Str("revoked_by")} <span class=\"mono\">{w.Str("revoked_at")}</span>"))}</td>
            {Html.If(foundation, Html.Of($"""<td>{(w.Str("state") == "revoked" ? Html.Empty : Html.Of($"<form method=\"post\" action=\"/products/{productId}/waivers/{w.Str("id")}/revoke\" class=\"inline\">{Ui.CsrfInput(http)}<button type=\"submit\" class=\"danger\">Revoke</button></form>"))}</td>"""))}
            </tr>
            """)).ToList();
        var grant = foundation
            ? Html.Of($"""
                <form method="post" action="/products/{productId}/waivers" class="card" id="waiver-form">
                {Ui.CsrfInput(http)}
                <h3>Grant a waiver</h3>
                {Html.If(error is not null, Html.Of($"<p class=\"error\" role=\"alert\">{error}</p>"))}
                <label>Guideline (empty: any) <input name="guideline" maxlength="64" placeholder="2020.06"></label>
                <label>Target (empty: any) <input name="target" maxlength="64" placeholder="platform"></label>
                <label>Capability (or tests below) <input name="capability" maxlength="128"></label>
                <label>Tests: names or idempotent ids, one a line <textarea name="tests"></textarea></label>
                <label>Reason <textarea name="reason" required></textarea></label>
                <label>Expires (last day it applies, UTC) <input name="expires" type="date" required></label>
                <button type="submit">Grant waiver</button>
                </form>
                """)
            : Html.Empty;
        return Html.Of($"""
            <h2>Waivers</h2>
            <p class="muted">Failing tests the foundation accepts for this product until a date. Result reports show them beside the strict verdict, which they never change.</p>
            {(rows.Count == 0
                ? Html.Of($"""<p class="muted">No waivers.</p>""")
                : Html.Of($"""<table class="waivers"><thead><tr><th>State</th><th>Scope</th><th>Covers</th><th>Reason</th><th>Expires</th><th>Granted</th>{Html.If(foundation, Html.Of($"<th></th>"))}</tr></thead><tbody>{rows}</tbody></table>"""))}
            {grant}
            """);
    }

    /// <summary>
    /// The result page's waiver block: the strict verdict restated, "compliant with waivers" on its own line, and each
    /// waiver in scope with its state and the failing tests it covers (or would cover, when expired or revoked).
    /// </summary>
    public static Html ReportSection(JsonElement waivers)
    {
        if (waivers.ValueKind != JsonValueKind.Object)
        {
            return Html.Empty;
        }

        var uncovered = waivers.Prop("uncovered").Items().ToList();
        var items = waivers.Prop("items").Items().Select(i =>
        {
            var w = i.Prop("waiver");
            var covers = i.Prop("covers").Items().Select(t => Html.Of($"<li><code>{t.Str("name")}</code> <span class=\"muted\">({t.Str("capability")}, {t.Str("status")})</span></li>")).ToList();
            var active = w.Str("state") == "active";
            return Html.Of($"""
                <li class="waiver {w.Str("state")}">{State(w)} {Scope(w)}, {Covers(w)}, expires {w.Str("expires")} — {w.Str("reason")}
                {(covers.Count == 0 ? Html.Of($"<br><span class=\"muted\">covers no failing test of this report</span>") : Html.Of($"<br>{(active ? "covers" : "would cover")}: <ul class=\"failing\">{covers}</ul>"))}</li>
                """);
        }).ToList();
        return Html.Of($"""
            <div class="card" id="waivers">
            <p id="waiver-verdict">Strict verdict: {Ui.Verdict(waivers.Bool("strict_compliant"), "compliant", "not compliant")} ·
            With the product's active waivers: {Ui.Verdict(waivers.Bool("compliant_with_waivers"), "compliant with waivers", "not compliant even with waivers")}</p>
            {Html.If(uncovered.Count > 0, Html.Of($"<p>Failing required tests no active waiver covers: {Html.Join(uncovered.Select(t => Html.Of($"<code>{t.Str("name")}</code> ")))}</p>"))}
            <ul class="waivers">{items}</ul>
            </div>
            """);
    }

    /// <summary>The (capability, test) pairs active waivers cover, to badge failing tests in the capability tables.</summary>
    public static HashSet<(string Capability, string Test)> ActivelyCovered(JsonElement waivers) =>
        [.. waivers.Prop("items").Items().Where(i => i.Prop("waiver").Str("state") == "active")
            .SelectMany(i => i.Prop("covers").Items().Select(t => (t.Str("capability") ?? "", t.Str("name") ?? "")))];

    private static Html State(JsonElement w) => w.Str("state") switch
    {
        "active" => Html.Of($"<span class=\"pass\">active</span>"),
        "expired" => Html.Of($"<span class=\"fail\">expired</span>"),
        _ => Html.Of($"<span class=\"badge\">revoked</span>"),
    };

    private static Html Scope(JsonElement w) =>
        Html.Of($"{w.Str("guideline") ?? "any guideline"} / {w.Str("target") ?? "any target"}");

    private static Html Covers(JsonElement w) => w.Str("capability") is { } cap
        ? Html.Of($"capability <code>{cap}</code>")
        : Html.Of($"tests {Html.Join(w.Prop("tests").Items().Select(t => Html.Of($"<code>{t.GetString()}</code> ")))}");

    private static async Task<IResult> GrantAsync(string id, HttpContext http, ApiBridge api)
    {
        if (!await Ui.CsrfValidAsync(http))
        {
            return Ui.CsrfRefused(http);
        }

        if (Caller.From(http.User) is null)
        {
            return TypedResults.Redirect($"/login?returnUrl=%2Fproducts%2F{Uri.EscapeDataString(id)}");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        string? Field(string name) => form[name].ToString().Trim() is { Length: > 0 } v ? v : null;
        var tests = form["tests"].ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var reply = await api.CallAsync(http, HttpMethods.Post, "/v1/products/{id}/waivers", new Dictionary<string, string> { ["id"] = id }, json: new Dictionary<string, object?>
        {
            ["guideline"] = Field("guideline"),
            ["target"] = Field("target"),
            ["capability"] = Field("capability"),
            ["tests"] = tests.Length == 0 ? null : tests,
            ["reason"] = Field("reason"),
            ["expires"] = Field("expires"),
        });
        return reply.Ok
            ? TypedResults.Redirect($"/products/{Uri.EscapeDataString(id)}?notice=waiver-granted")
            : await ProductPages.ProductPageAsync(id, http, api, reply.ErrorText, reply.Status);
    }

    private static async Task<IResult> RevokeAsync(string id, string waiverId, HttpContext http, ApiBridge api)
    {
        if (!await Ui.CsrfValidAsync(http))
        {
            return Ui.CsrfRefused(http);
        }

        if (Caller.From(http.User) is null)
        {
            return TypedResults.Redirect($"/login?returnUrl=%2Fproducts%2F{Uri.EscapeDataString(id)}");
        }

        var reply = await api.CallAsync(http, HttpMethods.Delete, "/v1/products/{id}/waivers/{waiverId}", new Dictionary<string, string> { ["id"] = id, ["waiverId"] = waiverId });
        return reply.Ok
            ? TypedResults.Redirect($"/products/{Uri.EscapeDataString(id)}?notice=waiver-revoked")
            : await ProductPages.ProductPageAsync(id, http, api, reply.ErrorText, reply.Status);
    }
}
