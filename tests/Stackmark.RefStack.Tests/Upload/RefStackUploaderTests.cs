using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Stackmark.RefStack.Tests.Support;

namespace Stackmark.RefStack.Tests.Upload;

[Collection(SshKeysCollection.Name)]
public sealed class RefStackUploaderTests(SshKeys keys) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };
    private readonly RSA _key = RSA.Create(2048);

    private RefStackUploader Uploader => new(_http);

    public void Dispose()
    {
        _http.Dispose();
        _key.Dispose();
    }

    [Fact]
    public async Task Signed_upload_sends_exact_body_and_headers_and_reports_201()
    {
        await using var server = new FakeRefStack();
        server.RegisteredKeys.Add(SshPublicKey.FromRsa(_key).ToHeaderValue().Split(' ')[1]);

        var result = await Uploader.UploadAsync(server.BaseUrl, Some.Results(), _key);

        Assert.True(result.Success, result.ToString());
        Assert.Equal(201, result.StatusCode);
        Assert.True(Guid.TryParse(result.TestId, out _));
        Assert.Equal($"https://refstack.example.org/#/results/{result.TestId}", result.Url!.ToString());
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/v1/results/", request.Path);
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal(RefStackJson.Serialize(Some.Results()), request.Body);
        Assert.Equal(ResultSigner.Sign(request.Body, _key), request.Header("X-Signature"));
        Assert.Equal(SshPublicKey.FromRsa(_key).ToHeaderValue(), request.Header("X-Public-Key"));
        Assert.Equal(2, request.Header("X-Public-Key")!.Split(' ').Length);
    }

    [Fact]
    public async Task Unsigned_upload_has_no_signature_headers()
    {
        await using var server = new FakeRefStack();

        var result = await Uploader.UploadAsync(server.BaseUrl, Some.Results(), null);

        Assert.True(result.Success, result.ToString());
        var request = Assert.Single(server.Requests);
        Assert.Null(request.Header("X-Signature"));
        Assert.Null(request.Header("X-Public-Key"));
    }

    [Fact]
    public async Task Base_with_trailing_slash_posts_to_the_same_path()
    {
        await using var server = new FakeRefStack();

        await Uploader.UploadAsync(new Uri(server.BaseUrl + "/"), Some.Results(), null);

        Assert.Equal("/api/v1/results/", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task Unregistered_key_gets_401_with_the_servers_message()
    {
        await using var server = new FakeRefStack();

        var result = await Uploader.UploadAsync(server.BaseUrl, Some.Results(), _key);

        Assert.False(result.Success);
        Assert.False(result.IsTransportFailure);
        Assert.Equal(401, result.StatusCode);
        Assert.Equal("User with specified key not found", result.Error);
        Assert.Null(result.TestId);
    }

    [Fact]
    public async Task Body_changed_after_signing_gets_400_with_the_servers_detail()
    {
        await using var server = new FakeRefStack();
        var body = RefStackJson.Serialize(Some.Results());

        // Sign one body, send another: the server's own verification must refuse it.
        var tampered = System.Text.Encoding.ASCII.GetBytes(System.Text.Encoding.ASCII.GetString(body).Replace("4711", "4712", StringComparison.Ordinal));
        var result = await new RefStackUploader(new HttpClient(new SwapBodyHandler(tampered) { InnerHandler = new SocketsHttpHandler() }))
            .UploadAsync(server.BaseUrl, body, _key);

        Assert.Equal(400, result.StatusCode);
        Assert.Equal("Bad Request: Signature verification failed", result.Error);
    }

    [Fact]
    public async Task Malformed_body_gets_400_malformed_request()
    {
        await using var server = new FakeRefStack();

        var result = await Uploader.UploadAsync(server.BaseUrl, "{not json"u8.ToArray(), null);

        Assert.Equal(400, result.StatusCode);
        Assert.Equal("Bad Request: Malformed request", result.Error);
    }

    [Theory]
    [InlineData(200, """{"test_id": "abc", "url": "https://x/#/results/abc"}""")]
    [InlineData(202, "")]
    [InlineData(204, "")]
    [InlineData(500, "<html>Internal Server Error</html>")]
    public async Task Any_status_but_201_is_a_failure(int status, string body)
    {
        await using var server = new FakeRefStack(_ => (status, body));

        var result = await Uploader.UploadAsync(server.BaseUrl, Some.Results(), _key);

        Assert.False(result.Success);
        Assert.Equal(status, result.StatusCode);
        Assert.NotEmpty(result.Error!);
        Assert.Null(result.TestId);
    }

    [Fact]
    public async Task Server_text_is_returned_when_the_error_body_is_not_json()
    {
        await using var server = new FakeRefStack(_ => (503, "upstream down"));

        var result = await Uploader.UploadAsync(server.BaseUrl, Some.Results(), null);

        Assert.Equal("upstream down", result.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"url": "https://x/"}""")]
    [InlineData("""{"test_id": 5}""")]
    public async Task Created_without_a_test_id_is_not_reported_as_success(string body)
    {
        await using var server = new FakeRefStack(_ => (201, body));

        var result = await Uploader.UploadAsync(server.BaseUrl, Some.Results(), null);

        Assert.False(result.Success);
        Assert.Equal(201, result.StatusCode);
        Assert.Contains("may be stored under an unknown id", result.Error);
    }

    [Fact]
    public async Task Closed_port_is_a_transport_failure()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await Uploader.UploadAsync(new Uri($"http://127.0.0.1:{port}/api"), Some.Results(), _key);

        Assert.False(result.Success);
        Assert.True(result.IsTransportFailure);
        Assert.Null(result.StatusCode);
        Assert.StartsWith($"could not reach http://127.0.0.1:{port}/api/v1/results/", result.Error);
    }

    [Fact]
    public async Task Caller_cancellation_throws_rather_than_reporting_a_failure()
    {
        await using var server = new FakeRefStack();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Uploader.UploadAsync(server.BaseUrl, Some.Results(), null, cancelled.Token));
    }

    [SkippableFact]
    public async Task Upload_signed_with_an_openssh_key_verifies_with_openssl_on_the_server_side()
    {
        using var key = PrivateKeyFile.Load(keys.RsaOpenSsh).Value!;
        await using var server = new FakeRefStack();
        server.RegisteredKeys.Add(SshPublicKey.FromRsa(key).ToHeaderValue().Split(' ')[1]);

        var result = await Uploader.UploadAsync(server.BaseUrl, Some.Results(), key);

        Assert.True(result.Success, result.ToString());
        var request = Assert.Single(server.Requests);
        var pub = keys.Write("upload.pub", request.Header("X-Public-Key")!);
        var pem = keys.Write("upload.pub.pem", Tool.Ok("ssh-keygen", "-e", "-m", "PKCS8", "-f", pub));
        var sig = keys.Write("upload.sig", Convert.FromHexString(request.Header("X-Signature")!));
        var body = keys.Write("upload.json", request.Body);
        Assert.Equal("Verified OK", Tool.Ok("openssl", "dgst", "-sha256", "-verify", pem, "-signature", sig, body).Trim());
    }

    [Theory]
    [InlineData("https://refstack.openstack.org/api", "https://refstack.openstack.org/api/v1/results/")]
    [InlineData("https://refstack.openstack.org/api/", "https://refstack.openstack.org/api/v1/results/")]
    [InlineData("https://refstack.openstack.org//api//", "https://refstack.openstack.org/api/v1/results/")]
    [InlineData("http://127.0.0.1:8000", "http://127.0.0.1:8000/v1/results/")]
    [InlineData("http://127.0.0.1:8000/", "http://127.0.0.1:8000/v1/results/")]
    [InlineData("https://h/api?x=1#f", "https://h/api/v1/results/")]
    public void Results_endpoint_collapses_slashes(string baseUrl, string expected)
    {
        Assert.Equal(expected, RefStackUploader.ResultsEndpoint(new Uri(baseUrl)).ToString());
    }

    [Fact]
    public void Results_endpoint_refuses_non_http_bases()
    {
        Assert.Throws<ArgumentException>(() => RefStackUploader.ResultsEndpoint(new Uri("ftp://h/api")));
    }

    /// <summary>Replaces the body after signing, to show the server's check is real.</summary>
    private sealed class SwapBodyHandler(byte[] body) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var type = request.Content!.Headers.ContentType;
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = type;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
