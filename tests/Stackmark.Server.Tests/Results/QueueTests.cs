using System.Net;
using System.Text.Json;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Results;

/// <summary>GET /v1/results/queue: linked, unverified runs oldest first, with what they lack and their stored compliance.</summary>
public abstract class QueueTests<TFixture>(TFixture registry) : IClassFixture<TFixture>
    where TFixture : RegistryFixture
{
    [SkippableFact]
    public async Task The_queue_holds_linked_unverified_runs_oldest_first_with_their_compliance_and_missing_meta()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        var (product, version) = await s.NewProductAsync(s.VendorA);
        await s.AttestAsync(product, "2020.06");

        var ready = await s.NewReadyResultAsync();
        await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/results/{ready}", s.AdminA, new { product_version_id = version });
        var bare = await s.NewLinkedResultAsync(version);
        var verified = await s.NewVerifiedResultAsync();
        await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/results/{verified}", s.Foundation, new { verification_status = 0, product_version_id = version });
        await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/results/{verified}", s.Foundation, new { verification_status = 1 });
        var unlinked = await s.NewUnattestedReadyResultAsync();

        // Other tests of the class share the registry: walk every page and keep this scene's runs.
        var seen = new List<JsonElement>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/v1/results/queue" + (cursor is null ? "" : $"?cursor={cursor}"), s.Foundation)).Body;
            seen.AddRange(page.GetProperty("results").EnumerateArray());
            cursor = page.GetProperty("next_cursor").GetString();
            Assert.True(++pages < 50);
        }
        while (cursor is not null);

        var created = seen.Select(e => e.GetProperty("created_at").GetString()).ToList();
        Assert.Equal(created.Order(StringComparer.Ordinal), created);
        var ids = seen.Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.DoesNotContain(verified, ids);
        Assert.DoesNotContain(unlinked, ids);
        Assert.True(ids.IndexOf(ready) < ids.IndexOf(bare), "oldest first");

        var readyEntry = seen.Single(e => e.GetProperty("id").GetString() == ready);
        Assert.Empty(readyEntry.GetProperty("missing_meta").EnumerateArray());
        var compliance = readyEntry.GetProperty("compliance");
        Assert.Equal("2020.06", compliance.GetProperty("guideline").GetString());
        Assert.Equal("object", compliance.GetProperty("target").GetString());
        Assert.Equal("OpenStack Powered Storage", compliance.GetProperty("program").GetString());
        Assert.True(compliance.GetProperty("compliant").GetBoolean());
        Assert.Equal(version, readyEntry.GetProperty("product_version").GetProperty("id").GetString());

        // The queue's verdict is the stored one that /compliance serves.
        var stored = (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/results/{ready}/compliance", s.Foundation)).Body;
        Assert.True(stored.GetProperty("compliant").GetBoolean());

        var bareEntry = seen.Single(e => e.GetProperty("id").GetString() == bare);
        Assert.Equal(["guideline", "target", "shared"], bareEntry.GetProperty("missing_meta").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, bareEntry.GetProperty("compliance").ValueKind);
        Assert.Contains("names no guideline and target", bareEntry.GetProperty("compliance_error").GetString(), StringComparison.Ordinal);

        await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, "/v1/results/queue?cursor=nonsense", s.Foundation);
        await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/results/{ready}", s.Foundation, new { verification_status = 1 });
        var after = (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/v1/results/queue", s.Foundation)).Body;
        Assert.DoesNotContain(ready, after.GetProperty("results").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
    }
}

public sealed class SqliteQueueTests(SqliteRegistry registry) : QueueTests<SqliteRegistry>(registry);

public sealed class PostgresQueueTests(PostgresRegistry registry) : QueueTests<PostgresRegistry>(registry);
