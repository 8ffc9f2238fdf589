using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Stackmark.Cli.Tests.Support;

/// <summary>
/// Just enough of a cloud on 127.0.0.1 for `stackmark run` to discover: Keystone's version document and tokens (an
/// admin with identity and object-store in the catalog) and Swift's /info. Tests that fake Tempest need no more.
/// </summary>
internal sealed class StubKeystone : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public StubKeystone()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string AuthUrl => $"http://127.0.0.1:{Port}/v3";

    /// <summary>A clouds.yaml with this cloud as <paramref name="name"/>.</summary>
    public string CloudsYaml(string name) => $$"""
        clouds:
          {{name}}:
            auth: {auth_url: "{{AuthUrl}}", username: admin, password: pw, project_name: admin, user_domain_name: Default, project_domain_name: Default}
            region_name: RegionOne
        """;

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Stopping the listener ends the loop with an exception.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var (status, body) = Answer(context.Request.HttpMethod, context.Request.Url!.AbsolutePath.TrimEnd('/'));
            if (status == 201)
            {
                context.Response.Headers["X-Subject-Token"] = "stub-token";
            }

            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private (int Status, string Body) Answer(string method, string path) => (method, path) switch
    {
        ("GET", "") => (300, $$$"""{"versions": {"values": [{"id": "v3.14", "status": "stable", "links": [{"rel": "self", "href": "{{{AuthUrl}}}/"}]}]}}"""),
        ("GET", "/v3") => (200, $$$"""{"version": {"id": "v3.14", "status": "stable", "links": [{"rel": "self", "href": "{{{AuthUrl}}}/"}]}}"""),
        ("POST", "/v3/auth/tokens") => (201, $$$"""
            {"token": {"expires_at": "2099-01-01T00:00:00Z", "user": {"id": "u-admin", "name": "admin"},
              "project": {"id": "p-admin", "name": "admin", "domain": {"name": "Default"}}, "roles": [{"name": "admin"}],
              "catalog": [
                {"type": "identity", "id": "stub-identity", "name": "keystone", "endpoints": [{"interface": "public", "region": "RegionOne", "url": "{{{AuthUrl}}}"}]},
                {"type": "object-store", "id": "stub-swift", "name": "swift", "endpoints": [{"interface": "public", "region": "RegionOne", "url": "http://127.0.0.1:{{{Port}}}/swift/v1/AUTH_p-admin"}]}]}}
            """),
        ("GET", "/info") => (200, """{"swift": {"version": "2.30.0"}}"""),
        _ => (404, """{"error": {"code": 404, "message": "not in the stub"}}"""),
    };

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
