using System.Net;
using Stackmark.OpenStack.Tests.Support;

namespace Stackmark.OpenStack.Tests.Discovery;

public sealed class CloudDiscoveryTests
{
    private static StubHandler Cloud() => new StubHandler()
        .OnJson("GET", "http://keystone.test:5000/", HttpStatusCode.MultipleChoices, Fixture.Read("devcloud/identity-root.json"))
        .OnJson("POST", "http://keystone.test:5000/v3/auth/tokens", HttpStatusCode.Created, Fixture.Read("samples/token-v3.json"), ("X-Subject-Token", "tok"))
        .OnJson("GET", "http://127.0.0.1:8080/info", HttpStatusCode.OK, Fixture.Read("devcloud/swift-info.json"));

    [Fact]
    public async Task Catalog_services_are_probed_and_absent_ones_are_unavailable()
    {
        using var connection = OpenStackConnection.Open(Some.Cloud(), Cloud());

        var result = await CloudDiscovery.DiscoverAsync(connection);

        Assert.Empty(result.Warnings);
        Assert.True(result.IsAvailable("swift"));
        Assert.False(result.IsAvailable("glance"));
        Assert.False(result.IsAvailable("nova"));
        Assert.Contains("tempurl", result.Service("swift")!.Extensions);
        Assert.Equal(new CpidResult("svc-keystone", CpidMethod.IdentityServiceId), result.Cpid);
        Assert.Equal(new Uri("http://keystone.test:5000/v3"), result.IdentityV3Url);
        Assert.Equal(["member", "reader"], result.Roles);
    }

    [Fact]
    public async Task A_failing_probe_is_a_warning_not_an_abort()
    {
        var stub = Cloud().On("GET", "http://127.0.0.1:8080/info", _ => new HttpResponseMessage(HttpStatusCode.InternalServerError));
        using var connection = OpenStackConnection.Open(Some.Cloud(), stub);

        var result = await CloudDiscovery.DiscoverAsync(connection);

        Assert.True(result.IsAvailable("swift"));
        Assert.Empty(result.Service("swift")!.Extensions);
        Assert.Contains(result.Warnings, w => w.StartsWith("object-store /info: GET http://127.0.0.1:8080/info returned 500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nothing_but_gets_and_the_token_request_are_sent()
    {
        var stub = Cloud();
        using var connection = OpenStackConnection.Open(Some.Cloud(), stub);

        await CloudDiscovery.DiscoverAsync(connection);

        Assert.All(stub.Sent, s => Assert.True(s.Request.Method == HttpMethod.Get || s.Request.RequestUri!.AbsolutePath == "/v3/auth/tokens"));
    }
}
