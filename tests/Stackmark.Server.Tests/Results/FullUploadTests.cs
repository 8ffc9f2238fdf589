using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Results;

/// <summary>POST /v1/results/full: the runner's full-results.json with every status, judged by the server.</summary>
public abstract class FullUploadTests<TFixture>(TFixture registry) : IClassFixture<TFixture>
    where TFixture : RegistryFixture
{
    /// <summary>full-results.json as <c>stackmark run</c> writes it: 2020.06 object, every required test passed but one skipped.</summary>
    private static byte[] FullResults(string cpid, string? skipped = null, string category = "service-unavailable")
    {
        var g = Interop.Load("2020.06");
        var lines = g.TestListLines(new TestListQuery("object", [CapabilityStatus.Required], IncludeFlagged: false, IncludeAliases: false));
        var tests = lines.Select(TestName.FromTempestId).Select((t, i) => new Dictionary<string, object?>
        {
            ["name"] = t.Name.Value,
            ["idempotent_id"] = t.Id?.ToString(),
            ["capability"] = "objectstore-something",
            ["capability_status"] = "required",
            ["flagged"] = false,
            ["tempest_id"] = t.Name.Value,
            ["resolved_by"] = "idempotent_id",
            ["status"] = i == 0 && skipped is not null ? "skip" : "pass",
            ["category"] = i == 0 && skipped is not null ? category : null,
            ["reason"] = i == 0 ? skipped : null,
            ["duration_seconds"] = 1.25,
            ["attempts"] = 1,
        }).ToList();
        tests.Add(new() { ["name"] = "tempest.api.not.in.Tempest.test_x", ["status"] = "not-run", ["category"] = "not-in-tempest", ["reason"] = "not found", ["attempts"] = 0 });
        var doc = new Dictionary<string, object?>
        {
            ["guideline"] = "2020.06",
            ["target"] = "object",
            ["cpid"] = cpid,
            ["started_at"] = "2026-11-30T10:00:00+00:00",
            ["finished_at"] = "2026-11-30T10:10:00+00:00",
            ["duration_seconds"] = 600,
            ["compliant"] = true,
            ["counts"] = new { planned = tests.Count },
            ["tests"] = tests,
            ["class_errors"] = new[] { new { fixture = "tearDownClass", scope = "tempest.api.object_storage.test_container_services.ContainerTest", category = "failure", reason = "Details: conflict", planned_tests = 1, effect = "after its 1 planned test(s) finished: their results stand", counted = false } },
        };
        return JsonSerializer.SerializeToUtf8Bytes(doc);
    }

    [SkippableFact]
    public async Task Full_results_keep_every_status_set_guideline_and_target_and_are_judged_by_the_server()
    {
        registry.RequireServer();
        var (_, token, key) = await registry.NewSignerAsync();
        var cpid = Some.Cpid();
        using var response = await registry.Http.SendAsync(SignedRequests.V1("/v1/results/full", FullResults(cpid, skipped: "Swift is not available"), key));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("test_id").GetString();

        using var testsResponse = await registry.SendAsync(HttpMethod.Get, $"/v1/results/{id}/tests", token);
        var tests = (await testsResponse.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal("Swift is not available", Assert.Single(tests, t => t.GetProperty("status").GetString() == "skip").GetProperty("reason").GetString());
        Assert.Single(tests, t => t.GetProperty("status").GetString() == "not-run");
        Assert.All(tests.Where(t => t.GetProperty("status").GetString() == "pass"), t => Assert.Equal(1.25, t.GetProperty("duration_seconds").GetDouble()));

        using var meta = await registry.SendAsync(HttpMethod.Get, $"/v1/results/{id}/meta", token);
        var m = await meta.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2020.06", m.GetProperty("guideline").GetString());
        Assert.Equal("object", m.GetProperty("target").GetString());

        // The client said compliant; the server's engine says a required test was skipped.
        using var compliance = await registry.SendAsync(HttpMethod.Get, $"/v1/results/{id}/compliance", token);
        Assert.False((await compliance.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("compliant").GetBoolean());
        using var run = await registry.SendAsync(HttpMethod.Get, $"/v1/results/{id}", token);
        Assert.Equal("stackmark-full", (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("format").GetString());
    }

    [SkippableFact]
    public async Task A_required_test_the_runners_accounts_could_not_serve_makes_the_compliance_view_incomplete_with_what_would_complete_it()
    {
        registry.RequireServer();
        var (_, token, key) = await registry.NewSignerAsync();
        var body = FullResults(Some.Cpid(), skipped: "needs an account with role ResellerAdmin: the account plan", category: "accounts");
        using var response = await registry.Http.SendAsync(SignedRequests.V1("/v1/results/full", body, key));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("test_id").GetString();

        // Twice: computed, then served from the stored snapshot.
        foreach (var _ in new[] { 1, 2 })
        {
            using var compliance = await registry.SendAsync(HttpMethod.Get, $"/v1/results/{id}/compliance", token);
            var report = await compliance.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(("incomplete", false), (report.GetProperty("verdict").GetString(), report.GetProperty("compliant").GetBoolean()));
            Assert.Equal(["1 test needs an account with role ResellerAdmin"], report.GetProperty("to_complete").EnumerateArray().Select(t => t.GetString()));
            var incomplete = Assert.Single(report.GetProperty("capabilities").EnumerateArray(), c => c.GetProperty("verdict").GetString() != "pass");
            Assert.Equal("incomplete", incomplete.GetProperty("verdict").GetString());
        }

        // The same miss without a category, or with the cloud's, is not compliant.
        using var cloud = await registry.Http.SendAsync(SignedRequests.V1("/v1/results/full", FullResults(Some.Cpid(), skipped: "Swift is not available"), key));
        var cloudId = (await cloud.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("test_id").GetString();
        using var cloudCompliance = await registry.SendAsync(HttpMethod.Get, $"/v1/results/{cloudId}/compliance", token);
        var cloudReport = await cloudCompliance.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("not-compliant", cloudReport.GetProperty("verdict").GetString());
        Assert.Equal(0, cloudReport.GetProperty("to_complete").GetArrayLength());
    }

    [SkippableFact]
    public async Task A_pass_only_upload_missing_a_required_test_keeps_RefStacks_rule_not_compliant()
    {
        registry.RequireServer();
        var (_, token, key) = await registry.NewSignerAsync();
        var g = Interop.Load("2020.06");
        var names = g.TestListLines(new TestListQuery("object", [CapabilityStatus.Required], IncludeFlagged: false, IncludeAliases: false)).Skip(1)
            .Select(TestName.FromTempestId).Select(t => new { name = t.Name.Value, uuid = t.Id?.ToString() });
        var body = JsonSerializer.SerializeToUtf8Bytes(new { cpid = Some.Cpid(), duration_seconds = 60, results = names });
        using var response = await registry.Http.SendAsync(SignedRequests.V1("/v1/results", body, key));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("test_id").GetString();

        using var compliance = await registry.SendAsync(HttpMethod.Get, $"/v1/results/{id}/compliance?guideline=2020.06&target=object", token);
        var report = await compliance.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("not-compliant", false), (report.GetProperty("verdict").GetString(), report.GetProperty("compliant").GetBoolean()));
    }

    [SkippableTheory]
    [InlineData("{\"cpid\": \"c\", \"tests\": []}", "$.tests")]
    [InlineData("{\"cpid\": \"c\", \"tests\": [{\"name\": \"a\", \"status\": \"skip\", \"category\": \"the-cloud\"}]}", "$.tests[0].category: one of guest-access")]
    [InlineData("{\"cpid\": \"c\", \"tests\": [{\"name\": \"a\", \"status\": \"passed\"}]}", "$.tests[0].status")]
    [InlineData("{\"cpid\": \"c\", \"tests\": [{\"name\": \"a\", \"status\": \"pass\", \"idempotent_id\": \"x\"}]}", "idempotent_id")]
    [InlineData("{\"cpid\": \"c\", \"tests\": [{\"name\": \"a\", \"status\": \"pass\", \"extra\": 1}]}", "$.tests[0].extra")]
    [InlineData("{\"cpid\": \"c\", \"guideline\": \"2020\", \"tests\": [{\"name\": \"a\", \"status\": \"pass\"}]}", "$.guideline")]
    [InlineData("{\"cpid\": \"\", \"tests\": [{\"name\": \"a\", \"status\": \"pass\"}]}", "$.cpid")]
    [InlineData("{\"cpid\": \"c\", \"owner\": 1, \"tests\": [{\"name\": \"a\", \"status\": \"pass\"}]}", "$.owner")]
    [InlineData("[", "not valid JSON")]
    public async Task Bad_full_results_are_400_naming_the_path(string body, string reason)
    {
        registry.RequireServer();
        var (_, _, key) = await registry.NewSignerAsync();
        using var response = await registry.Http.SendAsync(SignedRequests.V1("/v1/results/full", Encoding.UTF8.GetBytes(body), key));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class SqliteFullUploadTests(SqliteRegistry registry) : FullUploadTests<SqliteRegistry>(registry);

public sealed class PostgresFullUploadTests(PostgresRegistry registry) : FullUploadTests<PostgresRegistry>(registry);
