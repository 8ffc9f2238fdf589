using System.Text.Json;

namespace Stackmark.Server.Web;

/// <summary>
/// Products: the list, and one product with its versions, its declared configuration (regions, how each runs
/// instances, guest operating systems), the vendor's attestations that it runs designated sections and, per region, the programs its verified results pass
/// (<c>GET /v1/products/{id}/programs</c>: the verdicts stored at verification, never recomputed here).
/// </summary>
internal static class ProductPages
{
    private static readonly string[] ProductTypes = ["distribution", "public cloud", "hosted private cloud"];

    public static void Map(RouteGroupBuilder ui)
    {
        ui.MapGet("/products", ProductsAsync);
        ui.MapGet("/products/{id}", ProductAsync);
    }

    /// <summary>A table of products (name, type, visibility, description), or a note when there are none.</summary>
    public static Html ProductTable(IEnumerable<JsonElement> products)
    {
        var rows = products.Select(p => Html.Of($"""
            <tr><td><a href="/products/{p.Str("id")}">{p.Str("name")}</a></td><td>{ProductType(p)}</td><td>{(p.Bool("public") ? "public" : "private")}</td><td>{p.Str("description")}</td></tr>
            """)).ToList();
        return rows.Count == 0
            ? Html.Of($"""<p class="muted">No products to show.</p>""")
            : Html.Of($"""<table class="products"><thead><tr><th>Product</th><th>Type</th><th>Visibility</th><th>Description</th></tr></thead><tbody>{rows}</tbody></table>""");
    }

    private static async Task<IResult> ProductsAsync(HttpContext http, ApiBridge api)
    {
        var reply = await api.GetAsync(http, "/v1/products");
        return reply.Ok ? Ui.Page(http, "Products", ProductTable(reply.Json.Prop("products").Items())) : Ui.Error(http, "Products", reply);
    }

    private static Task<IResult> ProductAsync(string id, HttpContext http, ApiBridge api) => ProductPageAsync(id, http, api, null, StatusCodes.Status200OK);

    /// <summary>A product page; <paramref name="waiverError"/> is a refused waiver form's message, shown with <paramref name="status"/>.</summary>
    public static async Task<IResult> ProductPageAsync(string id, HttpContext http, ApiBridge api, string? waiverError, int status)
    {
        var route = new Dictionary<string, string> { ["id"] = id };
        var reply = await api.GetAsync(http, "/v1/products/{id}", route);
        if (!reply.Ok)
        {
            return Ui.Error(http, "Product", reply);
        }

        var p = reply.Json;
        var versions = await api.GetAsync(http, "/v1/products/{id}/versions", route);
        var programs = await api.GetAsync(http, "/v1/products/{id}/programs", route);
        var results = await api.GetAsync(http, "/v1/results", query: new Dictionary<string, string?> { ["product_id"] = id });
        var vendor = await api.GetAsync(http, "/v1/vendors/{id}", new Dictionary<string, string> { ["id"] = p.Str("organization_id") ?? "" });
        var waivers = await WaiverPages.ProductSectionAsync(http, api, id, waiverError);
        var attestations = await api.GetAsync(http, "/v1/products/{id}/attestations", route);
        var body = Html.Of($"""
            <dl class="facts card">
            <dt>Vendor</dt><dd>{(vendor.Ok ? Html.Of($"<a href=\"/vendors/{p.Str("organization_id")}\">{vendor.Json.Str("name")}</a>") : Html.Of($"<span class=\"muted\">private</span>"))}</dd>
            <dt>Type</dt><dd>{ProductType(p)}</dd>
            <dt>Visibility</dt><dd>{(p.Bool("public") ? "public" : "private")}</dd>
            <dt>Description</dt><dd>{p.Str("description") ?? "—"}</dd>
            </dl>
            <h2>Declared configuration</h2>
            {Configuration(p.Prop("regions"), programs, http.RequestServices.GetService<RegistryOptions>()?.RegionRules ?? Stackmark.Regions.RegionRules.Default)}
            <h2>Designated sections</h2>
            {Attestations(attestations)}
            <h2>Versions</h2>
            {(versions.Ok
                ? Html.Of($"""<table class="versions"><thead><tr><th>Version</th><th>Cloud provider id</th></tr></thead><tbody>{versions.Json.Items().Select(x => Html.Of($"<tr><td>{x.Str("version") ?? "(default)"}</td><td class=\"mono\">{x.Str("cpid")}</td></tr>"))}</tbody></table>""")
                : Html.Of($"<p class=\"error\">{versions.ErrorText}</p>"))}
            <h2>Results linked to this product</h2>
            {(results.Ok && results.Json.Prop("results").Items().Any()
                ? Html.Of($"""<ul>{results.Json.Prop("results").Items().Select(r => Html.Of($"<li><a class=\"mono\" href=\"/results/{r.Str("id")}\">{r.Str("id")}</a> {r.Str("created_at")} {Html.If(r.Prop("meta").Str("region") is not null, Html.Of($"<span class=\"badge\">{r.Prop("meta").Str("region")}</span> "))}{(r.Int("verification_status") == 1 ? Html.Of($"<span class=\"pass\">verified</span>") : Html.Of($"<span class=\"muted\">not verified</span>"))}</li>"))}</ul>""")
                : Html.Of($"<p class=\"muted\">None that you may see.</p>"))}
            {waivers}
            """);
        return Ui.Page(http, $"Product {p.Str("name")}", Html.Of($"{Ui.Notice(http, WaiverPages.Notices)}{body}"), status);
    }

    /// <summary>The declared regions, each with the programs its verified results pass, and what was left out.</summary>
    private static Html Configuration(JsonElement regions, ApiReply programs, Stackmark.Regions.RegionRules rules)
    {
        var declared = regions.Items().ToList();
        // The programs whose region rule the declaration does not meet: their results cannot be verified (ResultsApi.Update).
        var asDeclared = declared.Select(r => new Stackmark.Regions.DeclaredRegion(r.Str("name") ?? "", r.Str("kind") ?? "", r.Str("runtime"), [.. r.Prop("guest_os").Items().Select(g => g.GetString() ?? "")])).ToList();
        var unmet = new[] { "platform", "compute" }.Select(t => rules.WhyNot(t, asDeclared)).OfType<string>().ToList();
        static Html Unmet(string why) => Html.Of($"""<li>{why}</li>""");
        var passed = programs.Ok
            ? programs.Json.Prop("regions").Items().ToDictionary(r => r.Str("region") ?? "", r => r.Prop("programs"), StringComparer.Ordinal)
            : [];
        var rows = declared.Select(r => Html.Of($"""
            <tr data-region="{r.Str("name")}">
            <td><strong>{r.Str("name")}</strong></td>
            <td>{r.Str("kind")}{Html.If(r.Str("runtime") is not null, Html.Of($": {r.Str("runtime")}"))}</td>
            <td>{(r.Prop("guest_os").Items().Any()
                ? Html.Of($"<ul class=\"plain\">{r.Prop("guest_os").Items().Select(g => Html.Of($"<li>{g.GetString()}</li>"))}</ul>")
                : Html.Of($"<span class=\"muted\">none declared</span>"))}</td>
            <td class="programs">{ProgramList(passed.GetValueOrDefault(r.Str("name") ?? ""))}</td>
            </tr>
            """)).ToList();
        var unassigned = programs.Ok ? programs.Json.Prop("unassigned") : default;
        var unverified = programs.Ok ? programs.Json.Int("unverified_results") : 0;
        var notCompliant = programs.Ok ? programs.Json.Int("verified_not_compliant") : 0;
        var notValid = programs.Ok ? programs.Json.Int("verified_not_valid") : 0;
        return Html.Of($"""
            <p class="muted">Declared by the vendor, not measured. The programs of a region are those that results verified by the foundation pass,
            with the verdict stored when they were verified.</p>
            {(rows.Count == 0
                ? Html.Of($"""<p class="muted" id="no-regions">The vendor has declared no regions.</p>""")
                : Html.Of($"""
                    <table class="regions">
                    <thead><tr><th>Region</th><th>Runs instances on</th><th>Guest operating systems</th><th>Programs passed (verified results)</th></tr></thead>
                    <tbody>{rows}</tbody>
                    </table>
                    """))}
            {Html.If(unmet.Count > 0, Html.Of($"""<div class="card warnings" id="region-warnings"><h3>Results of this product cannot be verified for these programs yet</h3><ul>{unmet.Select(Unmet).ToList()}</ul></div>"""))}
            {Html.If(unassigned.Items().Any(), Html.Of($"""<div class="card" id="unassigned"><h3>Verified results that name no declared region</h3>{ProgramList(unassigned)}</div>"""))}
            {(programs.Ok
                ? Html.Of($"""<p class="notice" id="unverified-note">Unverified results are not counted here{(unverified == 0 ? Html.Empty : Html.Of($": {Ui.Plural(unverified, "linked result")} awaiting verification {(unverified == 1 ? "is" : "are")} left out"))}.{Html.If(notCompliant > 0, Html.Of($" {Ui.Plural(notCompliant, "verified result")} did not pass {(notCompliant == 1 ? "its program" : "their programs")}."))}{Html.If(notValid > 0, Html.Of($" {Ui.Plural(notValid, "verified result")} passed a guideline that was not valid for certification when verified, and {(notValid == 1 ? "is" : "are")} left out."))}</p>""")
                : Html.Of($"""<p class="error">Programs unavailable: {programs.ErrorText}</p>"""))}
            """);
    }

    /// <summary>The guidelines whose designated sections the vendor attests the product runs: who and when.</summary>
    private static Html Attestations(ApiReply attestations)
    {
        if (!attestations.Ok)
        {
            return Html.Of($"""<p class="error">Attestations unavailable: {attestations.ErrorText}</p>""");
        }

        var rows = attestations.Json.Items().Select(a => Html.Of($"""
            <tr data-guideline="{a.Str("guideline")}"><td><a href="/guidelines/{a.Str("guideline")}#designated-sections">{a.Str("guideline")}</a></td><td>{a.Str("attested_by") ?? "(deleted account)"}</td><td class="mono">{a.Str("attested_at")}</td></tr>
            """)).ToList();
        return Html.Of($"""
            <p class="muted">The vendor attests that the product runs the code each guideline designates (results cannot show it);
            the foundation verifies a result only for a guideline the product attests to.</p>
            {(rows.Count == 0
                ? Html.Of($"""<p class="muted" id="no-attestations">The vendor has attested to no guideline's designated sections.</p>""")
                : Html.Of($"""<table class="attestations"><thead><tr><th>Guideline</th><th>Attested by</th><th>Attested at (UTC)</th></tr></thead><tbody>{rows}</tbody></table>"""))}
            """);
    }

    private static Html ProgramList(JsonElement programs)
    {
        var items = programs.Items().Select(p =>
        {
            var results = p.Prop("results").Items().ToList();
            return Html.Of($"""
                <li class="program"><span class="pass">{p.Str("guideline")} {p.Str("program")}</span>
                {results.Select((r, i) => Html.Of($"""{(i == 0 ? Html.Empty : Html.Of($", "))}<a href="/results/{r.Str("id")}" title="verified {r.Str("verified_at")}">{(r.Str("version") is { } v ? $"version {v}" : "result")}</a>"""))}</li>
                """);
        }).ToList();
        return items.Count == 0 ? Html.Of($"""<span class="muted">none yet</span>""") : Html.Of($"""<ul class="plain">{items}</ul>""");
    }

    private static string ProductType(JsonElement p) => p.Int("product_type") is var t && t >= 0 && t < ProductTypes.Length ? ProductTypes[t] : "?";
}
