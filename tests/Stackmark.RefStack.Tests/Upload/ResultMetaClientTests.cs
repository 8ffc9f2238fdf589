using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Stackmark.RefStack.Tests.Support;

namespace Stackmark.RefStack.Tests.Upload;

/// <summary><see cref="ResultMetaClient"/> against <see cref="FakeRefStack"/>: the requests on the wire, refusals, and where a token may go.</summary>
public sealed class ResultMetaClientTests : IDisposable
{
    private const string Id = "0195f0a2-8c1e-7b44-9a3c-2f1d6e5b4a39";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };

    private ResultMetaClient Client => new(_http);

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Meta_is_a_post_of_the_raw_value_with_the_bearer_token()
    {
        await using var server = new FakeRefStack(_ => (201, ""));

        var result = await Client.SetMetaAsync(server.BaseUrl, Id, "region", "Région Two", "smk_secret");

        Assert.True(result.Success, result.ToString());
        Assert.Equal(201, result.StatusCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", $"/api/v1/results/{Id}/meta/region"), (request.Method, request.Path));
        Assert.Equal("Bearer smk_secret", request.Header("Authorization"));
        Assert.StartsWith("text/plain", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("Région Two", Encoding.UTF8.GetString(request.Body));
    }

    [Fact]
    public async Task A_link_is_a_put_of_the_product_version_id_and_any_2xx_is_success()
    {
        // Stackmark answers 200 with the run; RefStack answered 201.
        await using var server = new FakeRefStack(_ => (200, "{}"));

        var result = await Client.LinkProductVersionAsync(server.BaseUrl, Id, "7f9c1d2e-0000-4000-8000-000000000001", "smk_secret");

        Assert.True(result.Success, result.ToString());
        var request = Assert.Single(server.Requests);
        Assert.Equal(("PUT", $"/api/v1/results/{Id}"), (request.Method, request.Path));
        Assert.Equal("Bearer smk_secret", request.Header("Authorization"));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("""{"product_version_id":"7f9c1d2e-0000-4000-8000-000000000001"}""", body.RootElement.GetRawText());
    }

    [Theory]
    [InlineData(400, """{"code": 400, "title": "Unknown region", "detail": "product \"P\" declares no region \"RegionTwo\"; it declares: RegionOne"}""",
        "Unknown region: product \"P\" declares no region \"RegionTwo\"; it declares: RegionOne")]
    [InlineData(401, """{"title": "Unauthorized", "code": 401}""", "Unauthorized")]
    [InlineData(403, "", "403 Forbidden")]
    public async Task A_refusal_carries_the_status_and_the_registrys_own_words(int status, string body, string error)
    {
        await using var server = new FakeRefStack(_ => (status, body));

        var result = await Client.SetMetaAsync(server.BaseUrl, Id, "region", "RegionTwo", "smk_secret");

        Assert.False(result.Success);
        Assert.Equal((status, error), (result.StatusCode, result.Error));
    }

    [Fact]
    public async Task An_unreachable_registry_is_a_transport_failure()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var result = await Client.SetMetaAsync(new Uri($"http://127.0.0.1:{port}"), Id, "target", "object", "smk_secret");

        Assert.False(result.Success);
        Assert.Null(result.StatusCode);
        Assert.Contains($"could not reach http://127.0.0.1:{port}/v1/results/{Id}/meta/target", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://refstack.example.org/api", true)]
    [InlineData("http://127.0.0.1:8000", true)]
    [InlineData("http://127.10.0.1:8000", true)]
    [InlineData("http://localhost:8000", true)]
    [InlineData("http://[::1]:8000", true)]
    [InlineData("http://refstack.example.org/api", false)]
    [InlineData("http://10.0.0.5:8000", false)]
    [InlineData("http://127.0.0.1.example.org/", false)]
    public void A_token_goes_only_over_https_or_to_a_loopback_address(string url, bool allowed) =>
        Assert.Equal(allowed, ResultMetaClient.MaySendToken(new Uri(url)));

    [Fact]
    public async Task Sending_a_token_in_clear_to_another_machine_throws_before_any_request()
    {
        // .invalid never resolves (RFC 2606), so even a regression here sends nothing anywhere.
        var remote = new Uri("http://registry.stackmark.invalid/api");

        var meta = await Assert.ThrowsAsync<ArgumentException>(() => Client.SetMetaAsync(remote, Id, "region", "RegionTwo", "smk_secret"));
        await Assert.ThrowsAsync<ArgumentException>(() => Client.LinkProductVersionAsync(remote, Id, "v1", "smk_secret"));
        Assert.Contains("only sent over https or to a loopback address", meta.Message, StringComparison.Ordinal);
    }
}
