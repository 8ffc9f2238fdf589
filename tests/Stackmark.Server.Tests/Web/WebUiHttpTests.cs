using System.Net;
using System.Text.RegularExpressions;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Web;

/// <summary>The web UI over plain HTTP (no browser): cookie attributes, CSRF refusals, the cookie/Bearer split, access rules.</summary>
public sealed partial class WebUiHttpTests(WebRegistry registry) : IClassFixture<WebRegistry>
{
    private HttpClient NewBrowserLikeClient(out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = registry.BaseUrl };
    }

    private static async Task<string> CsrfTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        return CsrfField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new Xunit.Sdk.XunitException("no antiforgery field on " + path);
    }

    private static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string user, string password, string? token, string returnUrl = "/results")
    {
        var fields = new Dictionary<string, string> { ["username"] = user, ["password"] = password, ["returnUrl"] = returnUrl };
        if (token is not null)
        {
            fields["__csrf"] = token;
        }

        return await client.PostAsync("/login", new FormUrlEncodedContent(fields));
    }

    [SkippableFact]
    public async Task Pages_render_as_html_with_security_headers()
    {
        registry.RequireServer();
        foreach (var path in new[] { "/results", "/guidelines", "/guidelines/2020.06", "/vendors", "/products", "/login" })
        {
            using var response = await registry.Http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }

        var guideline = await registry.Http.GetStringAsync("/guidelines/2020.06?target=object");
        Assert.Contains("objectstore-", guideline, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Login_sets_an_httponly_samesite_lax_session_cookie_that_the_api_ignores_while_bearer_tokens_keep_working()
    {
        registry.RequireServer();
        using var client = NewBrowserLikeClient(out _);
        using var login = await LoginAsync(client, "admin", RegistryFixture.AdminPassword, await CsrfTokenAsync(client, "/login"), "/profile");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/profile", login.Headers.Location?.OriginalString);
        var session = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("stackmark.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);

        var profile = await client.GetStringAsync("/profile");
        Assert.Contains("<dd id=\"username\">admin</dd>", profile, StringComparison.Ordinal);

        // The cookie does not authenticate the API (so the API needs no CSRF defence); a Bearer token does.
        using var api = await client.GetAsync("/v1/profile");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        using var bearer = await registry.SendAsync(HttpMethod.Get, "/v1/profile", await registry.AdminTokenAsync());
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
    }

    [SkippableFact]
    public async Task Forms_without_the_antiforgery_token_are_refused_and_bad_passwords_and_foreign_return_urls_get_nowhere()
    {
        registry.RequireServer();
        using var client = NewBrowserLikeClient(out _);
        using var noToken = await LoginAsync(client, "admin", RegistryFixture.AdminPassword, token: null);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.DoesNotContain(noToken.Headers.TryGetValues("Set-Cookie", out var c1) ? c1 : [], v => v.StartsWith("stackmark.session=", StringComparison.Ordinal));

        using var wrong = await LoginAsync(client, "admin", "not the password", await CsrfTokenAsync(client, "/login"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("wrong password", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var foreign = await LoginAsync(client, "admin", RegistryFixture.AdminPassword, await CsrfTokenAsync(client, "/login"), "//evil.example/");
        Assert.Equal("/results", foreign.Headers.Location?.OriginalString);

        using var logout = await client.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/profile")).StatusCode);
    }

    [SkippableFact]
    public async Task Private_results_vendors_and_products_stay_private_on_pages()
    {
        registry.RequireServer();
        var scene = await Scene.CreateAsync(registry);
        var result = await scene.NewResultAsync(scene.KeyA);
        var (product, _) = await scene.NewProductAsync(scene.VendorA);

        Assert.Equal(HttpStatusCode.Unauthorized, (await registry.Http.GetAsync($"/results/{result}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await registry.Http.GetAsync($"/vendors/{scene.VendorA}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await registry.Http.GetAsync($"/products/{product}")).StatusCode);
        Assert.DoesNotContain(result, await registry.Http.GetStringAsync("/results"), StringComparison.Ordinal);

        using var other = NewBrowserLikeClient(out _);
        await LoginAsync(other, scene.UserName, "a long enough password", await CsrfTokenAsync(other, "/login"));
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/results/{result}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/vendors/{scene.VendorA}")).StatusCode);

        using var owner = NewBrowserLikeClient(out _);
        await LoginAsync(owner, scene.AdminAName, "a long enough password", await CsrfTokenAsync(owner, "/login"));
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/results/{result}")).StatusCode);
        Assert.Contains(result, await owner.GetStringAsync("/results?mine=1"), StringComparison.Ordinal);
        Assert.Contains("made by a test", await owner.GetStringAsync($"/vendors/{scene.VendorA}"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_verification_queue_is_the_foundations_and_declared_regions_render_as_text()
    {
        registry.RequireServer();
        var scene = await Scene.CreateAsync(registry);
        using var visitor = NewBrowserLikeClient(out _);
        using var anonymous = await visitor.GetAsync("/verification");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/login?returnUrl=%2Fverification", anonymous.Headers.Location?.OriginalString);

        using var user = NewBrowserLikeClient(out _);
        await LoginAsync(user, scene.UserName, "a long enough password", await CsrfTokenAsync(user, "/login"));
        using var refused = await user.GetAsync("/verification");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("Verification queue</a>", await user.GetStringAsync("/results"), StringComparison.Ordinal);

        using var foundation = NewBrowserLikeClient(out _);
        await LoginAsync(foundation, "admin", RegistryFixture.AdminPassword, await CsrfTokenAsync(foundation, "/login"));
        var queue = await foundation.GetStringAsync("/verification");
        Assert.Contains("<h1>Verification queue</h1>", queue, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/verification\">Verification queue</a>", queue, StringComparison.Ordinal);

        var (product, _) = await scene.NewProductAsync(scene.VendorA, isPublic: true);
        await scene.DeclareRegionsAsync(product, ("<b>evil</b>", "hypervisor", "<i>KVM</i>", ["<script>alert(1)</script>"]));
        var page = await registry.Http.GetStringAsync($"/products/{product}");
        Assert.Contains("data-region=\"&lt;b&gt;evil&lt;/b&gt;\"", page, StringComparison.Ordinal);
        Assert.Contains("hypervisor: &lt;i&gt;KVM&lt;/i&gt;", page, StringComparison.Ordinal);
        Assert.Contains("<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>evil</b>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Governance_forms_without_the_antiforgery_token_change_nothing()
    {
        registry.RequireServer();
        var scene = await Scene.CreateAsync(registry);
        var guideline = await scene.NewWorksheetAsync();
        var flag = await scene.NewFlagProposalAsync();
        var (product, _) = await scene.NewProductAsync(scene.VendorA, isPublic: true);
        using var admin = NewBrowserLikeClient(out _);
        await LoginAsync(admin, "admin", RegistryFixture.AdminPassword, await CsrfTokenAsync(admin, "/login"));

        var forms = new (string Path, Dictionary<string, string> Fields)[]
        {
            ($"/scoring/{guideline}/capabilities/compute-flavors-list", new() { ["c0"] = "0", ["non_admin"] = "1" }),
            ("/scoring/import", new() { ["guideline"] = guideline, ["text"] = "x: [1,1,1] [1,1,1] [1,1,1] [1,1,1] [1] [0]\n" }),
            ("/flags", new() { ["guideline"] = "2019.11", ["test"] = Governance.FlavorsTest, ["reason"] = "D404", ["rationale"] = "r" }),
            ($"/flags/{flag}/decide", new() { ["action"] = "approve" }),
            ($"/products/{product}/waivers", new() { ["tests"] = "t", ["reason"] = "r", ["expires"] = "2099-01-01" }),
        };
        foreach (var (path, fields) in forms)
        {
            using var response = await admin.PostAsync(path, new FormUrlEncodedContent(fields));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode}");
        }

        Assert.Equal(1, (await scene.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/scoring/{guideline}", null)).Body.GetProperty("revision").GetInt32());
        Assert.Equal("proposed", (await scene.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/flags/{flag}", null)).Str("status"));
        Assert.Equal(0, (await scene.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/products/{product}/waivers", null)).Body.GetArrayLength());

        // With the token, the same session's edit goes through and lands in the history.
        var token = await CsrfTokenAsync(admin, $"/scoring/{guideline}/capabilities/compute-flavors-list");
        var edit = Enumerable.Range(0, 12).ToDictionary(i => $"c{i}", i => "111111110010"[i].ToString());
        edit["c0"] = "0";
        edit["non_admin"] = "1";
        edit["comment"] = "from the form";
        edit["revision"] = "1";
        edit["__csrf"] = token;
        using var saved = await admin.PostAsync($"/scoring/{guideline}/capabilities/compute-flavors-list", new FormUrlEncodedContent(edit));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/scoring/{guideline}?notice=saved#history", saved.Headers.Location?.OriginalString);
        Assert.Equal("from the form", (await scene.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/scoring/{guideline}/history", null)).Body[0].GetProperty("comment").GetString());

        // The same form again is stale (revision 1 was read): the page says so with 409, nothing is saved.
        using var stale = await admin.PostAsync($"/scoring/{guideline}/capabilities/compute-flavors-list", new FormUrlEncodedContent(edit));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Stale revision", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}
