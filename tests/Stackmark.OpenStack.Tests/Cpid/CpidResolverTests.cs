using System.Net;
using System.Text.Json;
using Stackmark.OpenStack.Tests.Support;

namespace Stackmark.OpenStack.Tests.Cpid;

public sealed class CpidResolverTests
{
    // Expected values computed with Python: hashlib.md5(urlparse(url).hostname.encode()).hexdigest()
    [Theory]
    [InlineData("http://127.0.0.1:5000/v3/auth/tokens", "f528764d624db129b32c21fbca0cb8d6")]
    [InlineData("https://User:pw@Keystone.Example.COM:5000/identity/v3", "b33dc8a37c8607c6a7612f6296139578")]
    [InlineData("http://keystone.example.com", "b33dc8a37c8607c6a7612f6296139578")]
    [InlineData("http://[fe80::1]:5000/v3", "1b29d948bb37422fb64d7ca5ef0b16ad")]
    public void Fallback_is_md5_of_the_lowercased_hostname_ignoring_port_path_and_user(string url, string md5)
    {
        Assert.Equal(md5, CpidResolver.HostnameMd5(url));
    }

    [Theory]
    [InlineData("keystone.example.com:5000/v3")]
    [InlineData("ftp://keystone.example.com/v3")]
    public void Non_http_urls_are_rejected_like_refstack_client(string url)
    {
        Assert.Throws<ArgumentException>(() => CpidResolver.HostnameMd5(url));
    }

    [Fact]
    public void V3_cpid_is_the_first_identity_service_with_a_non_empty_id()
    {
        using var doc = JsonDocument.Parse(Fixture.Read("samples/token-v3.json"));

        Assert.Equal(new CpidResult("svc-keystone", CpidMethod.IdentityServiceId), CpidResolver.FromV3TokenBody(doc.RootElement));
    }

    [Fact]
    public void V2_cpid_is_the_first_endpoint_id_of_the_identity_service()
    {
        using var doc = JsonDocument.Parse(Fixture.Read("samples/access-v2.json"));

        Assert.Equal(new CpidResult("ep-identity-1", CpidMethod.IdentityEndpointId), CpidResolver.FromV2AccessBody(doc.RootElement));
    }

    private static CpidRequest Request(string version = "v3", string uri = "http://keystone.test:5000/v3/") => new()
    {
        AuthVersion = version,
        IdentityUri = new Uri(uri),
        Username = "demo",
        Password = "pw",
        ProjectName = "demo",
    };

    [Fact]
    public async Task V3_request_scopes_the_project_by_name_in_the_domain_and_returns_the_service_id()
    {
        var stub = new StubHandler().OnJson("POST", "http://keystone.test:5000/v3/auth/tokens", HttpStatusCode.Created, Fixture.Read("samples/token-v3.json"));

        var result = await CpidResolver.ResolveAsync(new HttpClient(stub), Request());

        Assert.Equal(new CpidResult("svc-keystone", CpidMethod.IdentityServiceId), result);
        Assert.Equal(
            """{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"demo","domain":{"name":"Default"},"password":"pw"}}},"scope":{"project":{"name":"demo","domain":{"name":"Default"}}}}}""",
            stub.Sent.Single().Body);
    }

    [Fact]
    public async Task V2_request_posts_to_tokens_with_tenant_and_returns_the_endpoint_id()
    {
        var stub = new StubHandler().OnJson("POST", "http://keystone.test:5000/v2.0/tokens", HttpStatusCode.OK, Fixture.Read("samples/access-v2.json"));

        var result = await CpidResolver.ResolveAsync(new HttpClient(stub), Request("v2", "http://keystone.test:5000/v2.0"));

        Assert.Equal(CpidMethod.IdentityEndpointId, result.Method);
        Assert.Equal("""{"auth":{"passwordCredentials":{"username":"demo","password":"pw"},"tenantName":"demo"}}""", stub.Sent.Single().Body);
    }

    [Fact]
    public async Task Rejected_credentials_fall_back_to_the_hostname_hash_with_the_reason()
    {
        var stub = new StubHandler().OnJson("POST", "http://keystone.test:5000/v3/auth/tokens", HttpStatusCode.Unauthorized,
            """{"error": {"code": 401, "message": "The request you have made requires authentication."}}""");

        var result = await CpidResolver.ResolveAsync(new HttpClient(stub), Request());

        Assert.Equal(CpidMethod.HostnameMd5, result.Method);
        Assert.Equal(CpidResolver.HostnameMd5("http://keystone.test"), result.Cpid);
        Assert.Contains("401", result.FallbackReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalog_without_identity_falls_back_to_the_hostname_hash()
    {
        var stub = new StubHandler().OnJson("POST", "http://keystone.test:5000/v3/auth/tokens", HttpStatusCode.Created, """{"token": {"catalog": []}}""");

        var result = await CpidResolver.ResolveAsync(new HttpClient(stub), Request());

        Assert.Equal(CpidMethod.HostnameMd5, result.Method);
    }

    [Fact]
    public async Task Unreachable_keystone_falls_back_to_the_hostname_hash()
    {
        using var http = new HttpClient();

        var result = await CpidResolver.ResolveAsync(http, Request(uri: "http://127.0.0.1:1/v3"));

        Assert.Equal(new CpidResult("f528764d624db129b32c21fbca0cb8d6", CpidMethod.HostnameMd5, result.FallbackReason), result);
        Assert.NotNull(result.FallbackReason);
    }
}
