using System.Text.Json;
using Stackmark.Guidelines;
using Stackmark.Server.Guidelines;

namespace Stackmark.Server.Web;

/// <summary>The guidelines browser (programs, capabilities by status, test lists) and vendors; products are <see cref="ProductPages"/>.</summary>
internal static class CatalogPages
{
    private static readonly string[] VendorTypes = ["foundation", "private", "pending", "official"];

    public static void Map(RouteGroupBuilder ui)
    {
        ui.MapGet("/guidelines", GuidelinesAsync);
        ui.MapGet("/guidelines/{file}", GuidelineAsync);
        ui.MapGet("/vendors", VendorsAsync);
        ui.MapGet("/vendors/{id}", VendorAsync);
    }

    private static async Task<IResult> GuidelinesAsync(HttpContext http, ApiBridge api)
    {
        var reply = await api.GetAsync(http, "/v1/guidelines");
        if (!reply.Ok)
        {
            return Ui.Error(http, "Guidelines", reply);
        }

        var programs = reply.Json.EnumerateObject().Select(p => Html.Of($"""
            <div class="card">
            <h2>{(p.Name == "powered" ? "OpenStack Powered (core)" : "Add-on: " + p.Name)}</h2>
            <ul>{p.Value.Items().Select(e => (e.Str("file") ?? "").Replace(".json", "", StringComparison.Ordinal)).Select(f => Html.Of($"""<li><a href="/guidelines/{f}">{f}</a></li>"""))}</ul>
            </div>
            """));
        return Ui.Page(http, "Guidelines", Html.Of($"{programs}"));
    }

    private static async Task<IResult> GuidelineAsync(string file, HttpContext http, GuidelineCatalog catalog, string? target)
    {
        if (!GuidelineId.TryParse(file, out var id))
        {
            return Ui.Page(http, "Guideline", Html.Of($"""<p class="error">'{file}' is not a guideline version (YYYY.MM, next or ADDON.YYYY.MM).</p>"""), StatusCodes.Status400BadRequest);
        }

        Guideline? g;
        string? error;
        try
        {
            (g, error) = await catalog.LoadAsync(id, http.RequestAborted);
        }
        catch (GuidelineSourceException e)
        {
            return Ui.Page(http, $"Guideline {id}", Html.Of($"""<p class="error">Guideline source unavailable: {e.Message}</p>"""), StatusCodes.Status502BadGateway);
        }

        if (g is null)
        {
            return Ui.Page(http, $"Guideline {id}", Html.Of($"""<p class="error">{error ?? $"Guideline {id} is not in the guideline source."}</p>"""), error is null ? StatusCodes.Status404NotFound : StatusCodes.Status500InternalServerError);
        }

        var selected = g.FindTarget(target ?? "") ?? g.FindTarget("platform") ?? g.Targets.FirstOrDefault();
        var m = g.Metadata;
        var programs = g.Targets.Select(t => Html.Of($"""
            <tr><td>{(t == selected ? Html.Of($"<strong>{t.Name}</strong>") : Html.Of($"<a href=\"/guidelines/{id}?target={t.Key}\">{t.Name}</a>"))}</td><td><code>{t.Key}</code></td><td>{t.Description}</td></tr>
            """));
        var body = Html.Of($"""
            <dl class="facts card">
            <dt>Status</dt><dd>{m.Status}</dd>
            <dt>Schema</dt><dd>{g.Schema}</dd>
            {Html.If(m.Releases.Count > 0, Html.Of($"<dt>Releases</dt><dd>{string.Join(", ", m.Releases)}</dd>"))}
            {Html.If(m.Replaces is not null, Html.Of($"<dt>Replaces</dt><dd>{m.Replaces}</dd>"))}
            {Html.If(m.CutoffScore is not null, Html.Of($"<dt>Cut-off score</dt><dd>{m.CutoffScore}</dd>"))}
            <dt>File</dt><dd><a href="/v1/guidelines/{id}.json">{id}.json</a></dd>
            </dl>
            <h2>Programs</h2>
            <table class="programs"><thead><tr><th>Program</th><th>Target</th><th>Description</th></tr></thead><tbody>{programs}</tbody></table>
            {(selected is null ? Html.Empty : TargetSection(g, id, selected))}
            """);
        return Ui.Page(http, $"Guideline {id}", body);
    }

    private static Html TargetSection(Guideline g, GuidelineId id, Target target)
    {
        var caps = g.CapabilitiesOf(target.Key);
        var sections = CapabilityStatuses.All.Select(status =>
        {
            var these = caps.Where(c => c.Status == status).ToList();
            if (these.Count == 0)
            {
                return Html.Empty;
            }

            var rows = these.Select(c => Html.Of($"""
                <tr>
                <td><code>{c.Id.Value}</code></td>
                <td>{c.Definition?.Description}</td>
                <td class="num">{c.Tests.Count}</td>
                <td class="num">{c.Tests.Count(t => t.IsFlagged)}</td>
                <td><details><summary>tests</summary><ul class="failing">{c.Tests.Select(t => Html.Of($"""<li><code>{t.Name.Value}</code>{Html.If(t.Flag is not null, Html.Of($" <span class=\"badge\">flagged: {t.Flag?.Reason}</span>"))}</li>"""))}</ul></details></td>
                </tr>
                """));
            return Html.Of($"""
                <h2>{status.ToWord()} ({these.Count})</h2>
                <table class="capabilities"><thead><tr><th>Capability</th><th>Description</th><th class="num">Tests</th><th class="num">Flagged</th><th>Test list</th></tr></thead><tbody>{rows}</tbody></table>
                """);
        });
        var required = g.TestListLines(new TestListQuery(target.Key, [CapabilityStatus.Required], IncludeFlagged: false, IncludeAliases: false));
        var file = id.ToString();
        return Html.Of($"""
            <h2 id="target">{target.Name} (<code>{target.Key}</code>)</h2>
            <p>Test lists: <a href="/v1/guidelines/{file}/tests?target={target.Key}&type=required&flag=false">required, unflagged</a> ·
            <a href="/v1/guidelines/{file}/tests?target={target.Key}&type=required">required with flagged</a> ·
            <a href="/v1/guidelines/{file}/tests?target={target.Key}">every status</a></p>
            {sections}
            {DesignatedSections(g, target)}
            <details><summary>Required test list ({required.Count} tests)</summary><pre class="tests">{string.Join('\n', required)}</pre></details>
            """);
    }

    // Per component and status, as the guideline applies them to the target (GuidelineQueries.SectionsOf).
    private static Html DesignatedSections(Guideline g, Target target)
    {
        var applied = g.SectionsOf(target.Key);
        if (applied.Count == 0)
        {
            return Html.Empty;
        }

        static Html Names(IEnumerable<CodeSection> sections) =>
            Html.Join(sections.Select(s => Html.Of($"""<li><code>{s.Name}</code>{Html.If(s.Description is not null, Html.Of($" — {s.Description}"))}</li>""")));
        var rows = applied.Select(s => Html.Of($"""
            <tr>
            <td><code>{s.Component}</code></td>
            <td>{s.Status.ToWord()}</td>
            <td>{s.Project}</td>
            <td>{s.Section.Guidance}</td>
            <td><ul class="designated">{Names(s.Section.Designated)}</ul></td>
            <td><ul class="not-designated">{Names(s.Section.NotDesignated)}</ul></td>
            </tr>
            """));
        return Html.Of($"""
            <h2 id="designated-sections">Designated sections</h2>
            <p class="muted">Code a product of this program must run; the vendor attests to it per guideline on the product's page.</p>
            <table class="sections"><thead><tr><th>Component</th><th>Status</th><th>Project</th><th>Guidance</th><th>Designated</th><th>Not designated</th></tr></thead><tbody>{rows}</tbody></table>
            """);
    }

    private static async Task<IResult> VendorsAsync(HttpContext http, ApiBridge api)
    {
        var reply = await api.GetAsync(http, "/v1/vendors");
        if (!reply.Ok)
        {
            return Ui.Error(http, "Vendors", reply);
        }

        var rows = reply.Json.Prop("vendors").Items().Select(v => Html.Of($"""
            <tr><td><a href="/vendors/{v.Str("id")}">{v.Str("name")}</a></td><td>{VendorType(v)}</td><td>{v.Str("description")}</td><td>{Html.If(v.Bool("can_manage"), Html.Of($"<span class=\"badge\">you manage it</span>"))}</td></tr>
            """)).ToList();
        return Ui.Page(http, "Vendors", rows.Count == 0
            ? Html.Of($"""<p class="muted">No vendors to show.</p>""")
            : Html.Of($"""<table class="vendors"><thead><tr><th>Vendor</th><th>Type</th><th>Description</th><th></th></tr></thead><tbody>{rows}</tbody></table>"""));
    }

    private static async Task<IResult> VendorAsync(string id, HttpContext http, ApiBridge api)
    {
        var route = new Dictionary<string, string> { ["id"] = id };
        var reply = await api.GetAsync(http, "/v1/vendors/{id}", route);
        if (!reply.Ok)
        {
            return Ui.Error(http, "Vendor", reply);
        }

        var v = reply.Json;
        var products = await api.GetAsync(http, "/v1/products", query: new Dictionary<string, string?> { ["organization_id"] = id });
        var admins = v.Bool("can_manage") ? await api.GetAsync(http, "/v1/vendors/{id}/users", route) : null;
        var body = Html.Of($"""
            <dl class="facts card">
            <dt>Type</dt><dd>{VendorType(v)}</dd>
            <dt>Description</dt><dd>{v.Str("description") ?? "—"}</dd>
            <dt>Created (UTC)</dt><dd class="mono">{v.Str("created_at")}</dd>
            {Html.If(v.Str("registration_decline_reason") is not null, Html.Of($"<dt>Registration declined</dt><dd>{v.Str("registration_decline_reason")}</dd>"))}
            </dl>
            {(admins is { Ok: true } a ? Html.Of($"<h2>Administrators</h2><ul>{a.Json.Items().Select(u => Html.Of($"<li>{u.Str("openid")}{Html.If(u.Str("fullname") is not null, Html.Of($" ({u.Str("fullname")})"))}</li>"))}</ul>") : Html.Empty)}
            <h2>Products</h2>
            {ProductPages.ProductTable(products.Ok ? products.Json.Prop("products").Items() : [])}
            """);
        return Ui.Page(http, $"Vendor {v.Str("name")}", body);
    }

    private static string VendorType(JsonElement v) => v.Int("type") is var t && t >= 0 && t < VendorTypes.Length ? VendorTypes[t] : "?";
}
