using System.Net;
using System.Text.Json;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Community;

/// <summary>
/// <c>GET /v1/community/capabilities</c> and <c>GET /community</c> over signed uploads made from the official 2020.06
/// platform test list, on a registry whose clock starts at 2031-03-01 and is moved a month on.
/// </summary>
public abstract class CommunityApiTests<TFixture>(TFixture registry) : IClassFixture<TFixture>
    where TFixture : RegistryFixture
{
    private static readonly Guideline G = Interop.Load("2020.06");
    private static readonly IReadOnlyList<TargetCapability> Caps = G.CapabilitiesOf("platform");

    // A capability with a flagged test and at least two counted tests with idempotent ids, and one sharing no test with it.
    private static readonly TargetCapability X = Caps.First(c => c.Tests.Any(t => t.IsFlagged) && c.Tests.Count(t => !t.IsFlagged && t.Id is not null) >= 2);
    private static readonly TargetCapability Y = Caps.First(c => c.Id != X.Id && c.Tests.Any(t => !t.IsFlagged) && !c.Tests.Any(t => X.Tests.Any(x => x.Name == t.Name)));

    private ManualClock Clock => (ManualClock)registry.Clock;

    /// <summary>Every platform test of 2020.06 (flagged ones too), as passed, with its idempotent id.</summary>
    private static List<TestOutcome> Everything() =>
        [.. G.TestListLines(new TestListQuery("platform", [], IncludeFlagged: true, IncludeAliases: false)).Select(TestName.FromTempestId).Select(t => new TestOutcome(t.Name, t.Id, TestStatus.Passed))];

    [SkippableFact]
    public async Task Clouds_and_products_passing_each_capability_with_the_latest_result_per_cloud_and_a_monthly_trend()
    {
        registry.RequireServer();
        var scene = await Scene.CreateAsync(registry);
        var (cloud1, cloud2, cloud3) = (Some.Cpid(), Some.Cpid(), Some.Cpid());
        var (product, _) = await scene.NewProductAsync(scene.VendorA);
        await scene.NewVersionAsync(product, cloud1);
        await scene.NewVersionAsync(product, cloud2);

        // March 2031: cloud 1 passes everything; cloud 2 too, with X's tests renamed (same idempotent ids) and no flagged
        // test; cloud 3 (no product) passes only Y's non-flagged tests.
        var flagged = X.Tests.Where(t => t.IsFlagged).Select(t => t.Name).ToHashSet();
        var xNames = X.Tests.Select(t => t.Name).ToHashSet();
        var renamed = Everything().Where(o => !flagged.Contains(o.Name))
            .Select(o => xNames.Contains(o.Name) ? o with { Name = new TestName(o.Name.Value + "_renamed") } : o).ToList();
        await scene.NewResultAsync(scene.KeyA, new RefStackResults(cloud1, 600, Everything()));
        await scene.NewResultAsync(scene.KeyA, new RefStackResults(cloud2, 600, renamed));
        await scene.NewResultAsync(scene.KeyA, new RefStackResults(cloud3, 600, [.. Y.Tests.Where(t => !t.IsFlagged).Select(t => new TestOutcome(t.Name, t.Id, TestStatus.Passed))]));

        // April 2031: cloud 1 reruns and misses one test of X.
        Clock.Advance(TimeSpan.FromDays(31));
        var missed = X.Tests.First(t => !t.IsFlagged).Name;
        await scene.NewResultAsync(scene.KeyA, new RefStackResults(cloud1, 600, [.. Everything().Where(o => o.Name != missed)]));

        var all = await GetAsync("/v1/community/capabilities?guideline=2020.06&target=platform");
        Assert.Equal(("2020.06", "platform"), (all.GetProperty("guideline").GetString(), all.GetProperty("target").GetString()));
        Assert.Equal((4, 3, 1), (all.GetProperty("results").GetInt32(), all.GetProperty("clouds").GetInt32(), all.GetProperty("products").GetInt32()));
        Assert.Contains("latest result", all.GetProperty("rule").GetString(), StringComparison.Ordinal);
        Assert.Equal(Caps.Count, all.GetProperty("capabilities").GetArrayLength());

        var x = Capability(all, X.Id);
        Assert.Equal((1, 3, 1, 1), Counts(x)); // cloud 2 (renamed, by id); cloud 1's latest misses a test
        Assert.Equal([("2031-03", 2, 3), ("2031-04", 1, 3)], Trend(x));
        var y = Capability(all, Y.Id);
        Assert.Equal((3, 3, 1, 1), Counts(y));
        Assert.Equal(1.0, y.GetProperty("share").GetDouble());

        // Up to the end of March, cloud 1's April rerun is outside the window.
        var march = await GetAsync("/v1/community/capabilities?guideline=2020.06.json&target=platform&to=2031-03-31");
        Assert.Equal((2, 3, 1, 1), Counts(Capability(march, X.Id)));
        Assert.Equal([("2031-03", 2, 3)], Trend(Capability(march, X.Id)));

        // From April on, only cloud 1's rerun.
        var april = await GetAsync("/v1/community/capabilities?guideline=2020.06&from=2031-04-01");
        Assert.Equal((1, 1), (april.GetProperty("results").GetInt32(), april.GetProperty("clouds").GetInt32()));
        Assert.Equal((0, 1, 0, 1), Counts(Capability(april, X.Id)));
        Assert.Equal((1, 1, 1, 1), Counts(Capability(april, Y.Id)));

        // Object storage is another target of the same results.
        var storage = await GetAsync("/v1/community/capabilities?guideline=2020.06&target=object");
        Assert.Equal(3, storage.GetProperty("clouds").GetInt32());
        Assert.Equal(G.CapabilitiesOf("object").Count, storage.GetProperty("capabilities").GetArrayLength());

        // The page draws the same data.
        using var page = await registry.SendAsync(HttpMethod.Get, "/community?guideline=2020.06&target=platform&threshold=0.6");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($">{X.Id.Value}</text>", html, StringComparison.Ordinal);
        Assert.Contains("1/3 (33.3%)", html, StringComparison.Ordinal);
        Assert.Contains("threshold 60%", html, StringComparison.Ordinal);
        Assert.Contains("2031-04", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_page_is_self_contained_svg_and_escapes_what_it_echoes()
    {
        registry.RequireServer();
        using var page = await registry.SendAsync(HttpMethod.Get, "/community?guideline=2020.06");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await page.Content.ReadAsStringAsync();
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\"", html, StringComparison.Ordinal);
        Assert.Contains(Caps[0].Id.Value, html, StringComparison.Ordinal);
        foreach (var external in new[] { "<script", "src=", "href=", "<link", "@import", "url(" })
        {
            Assert.DoesNotContain(external, html, StringComparison.OrdinalIgnoreCase);
        }

        using var bad = await registry.SendAsync(HttpMethod.Get, "/community?guideline=2020.06&target=" + Uri.EscapeDataString("<script>alert(1)</script>") + "&from=" + Uri.EscapeDataString("\"><img onerror=x>"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var text = await bad.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", text, StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;&lt;img onerror=x&gt;", text, StringComparison.Ordinal);

        using var target = await registry.SendAsync(HttpMethod.Get, "/community?guideline=2020.06&target=" + Uri.EscapeDataString("<b>moon</b>"));
        Assert.Equal(HttpStatusCode.BadRequest, target.StatusCode);
        var targetText = await target.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<b>", targetText, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;moon&lt;/b&gt;", targetText, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("guideline=latest", HttpStatusCode.BadRequest)]
    [InlineData("guideline=1999.01", HttpStatusCode.NotFound)]
    [InlineData("guideline=2020.06&target=moon", HttpStatusCode.BadRequest)]
    [InlineData("guideline=2020.06&from=yesterday", HttpStatusCode.BadRequest)]
    [InlineData("guideline=2020.06&from=2031-05-01&to=2031-04-01", HttpStatusCode.BadRequest)]
    public async Task Bad_parameters_are_4xx_json(string query, HttpStatusCode expected)
    {
        registry.RequireServer();
        using var response = await registry.SendAsync(HttpMethod.Get, "/v1/community/capabilities?" + query);
        Assert.Equal(expected, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)expected, body.GetProperty("code").GetInt32());
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await registry.SendAsync(HttpMethod.Get, path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static JsonElement Capability(JsonElement report, CapabilityId id) =>
        report.GetProperty("capabilities").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id.Value);

    private static (int, int, int, int) Counts(JsonElement c) => (
        c.GetProperty("clouds_passing").GetInt32(), c.GetProperty("clouds_total").GetInt32(),
        c.GetProperty("products_passing").GetInt32(), c.GetProperty("products_total").GetInt32());

    private static List<(string, int, int)> Trend(JsonElement c) =>
        [.. c.GetProperty("trend").EnumerateArray().Select(p => (p.GetProperty("month").GetString()!, p.GetProperty("clouds_passing").GetInt32(), p.GetProperty("clouds_total").GetInt32()))];
}

public sealed class SqliteCommunityApiTests(ClockedSqliteRegistry registry) : CommunityApiTests<ClockedSqliteRegistry>(registry);

public sealed class PostgresCommunityApiTests(ClockedPostgresRegistry registry) : CommunityApiTests<ClockedPostgresRegistry>(registry);
