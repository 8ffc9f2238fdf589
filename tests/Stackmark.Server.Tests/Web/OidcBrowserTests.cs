using System.Net;
using Microsoft.Playwright;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Web;

/// <summary>
/// OpenID Connect sign-in through a real browser: registry → local OpenIddict provider (authorization code + PKCE) →
/// provider's login form → back to the registry, which maps (issuer, subject) to a registry user.
/// </summary>
public sealed class OidcBrowserTests(OidcRegistry registry, Browser browser) : IClassFixture<OidcRegistry>, IClassFixture<Browser>
{
    private async Task<IPage> SignInThroughProviderAsync()
    {
        var page = await browser.NewPageAsync(registry.BaseUrl);
        await page.GotoAsync("/login?returnUrl=%2Fprofile");
        Assert.Equal($"Sign in with {OidcRegistry.DisplayName}", await page.InnerTextAsync("#oidc-login"));
        await page.ClickAsync("#oidc-login");
        await ArriveAsync(page, registry.Provider.Issuer + "idp/login**");
        await page.FillAsync("#idp-login", OidcProvider.UserName);
        await page.FillAsync("#idp-password", OidcProvider.Password);
        await page.ClickAsync("#idp-submit");
        await ArriveAsync(page, new Uri(registry.BaseUrl, "/profile").ToString());
        return page;
    }

    // A wait that, when the page never gets there, says where it is and what it shows (a provider error page,
    // a login form shown again) instead of Playwright's bare timeout.
    private static async Task ArriveAsync(IPage page, string url)
    {
        try
        {
            await page.WaitForURLAsync(url, new() { Timeout = 60_000 });
        }
        catch (TimeoutException e)
        {
            var text = await page.InnerTextAsync("body", new() { Timeout = 5_000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(no body)");
            throw new Xunit.Sdk.XunitException($"expected {url}, the page is at {page.Url} and shows: {text[..Math.Min(text.Length, 800)]}", e);
        }
    }

    [SkippableFact]
    public async Task The_first_provider_login_creates_a_user_linked_by_issuer_and_subject_never_by_name()
    {
        registry.RequireServer();
        browser.Require();

        // A local account already has the provider's preferred user name: it must not be taken over.
        using (var local = await registry.SendAsync(HttpMethod.Post, "/v1/users", await registry.AdminTokenAsync(),
            System.Net.Http.Json.JsonContent.Create(new { username = OidcProvider.UserName, password = "the local alice's password" })))
        {
            Assert.Equal(HttpStatusCode.Created, local.StatusCode);
        }

        var first = await SignInThroughProviderAsync();
        var userName = await first.InnerTextAsync("#username");
        Assert.Equal(OidcProvider.UserName + "-2", userName);
        Assert.Contains(OidcProvider.Email, await first.InnerTextAsync("dl.facts"), StringComparison.Ordinal);
        Assert.Equal(userName, await first.InnerTextAsync("nav a.user"));
        await first.Context.CloseAsync();

        // A second login (fresh browser, fresh provider session) finds the same registry user.
        var second = await SignInThroughProviderAsync();
        Assert.Equal(userName, await second.InnerTextAsync("#username"));
        await second.ClickAsync("nav button:has-text('Sign out')");
        await second.WaitForURLAsync("**/results?notice=signed-out");
        await second.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Without_oidc_configuration_the_login_page_offers_passwords_only()
    {
        registry.RequireServer();
        var plain = new WebRegistry();
        await plain.InitializeAsync();
        try
        {
            var html = await plain.Http.GetStringAsync("/login");
            Assert.DoesNotContain("oidc-login", html, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await plain.Http.GetAsync("/login/oidc")).StatusCode);
            Assert.Contains("oidc-login", await registry.Http.GetStringAsync("/login"), StringComparison.Ordinal);
        }
        finally
        {
            await plain.DisposeAsync();
        }
    }
}
