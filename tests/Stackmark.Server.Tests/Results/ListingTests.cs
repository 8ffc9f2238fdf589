using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Results;

/// <summary>GET /v1/results: visibility, filters, RefStack paging and the keyset cursor.</summary>
public abstract class ListingTests<TFixture>(TFixture registry) : IClassFixture<TFixture>
    where TFixture : RegistryFixture
{
    [SkippableFact]
    public async Task Signed_results_are_private_until_shared()
    {
        registry.RequireServer();
        var (_, token, key) = await registry.NewSignerAsync();
        var cpid = Some.Cpid();
        var upload = await registry.UploadAsync(Some.Results(cpid), key);
        Assert.Equal(0, (await ListAsync($"/v1/results?cpid={cpid}")).GetProperty("results").GetArrayLength());

        using (var share = await registry.SendAsync(HttpMethod.Post, $"/v1/results/{upload.TestId}/meta/shared", token, new StringContent("true")))
        {
            Assert.Equal(HttpStatusCode.Created, share.StatusCode);
        }

        var listed = (await ListAsync($"/v1/results?cpid={cpid}")).GetProperty("results").EnumerateArray().Single();
        Assert.Equal(upload.TestId, listed.GetProperty("id").GetString());
        Assert.Equal(0, listed.GetProperty("verification_status").GetInt32());
        Assert.Equal("true", listed.GetProperty("meta").GetProperty("shared").GetString());
        Assert.False(listed.GetProperty("meta").TryGetProperty("user", out _));

        // Anonymous readers now see it, as "user", without the cpid.
        using var run = await registry.SendAsync(HttpMethod.Get, $"/v1/results/{upload.TestId}");
        var detail = await run.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("user", detail.GetProperty("user_role").GetString());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("cpid").ValueKind);
    }

    [SkippableFact]
    public async Task Pages_and_cursors_walk_every_run_newest_first_exactly_once()
    {
        registry.RequireServer();
        var (_, token, key) = await registry.NewSignerAsync();
        var ids = new List<string>();
        for (var i = 0; i < 45; i++)
        {
            var upload = await registry.UploadAsync(Some.Results(tests: 1), key);
            Assert.True(upload.Success, upload.Error);
            ids.Add(upload.TestId!);
        }

        ids.Reverse();
        var first = await ListAsync("/v1/results?signed", token);
        Assert.Equal(3, first.GetProperty("pagination").GetProperty("total_pages").GetInt32());
        Assert.Equal(1, first.GetProperty("pagination").GetProperty("current_page").GetInt32());

        var byPage = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            byPage.AddRange(Ids(await ListAsync($"/v1/results?signed&page={page}", token)));
        }

        Assert.Equal(ids, byPage);

        var byCursor = new List<string>();
        var body = first;
        while (true)
        {
            byCursor.AddRange(Ids(body));
            if (body.GetProperty("pagination").GetProperty("next_cursor").GetString() is not { } next)
            {
                break;
            }

            body = await ListAsync($"/v1/results?signed&cursor={next}", token);
        }

        Assert.Equal(ids, byCursor);

        using var tooFar = await registry.SendAsync(HttpMethod.Get, "/v1/results?signed&page=4", token);
        Assert.Equal(HttpStatusCode.BadRequest, tooFar.StatusCode);
    }

    [SkippableFact]
    public async Task Filters_select_by_cpid_date_and_verification_status()
    {
        registry.RequireServer();
        var (_, token, key) = await registry.NewSignerAsync();
        var cpid = Some.Cpid();
        await registry.UploadAsync(Some.Results(cpid), key);
        await registry.UploadAsync(Some.Results(cpid), key);
        await registry.UploadAsync(Some.Results(), key);

        Assert.Equal(2, (await ListAsync($"/v1/results?signed&cpid={cpid}", token)).GetProperty("results").GetArrayLength());
        Assert.Equal(3, (await ListAsync("/v1/results?signed&verification_status=0", token)).GetProperty("results").GetArrayLength());
        Assert.Equal(0, (await ListAsync("/v1/results?signed&verification_status=1", token)).GetProperty("results").GetArrayLength());

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(3, (await ListAsync($"/v1/results?signed&start_date={today}%2000:00:00", token)).GetProperty("results").GetArrayLength());
        Assert.Equal(0, (await ListAsync("/v1/results?signed&end_date=2001-01-01%2000:00:00", token)).GetProperty("results").GetArrayLength());
        Assert.Equal(3, (await ListAsync("/v1/results?signed&start_date=2001-01-01&end_date=2999-01-01%2000:00:00", token)).GetProperty("results").GetArrayLength());
    }

    [SkippableTheory]
    [InlineData("/v1/results?signed")]
    [InlineData("/v1/results?page=0")]
    [InlineData("/v1/results?page=x")]
    [InlineData("/v1/results?start_date=yesterday")]
    [InlineData("/v1/results?start_date=2020-02-02&end_date=2020-01-01")]
    [InlineData("/v1/results?verification_status=2")]
    [InlineData("/v1/results?cursor=abc")]
    [InlineData("/v1/results?product_id=nope")]
    public async Task Bad_listing_parameters_are_400(string path)
    {
        registry.RequireServer();
        using var response = await registry.SendAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [SkippableFact]
    public async Task Delete_is_for_the_owner_or_foundation_only()
    {
        registry.RequireServer();
        var (_, token, key) = await registry.NewSignerAsync();
        var upload = await registry.UploadAsync(Some.Results(tests: 5), key);
        var runId = Guid.Parse(upload.TestId!);
        Assert.Equal(5, await registry.StoredTestRowsAsync(runId));
        var (_, other) = await registry.NewUserAsync();

        using (var anonymous = await registry.SendAsync(HttpMethod.Delete, $"/v1/results/{upload.TestId}"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (var stranger = await registry.SendAsync(HttpMethod.Delete, $"/v1/results/{upload.TestId}", other))
        {
            Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        }

        using (var owner = await registry.SendAsync(HttpMethod.Delete, $"/v1/results/{upload.TestId}", token))
        {
            Assert.Equal(HttpStatusCode.NoContent, owner.StatusCode);
        }

        using var gone = await registry.SendAsync(HttpMethod.Get, $"/v1/results/{upload.TestId}", token);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);

        // Test rows have no foreign key to cascade from: the delete removes them itself.
        Assert.Equal(0, await registry.StoredTestRowsAsync(runId));
    }

    [SkippableFact]
    public async Task Metadata_keys_are_limited_and_checked()
    {
        registry.RequireServer();
        var (_, token, key) = await registry.NewSignerAsync();
        var upload = await registry.UploadAsync(Some.Results(tests: 5), key);
        var runId = Guid.Parse(upload.TestId!);
        Assert.Equal(5, await registry.StoredTestRowsAsync(runId));
        var (_, other) = await registry.NewUserAsync();
        using (var foreign = await registry.SendAsync(HttpMethod.Post, $"/v1/results/{upload.TestId}/meta/guideline", other, new StringContent("2020.06.json")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        }

        using (var badKey = await registry.SendAsync(HttpMethod.Post, $"/v1/results/{upload.TestId}/meta/user", token, new StringContent("me")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, badKey.StatusCode);
        }

        using (var badValue = await registry.SendAsync(HttpMethod.Post, $"/v1/results/{upload.TestId}/meta/guideline", token, new StringContent("latest")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badValue.StatusCode);
        }

        using (var ok = await registry.SendAsync(HttpMethod.Post, $"/v1/results/{upload.TestId}/meta/guideline", token, new StringContent("2020.06.json")))
        {
            Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        }

        using var meta = await registry.SendAsync(HttpMethod.Get, $"/v1/results/{upload.TestId}/meta", token);
        Assert.Equal("2020.06.json", (await meta.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("guideline").GetString());
    }

    private async Task<JsonElement> ListAsync(string path, string? token = null)
    {
        using var response = await registry.SendAsync(HttpMethod.Get, path, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static IEnumerable<string> Ids(JsonElement page) => page.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()!);
}

public sealed class SqliteListingTests(SqliteRegistry registry) : ListingTests<SqliteRegistry>(registry);

public sealed class PostgresListingTests(PostgresRegistry registry) : ListingTests<PostgresRegistry>(registry);
