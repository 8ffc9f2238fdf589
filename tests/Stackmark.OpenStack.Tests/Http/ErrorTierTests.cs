using System.Net;
using Stackmark.OpenStack.Tests.Support;

namespace Stackmark.OpenStack.Tests.Http;

public sealed class ErrorTierTests
{
    [Theory]
    [InlineData("""{"error": {"code": 401, "message": "The request you have made requires authentication.", "title": "Unauthorized"}}""", "The request you have made requires authentication.")]
    [InlineData("""{"itemNotFound": {"code": 404, "message": "Flavor 42 could not be found."}}""", "Flavor 42 could not be found.")]
    [InlineData("""{"NeutronError": {"type": "NetworkNotFound", "message": "Network x could not be found.", "detail": ""}}""", "Network x could not be found.")]
    [InlineData("<html><h1>401 Unauthorized</h1>\n<p>This server could not verify that you are authorized.</p></html>", "401 Unauthorized This server could not verify that you are authorized.")]
    public void Fault_messages_are_parsed_from_each_service_dialect(string body, string expected)
    {
        Assert.Equal(expected, OpenStackHttp.ParseFault(body));
    }

    [Fact]
    public async Task Error_status_becomes_an_api_exception_with_status_request_id_and_fault()
    {
        var stub = new StubHandler().OnJson("GET", "http://nova.test/v2.1/flavors/detail", HttpStatusCode.Forbidden,
            """{"forbidden": {"code": 403, "message": "Policy doesn't allow it."}}""", ("x-compute-request-id", "req-123"));
        var client = new ComputeClient(new HttpClient(stub), new Uri("http://nova.test/v2.1"));

        var ex = await Assert.ThrowsAsync<OpenStackApiException>(() => client.ListFlavorsDetailAsync());

        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Equal("req-123", ex.RequestId);
        Assert.Equal("Policy doesn't allow it.", ex.FaultMessage);
        Assert.Contains("GET http://nova.test/v2.1/flavors/detail returned 403", ex.Message, StringComparison.Ordinal);
        Assert.Contains("req-123", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_connection_becomes_a_transient_transport_exception()
    {
        using var http = new HttpClient();
        var client = new ObjectStorageClient(http, new Uri("http://127.0.0.1:1/v1/AUTH_x"));

        var ex = await Assert.ThrowsAsync<OpenStackTransportException>(() => client.GetInfoAsync());

        Assert.True(ex.IsTransient);
        Assert.Equal(new Uri("http://127.0.0.1:1/info"), ex.RequestUri);
        Assert.Contains("127.0.0.1:1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_disguised_as_a_transport_failure()
    {
        using var http = new HttpClient();
        var client = new ObjectStorageClient(http, new Uri("http://127.0.0.1:1/v1"));
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetInfoAsync(cts.Token));
    }

    [Fact]
    public void Caller_bugs_are_clr_exceptions()
    {
        Assert.Throws<ArgumentNullException>(() => new ComputeClient(null!, new Uri("http://x")));
        Assert.Throws<ArgumentException>(() => CpidResolver.HostnameMd5("ftp://keystone"));
    }
}
