using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Web;

/// <content>The result page of an incomplete full-results upload.</content>
public sealed partial class WebUiHttpTests
{
    [SkippableFact]
    public async Task The_result_page_of_a_run_short_of_an_account_says_incomplete_and_what_would_complete_it()
    {
        registry.RequireServer();
        var scene = await Scene.CreateAsync(registry);
        var g = Interop.Load("2020.06");
        var tests = g.TestListLines(new TestListQuery("object", [CapabilityStatus.Required], IncludeFlagged: false, IncludeAliases: false))
            .Select(TestName.FromTempestId)
            .Select((t, i) => new Dictionary<string, object?>
            {
                ["name"] = t.Name.Value,
                ["idempotent_id"] = t.Id?.ToString(),
                ["status"] = i == 0 ? "fail" : "pass",
                ["category"] = i == 0 ? "accounts" : null,
                ["reason"] = i == 0 ? "needs a second account (alternate credentials): Tempest: Insufficient number of users provided" : null,
            });
        var body = JsonSerializer.SerializeToUtf8Bytes(new { guideline = "2020.06", target = "object", cpid = Some.Cpid(), tests });
        using var upload = await registry.Http.SendAsync(SignedRequests.V1("/v1/results/full", body, scene.KeyA));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var id = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("test_id").GetString();

        using var owner = NewBrowserLikeClient(out _);
        await LoginAsync(owner, scene.AdminAName, "a long enough password", await CsrfTokenAsync(owner, "/login"));
        var page = await owner.GetStringAsync($"/results/{id}");

        Assert.Contains("<div class=\"verdict incomplete\" id=\"verdict\">Incomplete for OpenStack Powered Storage", page, StringComparison.Ordinal);
        Assert.Contains("<li>1 test needs a second account (alternate credentials)</li>", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"incomplete\">incomplete</span>", page, StringComparison.Ordinal);
    }
}
