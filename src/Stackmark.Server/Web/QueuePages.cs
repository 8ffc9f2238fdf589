using System.Text.Json;
using Stackmark.Server.Auth;

namespace Stackmark.Server.Web;

/// <summary>
/// The foundation's verification queue (<c>GET /v1/results/queue</c>): results linked to a product version and not
/// verified, oldest first, with their stored compliance and a verify button (the CSRF-protected
/// <c>POST /results/{id}/verify</c>, which comes back here). Others get the API's refusal (403), anonymous visitors the
/// sign-in page.
/// </summary>
internal static class QueuePages
{
    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["verified"] = "Result verified.",
    };

    public static void Map(RouteGroupBuilder ui) => ui.MapGet("/verification", QueueAsync);

    private static async Task<IResult> QueueAsync(HttpContext http, ApiBridge api, string? cursor)
    {
        if (Caller.From(http.User) is null)
        {
            return TypedResults.Redirect("/login?returnUrl=%2Fverification");
        }

        var reply = await api.GetAsync(http, "/v1/results/queue", query: new Dictionary<string, string?> { ["cursor"] = cursor });
        if (!reply.Ok)
        {
            return Ui.Error(http, "Verification queue", reply);
        }

        var page = reply.Json;
        var rows = page.Prop("results").Items().Select(r => Row(http, r)).ToList();
        var next = page.Str("next_cursor");
        var total = page.Int("total");
        var body = Html.Of($"""
            {Ui.Notice(http, Notices)}
            <p id="queue-total">{Ui.Plural(total, "result")} linked to a product {(total == 1 ? "awaits" : "await")} verification, oldest first.
            Verifying records you as verifier and stores the verdict shown here for the result's guideline and target.</p>
            {(rows.Count == 0
                ? Html.Of($"""<p class="muted" id="queue-empty">Nothing to verify.</p>""")
                : Html.Of($"""
                    <table class="queue">
                    <thead><tr><th>Uploaded (UTC)</th><th>Result</th><th>Product</th><th>Region</th><th>Compliance</th><th>Ready</th><th></th></tr></thead>
                    <tbody>{rows}</tbody>
                    </table>
                    """))}
            <div class="pager">{Html.If(cursor is not null, Html.Of($"""<a href="/verification">← Oldest</a>"""))}{(next is null ? Html.Empty : Html.Of($"""<a rel="next" href="/verification?cursor={Uri.EscapeDataString(next)}">Newer results →</a>"""))}</div>
            """);
        return Ui.Page(http, "Verification queue", body);
    }

    private static Html Row(HttpContext http, JsonElement r)
    {
        var id = r.Str("id");
        var meta = r.Prop("meta");
        var pv = r.Prop("product_version");
        var info = pv.Prop("product_info");
        var compliance = r.Prop("compliance");
        var missing = r.Prop("missing_meta").Items().Select(m => m.GetString()).ToList();
        var verdict = compliance.ValueKind == JsonValueKind.Object
            ? Html.Of($"""{Ui.Verdict(compliance.Bool("compliant"), "compliant", "not compliant")} {compliance.Str("guideline")} {compliance.Str("program")}""")
            : Html.Of($"""<span class="muted">{r.Str("compliance_error")}</span>""");
        var action = missing.Count == 0
            ? Html.Of($"""
                <form method="post" action="/results/{id}/verify" class="inline">
                {Ui.CsrfInput(http)}
                <input type="hidden" name="action" value="verify">
                <input type="hidden" name="back" value="queue">
                <button type="submit" class="verify">Verify</button>
                </form>
                """)
            : Html.Of($"""<span class="muted">cannot verify yet</span>""");
        return Html.Of($"""
            <tr data-result="{id}">
            <td class="mono when">{r.Str("created_at")}</td>
            <td><a class="mono" href="/results/{id}">{id}</a>{Html.If(meta.Str("user") is not null, Html.Of($"<br><span class=\"muted\">by {meta.Str("user")}</span>"))}</td>
            <td>{(pv.ValueKind == JsonValueKind.Object ? Html.Of($"<a href=\"/products/{info.Str("id")}\">{info.Str("name")}</a> {pv.Str("version")}") : Html.Empty)}</td>
            <td>{meta.Str("region") ?? "—"}</td>
            <td class="compliance">{verdict}</td>
            <td>{(missing.Count == 0 ? Html.Of($"ready") : Html.Of($"<span class=\"muted\">missing meta: {string.Join(", ", missing)}</span>"))}</td>
            <td>{action}</td>
            </tr>
            """);
    }
}
