using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Results;

/// <summary>Subunit uploads: a real Tempest stream keeps every test's status, reason and duration and the raw bytes.</summary>
public abstract class SubunitUploadTests<TFixture>(TFixture registry) : IClassFixture<TFixture>
    where TFixture : RegistryFixture
{
    private const string Subunit = "application/vnd.subunit";

    [SkippableTheory]
    [InlineData("/v1/results/subunit?cpid={0}", "application/octet-stream")]
    [InlineData("/v1/results?cpid={0}", "application/vnd.subunit")]
    public async Task Real_tempest_stream_is_stored_with_every_status_reason_and_duration(string target, string contentType)
    {
        registry.RequireServer();
        var (_, token, key) = await registry.NewSignerAsync();
        var stream = SubunitFixtures.Tempest2019;
        var cpid = Some.Cpid();
        using var response = await registry.Http.SendAsync(SignedRequests.V1(string.Format(System.Globalization.CultureInfo.InvariantCulture, target, cpid), stream, key, contentType));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("test_id").GetString();

        using var testsResponse = await registry.SendAsync(HttpMethod.Get, $"/v1/results/{id}/tests", token);
        var tests = (await testsResponse.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal(123, tests.Count);
        Assert.Equal(81, tests.Count(t => t.GetProperty("status").GetString() == "pass"));
        Assert.Equal(1, tests.Count(t => t.GetProperty("status").GetString() == "fail"));
        Assert.Equal(41, tests.Count(t => t.GetProperty("status").GetString() == "skip"));
        Assert.All(tests.Where(t => t.GetProperty("status").GetString() != "pass"), t => Assert.False(string.IsNullOrEmpty(t.GetProperty("reason").GetString())));
        Assert.All(tests.Where(t => t.GetProperty("status").GetString() == "pass"), t => Assert.True(t.GetProperty("duration_seconds").GetDouble() >= 0));
        Assert.All(tests, t => Assert.DoesNotContain("[", t.GetProperty("name").GetString(), StringComparison.Ordinal));
        Assert.Contains(tests, t => t.GetProperty("uuid").ValueKind == JsonValueKind.String);

        using var runResponse = await registry.SendAsync(HttpMethod.Get, $"/v1/results/{id}", token);
        var run = await runResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("subunit", run.GetProperty("format").GetString());
        Assert.Equal(cpid, run.GetProperty("cpid").GetString());
        Assert.Equal(81, run.GetProperty("results").GetArrayLength());
        Assert.True(run.GetProperty("duration_seconds").GetInt64() > 0);

        using var raw = await registry.SendAsync(HttpMethod.Get, $"/v1/results/{id}/subunit", token);
        Assert.Equal("application/vnd.subunit", raw.Content.Headers.ContentType?.MediaType);
        Assert.Equal(stream, await raw.Content.ReadAsByteArrayAsync());

        // The server judges it with the same engine as JSON uploads.
        using var compliance = await registry.SendAsync(HttpMethod.Get, $"/v1/results/{id}/compliance?guideline=2019.11&target=platform", token);
        Assert.Equal(HttpStatusCode.OK, compliance.StatusCode);
    }

    [SkippableFact]
    public async Task Corrupt_stream_is_400_naming_the_byte_offset_and_nothing_is_stored()
    {
        registry.RequireServer();
        var (_, token, key) = await registry.NewSignerAsync();
        var stream = SubunitFixtures.Tempest2019;
        stream[stream.Length / 2] ^= 0xFF;
        using var response = await registry.Http.SendAsync(SignedRequests.V1($"/v1/results/subunit?cpid={Some.Cpid()}", stream, key, Subunit));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Corrupt subunit stream", error.GetProperty("title").GetString());
        Assert.Matches("byte offset [0-9]+", error.GetProperty("detail").GetString());

        var truncated = SubunitFixtures.Tempest2019[..^7];
        using var cut = await registry.Http.SendAsync(SignedRequests.V1($"/v1/results/subunit?cpid={Some.Cpid()}", truncated, key, Subunit));
        Assert.Equal(HttpStatusCode.BadRequest, cut.StatusCode);
        Assert.Contains("offset", await cut.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var mine = await registry.SendAsync(HttpMethod.Get, "/v1/results?signed", token);
        Assert.Empty((await mine.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray());
    }

    [SkippableFact]
    public async Task Subunit_upload_needs_a_cpid_a_valid_signature_and_some_tests()
    {
        registry.RequireServer();
        var (_, _, key) = await registry.NewSignerAsync();
        var stream = SubunitFixtures.Tempest2019;
        using var noCpid = await registry.Http.SendAsync(SignedRequests.V1("/v1/results/subunit", stream, key, Subunit));
        Assert.Equal(HttpStatusCode.BadRequest, noCpid.StatusCode);
        Assert.Contains("cpid", await noCpid.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Signed over other bytes.
        var request = SignedRequests.V1($"/v1/results/subunit?cpid={Some.Cpid()}", stream, key);
        request.Content = new ByteArrayContent(SubunitFixtures.Read("tempest-sample.subunit"));
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(Subunit);
        using var tampered = await registry.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Contains("verification failed", await tampered.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var empty = await registry.Http.SendAsync(SignedRequests.V1($"/v1/results/subunit?cpid={Some.Cpid()}", [], key, Subunit));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        using var unsigned = await registry.Http.SendAsync(SignedRequests.Unsigned($"/v1/results/subunit?cpid={Some.Cpid()}", stream, "application/vnd.subunit"));
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
    }
}

public sealed class SqliteSubunitUploadTests(SqliteRegistry registry) : SubunitUploadTests<SqliteRegistry>(registry);

public sealed class PostgresSubunitUploadTests(PostgresRegistry registry) : SubunitUploadTests<PostgresRegistry>(registry);
