using System.Diagnostics;
using System.Net;

namespace Stackmark.OpenStack.Tests.Integration;

/// <summary>Against the real local cloud; see <see cref="DevCloud"/>.</summary>
public sealed class DevCloudTests
{
    [SkippableFact]
    public async Task Member_authenticates_and_reads_the_catalog()
    {
        DevCloud.Require();
        using var connection = OpenStackConnection.Open(DevCloud.Cloud(DevCloud.Member));

        var token = await connection.AuthenticateAsync();

        Assert.Equal("demo", token.UserName);
        Assert.Equal("demo", token.ProjectName);
        Assert.Contains("member", token.Roles);
        Assert.NotNull(token.Catalog.FindEndpoint("identity"));
        Assert.NotNull(await connection.FindEndpointAsync("object-store"));
        Assert.NotNull(await connection.FindEndpointAsync("image"));
        // profile compute adds Nova, Neutron and Cinder together; storage has none of them
        var compute = await connection.FindEndpointAsync("compute") is not null;
        Assert.Equal(compute, await connection.FindEndpointAsync("network") is not null);
        Assert.Equal(compute, await connection.FindEndpointAsync("volumev3") is not null);
    }

    [SkippableFact]
    public async Task Cpid_is_the_identity_service_id_that_admin_sees_in_the_service_list()
    {
        DevCloud.Require();
        var member = DevCloud.Cloud(DevCloud.Member);
        using var admin = OpenStackConnection.Open(DevCloud.Cloud(DevCloud.Admin));
        var services = await admin.CreateIdentityClient().ListServicesAsync();
        var identityId = Assert.Single(services, s => s.Type == "identity").Id;
        using var http = new HttpClient(TransportFactory.Create(member.Tls));
        var v3 = await new IdentityClient(http, member.Auth.AuthUrl).GetV3UrlAsync();

        var cpid = await CpidResolver.ResolveAsync(http, new CpidRequest
        {
            IdentityUri = v3,
            Username = member.Auth.Username,
            Password = member.Auth.Password,
            ProjectName = member.Auth.ProjectName,
        });

        Assert.Equal(new CpidResult(identityId, CpidMethod.IdentityServiceId), cpid);
        if (File.Exists("/usr/bin/openstack"))
        {
            Assert.Equal(identityId, OpenStackCliIdentityServiceId());
        }
    }

    [SkippableFact]
    public async Task Discovery_finds_swift_and_glance_and_with_the_compute_profile_nova_neutron_cinder()
    {
        DevCloud.Require();
        var cloud = DevCloud.Cloud(DevCloud.Member);
        using var connection = OpenStackConnection.Open(cloud);

        var discovery = await CloudDiscovery.DiscoverAsync(connection);
        var conf = TempestConfigBuilder.Build(cloud, discovery).Config;

        Assert.True(discovery.Warnings.Count == 0, string.Join("\n", discovery.Warnings));
        Assert.Equal(CpidMethod.IdentityServiceId, discovery.Cpid.Method);
        Assert.Equal("true", conf.Get("service_available", "swift"));
        Assert.Equal("true", conf.Get("service_available", "glance"));
        var compute = discovery.IsAvailable("nova");
        foreach (var service in new[] { "nova", "neutron", "cinder" })
        {
            Assert.Equal(compute ? "true" : "false", conf.Get("service_available", service));
        }

        if (compute)
        {
            // what deploy/devcloud/start.sh --profile compute provides for a certification
            Assert.Equal(("42", "84"), (conf.Get("compute", "flavor_ref"), conf.Get("compute", "flavor_ref_alt")));
            Assert.NotEqual(conf.Get("compute", "image_ref"), conf.Get("compute", "image_ref_alt"));
            Assert.Contains(discovery.Images, i => i.Id == conf.Get("compute", "image_ref") && i.Name.StartsWith("devcloud-blank-", StringComparison.Ordinal));
            Assert.Equal("public", conf.Get("network", "floating_network_name"));
            Assert.NotNull(conf.Get("network", "public_network_id"));
            Assert.NotNull(conf.Get("compute", "max_microversion"));
            Assert.NotNull(conf.Get("volume", "max_microversion"));
        }

        Assert.Contains("tempurl", conf.Get("object-storage-feature-enabled", "discoverable_apis")!, StringComparison.Ordinal);
        Assert.Equal("true", conf.Get("image-feature-enabled", "api_v2"));
        Assert.Equal("member", conf.Get("object-storage", "operator_role"));
        Assert.False(discovery.GuestOs.CanEnableGuestValidation);
    }

    [SkippableFact]
    public async Task Bad_password_is_a_401_api_exception_with_keystones_message()
    {
        DevCloud.Require();
        var cloud = DevCloud.Cloud(DevCloud.Member);
        cloud = cloud with { Auth = cloud.Auth with { Password = "definitely-wrong" } };
        using var connection = OpenStackConnection.Open(cloud);

        var ex = await Assert.ThrowsAsync<OpenStackApiException>(() => connection.AuthenticateAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.NotNull(ex.RequestId);
        Assert.Contains("requires authentication", ex.FaultMessage, StringComparison.Ordinal);
        Assert.Contains("/v3/auth/tokens returned 401", ex.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Unreachable_keystone_is_a_transport_exception()
    {
        var cloud = new CloudConfig
        {
            Name = "nowhere",
            Auth = new CloudAuth { AuthUrl = new Uri("http://127.0.0.1:1/v3"), Username = "u", Password = "p", ProjectName = "p" },
        };
        using var connection = OpenStackConnection.Open(cloud);

        var ex = await Assert.ThrowsAsync<OpenStackTransportException>(() => connection.AuthenticateAsync());

        Assert.True(ex.IsTransient);
        Assert.Contains("127.0.0.1:1", ex.Message, StringComparison.Ordinal);
    }

    private static string OpenStackCliIdentityServiceId()
    {
        var start = new ProcessStartInfo("/usr/bin/openstack", ["--os-cloud", DevCloud.Admin, "service", "list", "-f", "value", "-c", "ID", "-c", "Type"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = "/usr/bin:/bin";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit(60_000);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' '))
            .Single(p => p.Length == 2 && p[1] == "identity")[0];
    }
}
