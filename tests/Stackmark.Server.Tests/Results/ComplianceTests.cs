using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Results;

/// <summary>GET /v1/results/{id}/compliance: the domain engine on the server, stored per guideline and target.</summary>
public abstract class ComplianceTests<TFixture>(TFixture registry) : IClassFixture<TFixture>
    where TFixture : RegistryFixture
{
    [SkippableFact]
    public async Task A_run_passing_every_required_object_storage_test_of_2020_06_is_compliant()
    {
        registry.RequireServer();
        var (_, token, key) = await registry.NewSignerAsync();
        var results = Some.PassingObjectStorage2020();
        Assert.Equal(58, results.Passed.Count);
        var upload = await registry.UploadAsync(results, key);
        Assert.True(upload.Success, upload.Error);

        var first = await ComplianceAsync($"/v1/results/{upload.TestId}/compliance?guideline=2020.06&target=object", token);
        Assert.True(first.GetProperty("compliant").GetBoolean());
        Assert.Equal("2020.06", first.GetProperty("guideline").GetString());
        Assert.Equal("object", first.GetProperty("target").GetString());
        // Counted per capability, as RefStack counts: a test listed under two capabilities counts twice.
        var required = first.GetProperty("summary").GetProperty("required");
        Assert.Equal(required.GetProperty("tests").GetInt32(), required.GetProperty("tests_passed").GetInt32());

        // Served from the stored snapshot the second time: the same document.
        var again = await ComplianceAsync($"/v1/results/{upload.TestId}/compliance?guideline=2020.06.json&target=object", token);
        Assert.Equal(first.GetRawText(), again.GetRawText());

        // The same run is not a compliant Powered Platform.
        var platform = await ComplianceAsync($"/v1/results/{upload.TestId}/compliance?guideline=2020.06&target=platform", token);
        Assert.False(platform.GetProperty("compliant").GetBoolean());
    }

    [SkippableFact]
    public async Task A_run_missing_one_required_test_is_not_compliant_and_metadata_picks_the_defaults()
    {
        registry.RequireServer();
        var (_, token, key) = await registry.NewSignerAsync();
        var all = Some.PassingObjectStorage2020();
        var upload = await registry.UploadAsync(all with { Passed = [.. all.Passed.Skip(1)] }, key);
        foreach (var (k, v) in new[] { ("guideline", "2020.06.json"), ("target", "object") })
        {
            using var set = await registry.SendAsync(HttpMethod.Post, $"/v1/results/{upload.TestId}/meta/{k}", token, new StringContent(v));
            Assert.Equal(HttpStatusCode.Created, set.StatusCode);
        }

        var report = await ComplianceAsync($"/v1/results/{upload.TestId}/compliance", token);
        Assert.False(report.GetProperty("compliant").GetBoolean());
        Assert.Equal("object", report.GetProperty("target").GetString());
    }

    [SkippableTheory]
    [InlineData("guideline=latest", HttpStatusCode.BadRequest)]
    [InlineData("guideline=1999.01", HttpStatusCode.NotFound)]
    [InlineData("guideline=2020.06&target=moon", HttpStatusCode.BadRequest)]
    public async Task Bad_guideline_or_target_is_a_4xx(string query, HttpStatusCode expected)
    {
        registry.RequireServer();
        var (_, token, key) = await registry.NewSignerAsync();
        var upload = await registry.UploadAsync(Some.Results(), key);
        using var response = await registry.SendAsync(HttpMethod.Get, $"/v1/results/{upload.TestId}/compliance?{query}", token);
        Assert.Equal(expected, response.StatusCode);
    }

    private async Task<JsonElement> ComplianceAsync(string path, string token)
    {
        using var response = await registry.SendAsync(HttpMethod.Get, path, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

public sealed class SqliteComplianceTests(SqliteRegistry registry) : ComplianceTests<SqliteRegistry>(registry);

public sealed class PostgresComplianceTests(PostgresRegistry registry) : ComplianceTests<PostgresRegistry>(registry);
