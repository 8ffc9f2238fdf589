using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Guidelines;

/// <summary>/v1/guidelines against the official files: lists equal to <see cref="GuidelineQueries.TestListLines"/>.</summary>
public sealed class GuidelinesApiTests(SqliteRegistry registry) : IClassFixture<SqliteRegistry>
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(Interop.Directory, "*.json").Concat(Directory.EnumerateFiles(Path.Combine(Interop.Directory, "add-ons"), "*.json")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Test_lists_equal_the_domain_query_for_every_official_file_target_and_option(string file)
    {
        var g = Interop.Load(file);
        foreach (var target in g.Targets.Select(t => t.Key))
        {
            foreach (var (type, statuses) in new[] { ((string?)null, (IReadOnlyList<CapabilityStatus>?)null), ("required", [CapabilityStatus.Required]), ("advisory,deprecated", [CapabilityStatus.Advisory, CapabilityStatus.Deprecated]) })
            {
                foreach (var (alias, flag) in new[] { (true, true), (false, false), (true, false) })
                {
                    var query = $"/v1/guidelines/{file}/tests?target={target}&alias={alias}&flag={(flag ? "yes" : "no")}" + (type is null ? "" : $"&type={type}");
                    var expected = string.Join('\n', g.TestListLines(new TestListQuery(target, statuses, IncludeFlagged: flag, IncludeAliases: alias)));
                    using var response = await registry.Http.GetAsync(new Uri(query, UriKind.Relative));
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
                    Assert.Equal(expected, await response.Content.ReadAsStringAsync());
                }
            }
        }
    }

    [Fact]
    public async Task Refstack_client_default_call_gives_the_platform_list()
    {
        var g = Interop.Load("2020.06");
        var body = await registry.Http.GetStringAsync(new Uri("/v1/guidelines/2020.06.json/tests?target=platform&type=required&alias=true&flag=false", UriKind.Relative));
        Assert.Equal(string.Join('\n', g.TestListLines(new TestListQuery("platform", [CapabilityStatus.Required], IncludeFlagged: false))), body);
        Assert.Contains("[id-", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_add_on_target_asked_of_a_core_version_uses_the_add_on_file()
    {
        var dns = Interop.Load("dns.2020.06");
        var body = await registry.Http.GetStringAsync(new Uri("/v1/guidelines/2020.06/tests?target=dns", UriKind.Relative));
        Assert.Equal(string.Join('\n', dns.TestListLines(new TestListQuery("dns"))), body);
    }

    [Theory]
    [InlineData("/v1/guidelines/20.06/tests", HttpStatusCode.BadRequest)]
    [InlineData("/v1/guidelines/1999.01/tests", HttpStatusCode.NotFound)]
    [InlineData("/v1/guidelines/2020.06/tests?target=moon", HttpStatusCode.BadRequest)]
    [InlineData("/v1/guidelines/2020.06/tests?type=optional", HttpStatusCode.BadRequest)]
    [InlineData("/v1/guidelines/nope.json", HttpStatusCode.BadRequest)]
    [InlineData("/v1/guidelines/2001.01.json", HttpStatusCode.NotFound)]
    public async Task Bad_version_target_or_type_is_a_4xx_not_refstacks_200(string path, HttpStatusCode expected)
    {
        using var response = await registry.Http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal((int)expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task The_list_groups_core_and_add_on_files_newest_first()
    {
        var list = await registry.Http.GetFromJsonAsync<JsonElement>(new Uri("/v1/guidelines", UriKind.Relative));
        var powered = list.GetProperty("powered").EnumerateArray().Select(e => e.GetProperty("file").GetString()).ToList();
        Assert.Equal("next.json", powered[0]);
        Assert.Equal("2020.06.json", powered[1]);
        var dns = list.GetProperty("dns").EnumerateArray().First(e => e.GetProperty("file").GetString() == "dns.2020.06.json");
        Assert.Equal("2020.06.json", dns.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_guideline_file_is_served_raw()
    {
        var bytes = await registry.Http.GetByteArrayAsync(new Uri("/v1/guidelines/dns.2020.06.json", UriKind.Relative));
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(Interop.Directory, "add-ons", "dns.2020.06.json")), bytes);
    }

    [Fact]
    public async Task The_openapi_document_and_the_upload_schema_are_served()
    {
        var openApi = await registry.Http.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));
        var paths = openApi.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/v1/results", out _) || paths.TryGetProperty("/v1/results/", out _));
        Assert.True(paths.TryGetProperty("/v1/guidelines/{file}/tests", out _));
        foreach (var path in new[] { "/v1/vendors/{id}/action", "/v1/vendors/{id}/users/{openid}", "/v1/products/{id}/versions/{versionId}", "/v1/results/subunit", "/v1/results/full", "/v1/results/{id}/verification",
            "/v1/scoring/{guideline}/capabilities/{capability}", "/v1/scoring/{guideline}/history", "/v1/flags/approved", "/v1/flags/{id}/approve", "/v1/products/{id}/waivers/{waiverId}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }

        var schema = await registry.Http.GetFromJsonAsync<JsonElement>(new Uri("/v1/results/schema", UriKind.Relative));
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
    }
}
