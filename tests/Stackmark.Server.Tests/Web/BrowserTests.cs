using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Web;

/// <summary>
/// The web UI in a real browser (Debian's chromium through Playwright) against the registry on a real port: sign in,
/// a signed upload appears in the list, its compliance report, verification by a foundation admin with CSRF
/// protection, escaping of uploaded text, sign out.
/// </summary>
public sealed partial class BrowserTests(WebRegistry registry, Browser browser) : IClassFixture<WebRegistry>, IClassFixture<Browser>
{
    private const string Password = "a long enough password";

    /// <summary>A fresh browser session signed in through the form; with <paramref name="shots"/>, both pages are saved as STEP-login and STEP-signed-in.</summary>
    private async Task<IPage> SignedInPageAsync(string user, string password, Screenshots? shots = null, string step = "")
    {
        var page = await browser.NewPageAsync(registry.BaseUrl);
        await page.GotoAsync("/login");
        await page.FillAsync("input[name=username]", user);
        await page.FillAsync("input[name=password]", password);
        if (shots is not null)
        {
            await shots.TakeAsync(page, step + "-login");
        }

        await page.ClickAsync("form[action='/login'] button[type=submit]");
        await page.WaitForURLAsync("**/results");
        Assert.Equal(user, await page.InnerTextAsync("nav a.user"));
        if (shots is not null)
        {
            await shots.TakeAsync(page, step + "-signed-in");
        }

        return page;
    }

    private void Require()
    {
        registry.RequireServer();
        browser.Require();
    }

    [SkippableFact]
    public async Task A_signed_in_owner_finds_the_upload_in_the_list_reads_its_verdict_and_signs_out()
    {
        Require();
        var scene = await Scene.CreateAsync(registry);
        var id = await scene.NewReadyResultAsync();
        var page = await SignedInPageAsync(scene.AdminAName, Password);

        await page.GotoAsync("/results");
        var link = page.Locator($"table.results a[href='/results/{id}']");
        Assert.Equal(1, await link.CountAsync());
        await link.ClickAsync();
        await page.WaitForURLAsync($"**/results/{id}");

        var verdict = page.Locator("#verdict");
        Assert.Equal("verdict ok", await verdict.GetAttributeAsync("class"));
        Assert.StartsWith("Compliant with OpenStack Powered Storage", await verdict.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("not verified", await page.InnerTextAsync("#verification"), StringComparison.Ordinal);
        Assert.True(await page.Locator("table.capabilities").CountAsync() > 0);
        Assert.Equal(0, await page.Locator("#verify").CountAsync());

        await new Screenshots(nameof(A_signed_in_owner_finds_the_upload_in_the_list_reads_its_verdict_and_signs_out)).TakeAsync(page, "result");

        await page.ClickAsync("nav button:has-text('Sign out')");
        await page.WaitForURLAsync("**/results?notice=signed-out");
        Assert.Equal(1, await page.Locator("nav a:has-text('Sign in')").CountAsync());
        await page.GotoAsync("/profile");
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_foundation_admin_verifies_with_the_form_and_a_post_without_its_token_is_refused()
    {
        Require();
        var scene = await Scene.CreateAsync(registry);
        var id = await scene.NewReadyResultAsync();
        var page = await SignedInPageAsync("admin", RegistryFixture.AdminPassword);
        await page.GotoAsync($"/results/{id}");

        var token = await page.Locator("#verify-form input[name=__csrf]").GetAttributeAsync("value");
        Assert.False(string.IsNullOrEmpty(token));

        // The same browser session (its cookies) without the form's token, then with a forged one: 400, nothing changes.
        var noToken = await page.Context.APIRequest.PostAsync($"/results/{id}/verify", new() { Form = page.Context.APIRequest.CreateFormData().Set("action", "verify"), MaxRedirects = 0 });
        Assert.Equal(400, noToken.Status);
        var forged = await page.Context.APIRequest.PostAsync($"/results/{id}/verify", new() { Form = page.Context.APIRequest.CreateFormData().Set("action", "verify").Set("__csrf", "CfDJ8forged"), MaxRedirects = 0 });
        Assert.Equal(400, forged.Status);
        Assert.Equal(0, (await RunAsync(scene, id)).GetProperty("verification_status").GetInt32());

        await page.ClickAsync("#verify");
        await page.WaitForURLAsync($"**/results/{id}?notice=verified");
        Assert.Equal("Result verified.", await page.InnerTextAsync("p.notice"));
        Assert.Contains("verified", await page.InnerTextAsync("#verification"), StringComparison.Ordinal);
        Assert.Contains("by admin", await page.InnerTextAsync("#verification"), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#unverify").CountAsync());

        var run = await RunAsync(scene, id);
        Assert.Equal(1, run.GetProperty("verification_status").GetInt32());
        Assert.Equal("admin", run.GetProperty("verified_by").GetString());

        // A non-foundation user's session gets the API's refusal, even with a valid token of its own.
        var owner = await SignedInPageAsync(scene.AdminAName, Password);
        await owner.GotoAsync($"/results/{id}");
        Assert.Equal(0, await owner.Locator("#verify-form").CountAsync());
        await page.Context.CloseAsync();
        await owner.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Test_names_and_reasons_with_markup_are_shown_as_text()
    {
        Require();
        var scene = await Scene.CreateAsync(registry);
        const string name = "tempest.api.object_storage.test_evil.EvilTest.test_<script>document.title='pwned'</script>";
        const string reason = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>";
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            guideline = "2020.06",
            target = "object",
            cpid = Some.Cpid(),
            duration_seconds = 60,
            tests = new object[]
            {
                new { name, status = "fail", reason, category = "failure" },
                new { name = "tempest.api.object_storage.test_ok.OkTest.test_fine", status = "pass" },
            },
        });
        using var upload = await registry.Http.SendAsync(SignedRequests.V1("/v1/results/full", body, scene.KeyA));
        Assert.True(upload.StatusCode == HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());
        var id = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("test_id").GetString();

        var page = await SignedInPageAsync(scene.AdminAName, Password);
        var dialogs = 0;
        page.Dialog += (_, d) =>
        {
            dialogs++;
            _ = d.DismissAsync();
        };
        await page.GotoAsync($"/results/{id}");

        var row = page.Locator("table.failed-tests tr", new() { HasText = "test_<script>" });
        Assert.Equal(1, await row.CountAsync());
        Assert.Contains(name, await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(reason, await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("script").CountAsync());
        Assert.Equal(0, await page.Locator("img").CountAsync());
        Assert.NotEqual("pwned", await page.TitleAsync());
        Assert.Equal(0, dialogs);
        Assert.Contains("&lt;script&gt;document.title=", await page.ContentAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_foundation_admin_edits_a_matrix_line_and_sees_it_in_the_history()
    {
        Require();
        var scene = await Scene.CreateAsync(registry);
        var guideline = await scene.NewWorksheetAsync(await File.ReadAllTextAsync(Governance.WorksheetPath("scoring.txt")));
        const string Before = "compute-flavors-list:            [1,1,1] [1,1,1] [1,1,0] [0,1,0] [1] [74]*";
        const string After = "compute-flavors-list:            [0,1,1] [1,1,1] [1,1,0] [0,1,0] [1] [66]";
        const string Comment = "community data: 3 of 10 clouds <b>pass</b>";
        var page = await SignedInPageAsync("admin", RegistryFixture.AdminPassword);

        await page.GotoAsync($"/scoring/{guideline}");
        await page.ClickAsync("#line-compute-flavors-list a.edit");
        await page.WaitForURLAsync($"**/scoring/{guideline}/capabilities/compute-flavors-list");
        Assert.Equal(Before, await page.TextContentAsync("#current-line"));
        Assert.False(string.IsNullOrEmpty(await page.Locator("#edit-form input[name=__csrf]").GetAttributeAsync("value")));
        await page.SelectOptionAsync("#edit-form select[name=c0]", "0");
        await page.FillAsync("#edit-form input[name=comment]", Comment);
        await page.ClickAsync("#edit-form button[type=submit]");
        await page.WaitForURLAsync($"**/scoring/{guideline}?notice=saved*");
        Assert.Equal("Line saved; the change is in the history below.", await page.InnerTextAsync("p.notice"));

        Assert.Equal("66", (await page.Locator("#line-compute-flavors-list td.num").Nth(1).InnerTextAsync()).Trim());
        var latest = page.Locator("table.history tbody tr").First;
        Assert.Equal("2", (await latest.Locator("td").First.InnerTextAsync()).Trim());
        Assert.Equal("admin", await latest.Locator("td.by").InnerTextAsync());
        Assert.Equal(Before, await latest.Locator("code.old").TextContentAsync());
        Assert.Equal(After, await latest.Locator("code.new").TextContentAsync());
        Assert.Equal(Comment, await latest.Locator("td.comment").TextContentAsync());
        Assert.Equal(0, await page.Locator("table.history b").CountAsync());

        await new Screenshots(nameof(A_foundation_admin_edits_a_matrix_line_and_sees_it_in_the_history)).TakeAsync(page, "scoring-history");

        // A plain user reads the matrix and its history but gets no edit link, and the edit form refuses them.
        var user = await SignedInPageAsync(scene.UserName, Password);
        await user.GotoAsync($"/scoring/{guideline}");
        Assert.Equal(0, await user.Locator("a.edit").CountAsync());
        Assert.Equal(1, await user.Locator("table.history code.new").CountAsync());
        var refused = await user.GotoAsync($"/scoring/{guideline}/capabilities/compute-flavors-list");
        Assert.Equal(403, refused!.Status);
        await page.Context.CloseAsync();
        await user.Context.CloseAsync();
    }

    private static async Task<JsonElement> RunAsync(Scene scene, string id) =>
        (await scene.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/results/{id}", scene.Foundation)).Body;
}
