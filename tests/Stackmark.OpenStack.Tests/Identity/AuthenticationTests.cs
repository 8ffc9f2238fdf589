using System.Net;
using System.Text.Json;
using Stackmark.OpenStack.Tests.Support;

namespace Stackmark.OpenStack.Tests.Identity;

public sealed class AuthenticationTests
{
    private static StubHandler KeystoneStub(Func<int> issue)
    {
        var token = Fixture.Read("samples/token-v3.json");
        return new StubHandler()
            .On("POST", "http://keystone.test:5000/v3/auth/tokens",
                _ => StubHandler.Json(HttpStatusCode.Created, token, ("X-Subject-Token", $"tok-{issue()}")));
    }

    [Fact]
    public async Task Password_token_carries_catalog_scope_and_roles()
    {
        var n = 0;
        var stub = KeystoneStub(() => ++n);
        var identity = new IdentityClient(new HttpClient(stub), new Uri("http://keystone.test:5000/v3"));

        var token = await identity.CreateTokenAsync(Some.Cloud().Auth);

        Assert.Equal("tok-1", token.Value);
        Assert.Equal("p1", token.ProjectId);
        Assert.Equal(["member", "reader"], token.Roles);
        Assert.Equal(new Uri("http://127.0.0.1:8080/v1/AUTH_p1"), token.Catalog.FindEndpoint("object-store", "RegionOne")!.Url);
        Assert.Equal(new Uri("http://10.1.1.1:5000/v3/"), token.Catalog.FindEndpoint("identity", "RegionTwo")!.Url);
        Assert.Null(token.Catalog.FindEndpoint("compute"));
        Assert.DoesNotContain("tok-1", token.ToString(), StringComparison.Ordinal);

        using var body = JsonDocument.Parse(stub.Sent.Single().Body!);
        var auth = body.RootElement.GetProperty("auth");
        Assert.Equal("demo", auth.GetProperty("identity").GetProperty("password").GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("Default", auth.GetProperty("scope").GetProperty("project").GetProperty("domain").GetProperty("name").GetString());
    }

    [Fact]
    public void Application_credential_body_has_no_scope()
    {
        var auth = new CloudAuth
        {
            Type = CloudAuthType.ApplicationCredential,
            AuthUrl = new Uri("http://k/v3"),
            ApplicationCredentialId = "ac",
            ApplicationCredentialSecret = "s",
        };

        var body = IdentityClient.BuildAuthBody(auth).ToJsonString();

        Assert.Equal("""{"auth":{"identity":{"methods":["application_credential"],"application_credential":{"secret":"s","id":"ac"}}}}""", body);
    }

    [Fact]
    public async Task Unversioned_auth_url_is_resolved_through_the_version_document()
    {
        var stub = new StubHandler().OnJson("GET", "http://127.0.0.1:5000/", HttpStatusCode.MultipleChoices, Fixture.Read("devcloud/identity-root.json"));
        var identity = new IdentityClient(new HttpClient(stub), new Uri("http://127.0.0.1:5000"));

        Assert.Equal(new Uri("http://127.0.0.1:5000/v3"), await identity.GetV3UrlAsync());
    }

    [Fact]
    public async Task Auth_handler_sends_the_cached_token_and_renews_it_once_on_401()
    {
        var n = 0;
        var stub = KeystoneStub(() => ++n)
            .On("GET", "http://127.0.0.1:8080/info", r => r.Headers.GetValues("X-Auth-Token").Single() == "tok-1"
                ? new HttpResponseMessage(HttpStatusCode.Unauthorized)
                : StubHandler.Json(HttpStatusCode.OK, """{"swift": {}}"""));
        using var connection = OpenStackConnection.Open(Some.Cloud(), stub);
        var swift = connection.CreateObjectStorageClient((await connection.FindEndpointAsync("object-store"))!);

        var info = await swift.GetInfoAsync();
        await swift.GetInfoAsync();

        Assert.Equal(["swift"], info.Names);
        Assert.Equal(2, n);
        Assert.Equal(["tok-2", "tok-2"], stub.Sent.Where(s => s.Request.RequestUri!.AbsolutePath == "/info").Skip(1)
            .Select(s => s.Request.Headers.GetValues("X-Auth-Token").Single()));
    }

    [Fact]
    public async Task Bad_password_is_an_api_exception_with_keystones_message()
    {
        var stub = new StubHandler().OnJson("POST", "http://keystone.test:5000/v3/auth/tokens", HttpStatusCode.Unauthorized,
            """{"error": {"code": 401, "message": "The request you have made requires authentication.", "title": "Unauthorized"}}""",
            ("x-openstack-request-id", "req-9"));
        using var connection = OpenStackConnection.Open(Some.Cloud(), stub);

        var ex = await Assert.ThrowsAsync<OpenStackApiException>(() => connection.AuthenticateAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal("req-9", ex.RequestId);
        Assert.Contains("requires authentication", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_is_renewed_when_close_to_expiry()
    {
        var n = 0;
        var stub = KeystoneStub(() => ++n);
        var clock = new ManualClock(DateTimeOffset.Parse("2031-01-01T11:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var tokens = new KeystoneTokenProvider(new IdentityClient(new HttpClient(stub), new Uri("http://keystone.test:5000/v3")), Some.Cloud().Auth, clock);

        await tokens.GetTokenAsync();
        await tokens.GetTokenAsync();
        clock.Now = clock.Now.AddMinutes(59);
        var renewed = await tokens.GetTokenAsync();

        Assert.Equal("tok-2", renewed.Value);
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
