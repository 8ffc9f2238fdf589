using System.Net;
using System.Text.Json;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Results;

/// <summary>PUT /v1/results/{id}: product version links and verification with its verdict snapshot and history.</summary>
public abstract class UpdateTests<TFixture>(TFixture registry) : IClassFixture<TFixture>
    where TFixture : RegistryFixture
{
    [SkippableFact]
    public async Task Owner_links_and_unlinks_a_version_of_their_vendor_and_gets_200_with_the_run()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        var (pa, va) = await s.NewProductAsync(s.VendorA);
        var run = await s.NewResultAsync(s.KeyA);

        var linked = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/results/{run}", s.AdminA, new { product_version_id = va });
        Assert.Equal(run, linked.Str("id"));
        Assert.Equal("owner", linked.Str("user_role"));
        Assert.Equal(va, linked.Body.GetProperty("product_version").GetProperty("id").GetString());
        Assert.Equal(pa, linked.Body.GetProperty("product_version").GetProperty("product_info").GetProperty("id").GetString());

        var unlinked = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/results/{run}", s.AdminA, new { product_version_id = (string?)null });
        Assert.Equal(JsonValueKind.Null, unlinked.Body.GetProperty("product_version").ValueKind);

        await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Put, $"/v1/results/{run}", s.AdminA, new { product_version_id = Guid.NewGuid() });
        await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Put, $"/v1/results/{run}", s.AdminA, new { });
        await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Put, $"/v1/results/{run}", s.AdminA, new { cpid = "x" });
        await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Put, $"/v1/results/{run}", s.Foundation, new { verification_status = 2 });
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Put, $"/v1/results/{Guid.NewGuid()}", s.Foundation, new { verification_status = 1 });
    }

    [SkippableFact]
    public async Task Verification_needs_shared_guideline_and_target_and_records_who_when_and_the_verdict()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        var run = await s.NewResultAsync(s.KeyA, Some.PassingObjectStorage2020());
        var notReady = await s.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Put, $"/v1/results/{run}", s.Foundation, new { verification_status = 1 });
        Assert.Contains("guideline, target, shared", notReady.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/results/{run}/meta/shared", s.AdminA, text: "true");
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/results/{run}/meta/guideline", s.AdminA, text: "2020.06.json");
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/results/{run}/meta/target", s.AdminA, text: "object");
        await s.LinkToAttestedProductAsync(run);
        var verified = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/results/{run}", s.Foundation, new { verification_status = 1 });
        Assert.Equal(1, verified.Body.GetProperty("verification_status").GetInt32());
        Assert.Equal("admin", verified.Str("verified_by"));
        Assert.True(DateTime.TryParse(verified.Str("verified_at"), out _));
        var verdict = verified.Body.GetProperty("verification");
        Assert.Equal("2020.06", verdict.GetProperty("guideline").GetString());
        Assert.Equal("object", verdict.GetProperty("target").GetString());
        Assert.True(verdict.GetProperty("compliant").GetBoolean());

        // Frozen: no meta edits, no relinking, no deletion; the owner does not learn who verified.
        await s.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, $"/v1/results/{run}/meta/target", s.AdminA, text: "platform");
        await s.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Delete, $"/v1/results/{run}", s.Foundation);
        var asOwner = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/results/{run}", s.AdminA);
        Assert.Equal(JsonValueKind.Null, asOwner.Body.GetProperty("verified_by").ValueKind);

        // The snapshot is public with the run; the history is the foundation's.
        var snapshot = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/results/{run}/verification", null);
        Assert.True(snapshot.Body.GetProperty("compliant").GetBoolean());
        Assert.Equal(JsonValueKind.Object, snapshot.Body.GetProperty("report").ValueKind);
        Assert.Equal(JsonValueKind.Null, snapshot.Body.GetProperty("history").ValueKind);

        await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/results/{run}", s.Foundation, new { verification_status = 0 });
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"/v1/results/{run}/verification", null);
        await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/results/{run}", s.Foundation, new { verification_status = 1 });
        var history = (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/results/{run}/verification", s.Foundation)).Body.GetProperty("history");
        Assert.Equal(["verify", "unverify", "verify"], history.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.All(history.EnumerateArray(), e => Assert.Equal("admin", e.GetProperty("by").GetString()));
    }

    [SkippableFact]
    public async Task Verifying_a_failing_run_stores_a_non_compliant_verdict()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        var run = await s.NewResultAsync(s.KeyA);
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/results/{run}/meta/shared", s.AdminA, text: "true");
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/results/{run}/meta/guideline", s.AdminA, text: "2020.06");
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/results/{run}/meta/target", s.AdminA, text: "platform");
        // Platform needs a hypervisor region with Linux guests (RegionRuleTests).
        await s.DeclareRegionsAsync(await s.LinkToAttestedProductAsync(run), ("RegionOne", "hypervisor", "KVM", ["Ubuntu 24.04"]));
        var verified = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/results/{run}", s.Foundation, new { verification_status = 1 });
        Assert.False(verified.Body.GetProperty("verification").GetProperty("compliant").GetBoolean());
        Assert.Equal(1, verified.Body.GetProperty("signature_version").GetInt32());
        Assert.Equal("refstack-v1", verified.Str("format"));
    }
}

public sealed class SqliteUpdateTests(SqliteRegistry registry) : UpdateTests<SqliteRegistry>(registry);

public sealed class PostgresUpdateTests(PostgresRegistry registry) : UpdateTests<PostgresRegistry>(registry);
