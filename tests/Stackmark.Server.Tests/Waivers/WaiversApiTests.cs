using System.Net;
using System.Text.Json.Nodes;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Waivers;

/// <summary>
/// Waivers: granted for a product's failing test or capability until a day, shown in the compliance JSON and pages of
/// its results beside the strict verdict (which never changes), expired by the registry's clock, revocable.
/// </summary>
public abstract class WaiversApiTests<TFixture>(TFixture registry) : IClassFixture<TFixture>
    where TFixture : RegistryFixture
{
    private static readonly Guideline G = Interop.Load("2020.06");

    private ManualClock Clock => (ManualClock)registry.Clock;

    [SkippableFact]
    public async Task A_waiver_covers_a_failing_test_until_its_expiry_day_and_never_changes_the_strict_verdict()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        var (run, product, dropped, capability) = await FailingLinkedResultAsync(s);
        var compliance = $"/v1/results/{run}/compliance";

        var strict = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, compliance, null);
        Assert.False(strict.Body.GetProperty("compliant").GetBoolean());
        Assert.False(strict.Body.TryGetProperty("waivers", out _));

        // Granted by idempotent id, recorded under the guideline's name; a waiver for another guideline is out of scope.
        var today = Clock.GetUtcNow().UtcDateTime;
        var expires = today.AddDays(9).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var granted = (await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/products/{product}/waivers", s.Foundation,
            new { guideline = "2020.06", target = "object", tests = new[] { dropped.Id!.Value.ToString() }, reason = "swift bug 42, fix in the next release", expires })).Body;
        Assert.Equal([dropped.Name.Value], granted.GetProperty("tests").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("active", granted.GetProperty("state").GetString());
        Assert.Equal("admin", granted.GetProperty("granted_by").GetString());
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/products/{product}/waivers", s.Foundation,
            new { guideline = "2019.11", capability = "compute-flavors-list", reason = "another guideline", expires = "2099-01-01" });

        var waived = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, compliance, null);
        Assert.False(waived.Body.GetProperty("compliant").GetBoolean());
        var w = waived.Body.GetProperty("waivers");
        Assert.False(w.GetProperty("strict_compliant").GetBoolean());
        Assert.True(w.GetProperty("compliant_with_waivers").GetBoolean());
        Assert.Equal(0, w.GetProperty("uncovered").GetArrayLength());
        var item = Assert.Single(w.GetProperty("items").EnumerateArray());
        Assert.Equal("active", item.GetProperty("waiver").GetProperty("state").GetString());
        var covered = Assert.Single(item.GetProperty("covers").EnumerateArray());
        Assert.Equal(dropped.Name.Value, covered.GetProperty("name").GetString());
        Assert.Equal(capability, covered.GetProperty("capability").GetString());

        // The stored report is untouched: the answer is it plus the waivers field.
        var withoutWaivers = JsonNode.Parse(waived.Text)!.AsObject();
        withoutWaivers.Remove("waivers");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(strict.Text), withoutWaivers));

        var page = await registry.Http.GetStringAsync($"/results/{run}");
        Assert.Contains("<div class=\"verdict ko\" id=\"verdict\">Not compliant", page, StringComparison.Ordinal);
        Assert.Contains("compliant with waivers</span>", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge waived\">waived</span>", page, StringComparison.Ordinal);
        Assert.Contains("swift bug 42", await registry.Http.GetStringAsync($"/products/{product}"), StringComparison.Ordinal);

        // The expiry day itself is covered; the day after, the waiver is expired and covers nothing.
        Clock.Advance(TimeSpan.FromDays(9));
        Assert.True((await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, compliance, null)).Body.GetProperty("waivers").GetProperty("compliant_with_waivers").GetBoolean());
        Clock.Advance(TimeSpan.FromDays(1));
        var expired = (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, compliance, null)).Body.GetProperty("waivers");
        Assert.False(expired.GetProperty("compliant_with_waivers").GetBoolean());
        Assert.Equal(dropped.Name.Value, Assert.Single(expired.GetProperty("uncovered").EnumerateArray()).GetProperty("name").GetString());
        var expiredItem = Assert.Single(expired.GetProperty("items").EnumerateArray());
        Assert.Equal("expired", expiredItem.GetProperty("waiver").GetProperty("state").GetString());
        Assert.Equal(1, expiredItem.GetProperty("covers").GetArrayLength());
        page = await registry.Http.GetStringAsync($"/results/{run}");
        Assert.Contains("<li class=\"waiver expired\"><span class=\"fail\">expired</span>", page, StringComparison.Ordinal);
        Assert.Contains("not compliant even with waivers", page, StringComparison.Ordinal);
        Assert.DoesNotContain("badge waived", page, StringComparison.Ordinal);

        // A capability waiver (any target) covers it again, until it is revoked.
        var capWaiver = (await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/products/{product}/waivers", s.Foundation,
            new { guideline = "2020.06", capability, reason = "whole capability", expires = "2099-12-31" })).Str("id");
        Assert.True((await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, compliance, null)).Body.GetProperty("waivers").GetProperty("compliant_with_waivers").GetBoolean());
        await s.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/v1/products/{product}/waivers/{capWaiver}", s.Foundation);
        await s.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Delete, $"/v1/products/{product}/waivers/{capWaiver}", s.Foundation);
        var revoked = (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, compliance, null)).Body.GetProperty("waivers");
        Assert.False(revoked.GetProperty("compliant_with_waivers").GetBoolean());
        Assert.Contains(revoked.GetProperty("items").EnumerateArray(), i => i.GetProperty("waiver").GetProperty("state").GetString() == "revoked");

        var list = (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/products/{product}/waivers", null)).Body;
        Assert.Equal(["revoked", "active", "expired"], list.EnumerateArray().Select(x => x.GetProperty("state").GetString()));
        Assert.False((await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, compliance, null)).Body.GetProperty("compliant").GetBoolean());
    }

    [SkippableFact]
    public async Task Waivers_with_a_bad_scope_or_date_are_refused()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        var (product, _) = await s.NewProductAsync(s.VendorA, isPublic: true);
        var path = $"/v1/products/{product}/waivers";
        async Task RefusedAsync(object body, string title, string detail)
        {
            var reply = await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, path, s.Foundation, body);
            Assert.Equal(title, reply.Body.GetProperty("title").GetString());
            Assert.Contains(detail, reply.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await RefusedAsync(new { tests = new[] { "t" }, reason = "r", expires = "2031-02-01" }, "Invalid expiry date", "2031-02-01 is past");
        await RefusedAsync(new { tests = new[] { "t" }, reason = "r", expires = "01/02/2099" }, "Invalid expiry date", "is not YYYY-MM-DD");
        await RefusedAsync(new { capability = "compute-flavors-list", tests = new[] { "t" }, reason = "r", expires = "2099-01-01" }, "Request doesn't correspond to schema", "exactly one of");
        await RefusedAsync(new { reason = "r", expires = "2099-01-01" }, "Request doesn't correspond to schema", "exactly one of");
        await RefusedAsync(new { tests = "t", reason = "r", expires = "2099-01-01" }, "Request doesn't correspond to schema", "\"tests\" must be a list");
        await RefusedAsync(new { tests = new[] { "t" }, expires = "2099-01-01" }, "Request doesn't correspond to schema", "\"reason\" and \"expires\"");
        await RefusedAsync(new { guideline = "2020.06", target = "object", tests = new[] { "tempest.api.nowhere" }, reason = "r", expires = "2099-01-01" }, "Unknown test", "is no test of 2020.06 target object");
        await RefusedAsync(new { guideline = "2020.06", target = "object", capability = "compute-flavors-list", reason = "r", expires = "2099-01-01" }, "Unknown capability", "is no capability of 2020.06 target object");
        await RefusedAsync(new { guideline = "2020.06", target = "storage", capability = "compute-flavors-list", reason = "r", expires = "2099-01-01" }, "Invalid target", "Invalid target: storage");
        await RefusedAsync(new { guideline = "1999.01", capability = "compute-flavors-list", reason = "r", expires = "2099-01-01" }, "Unknown guideline", "1999.01");
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, $"/v1/products/{Guid.NewGuid()}/waivers", s.Foundation, new { tests = new[] { "t" }, reason = "r", expires = "2099-01-01" });
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Delete, $"{path}/{Guid.NewGuid()}", s.Foundation);
        Assert.Equal(0, (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, path, null)).Body.GetArrayLength());
    }

    /// <summary>
    /// A shared result of admin A for 2020.06 object with every required test passed but one, linked to a public
    /// product of vendor A: the dropped test and its capability.
    /// </summary>
    private static async Task<(string Run, string Product, GuidelineTest Dropped, string Capability)> FailingLinkedResultAsync(Scene s)
    {
        var (capability, dropped) = G.CapabilitiesOf("object", [CapabilityStatus.Required])
            .SelectMany(c => c.Tests.Where(t => !t.IsFlagged && t.Id is not null).Select(t => (c.Id.Value, t))).First();
        var all = Some.PassingObjectStorage2020();
        var results = all with { Passed = [.. all.Passed.Where(r => r.Name != dropped.Name)] };
        var run = await s.NewResultAsync(s.KeyA, results);
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/results/{run}/meta/shared", s.AdminA, text: "true");
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/results/{run}/meta/guideline", s.AdminA, text: "2020.06");
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/results/{run}/meta/target", s.AdminA, text: "object");
        var (product, version) = await s.NewProductAsync(s.VendorA, isPublic: true);
        await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/results/{run}", s.AdminA, new { product_version_id = version });
        return (run, product, dropped, capability);
    }
}

public sealed class SqliteWaiversApiTests(ClockedSqliteRegistry registry) : WaiversApiTests<ClockedSqliteRegistry>(registry);

public sealed class PostgresWaiversApiTests(ClockedPostgresRegistry registry) : WaiversApiTests<ClockedPostgresRegistry>(registry);
