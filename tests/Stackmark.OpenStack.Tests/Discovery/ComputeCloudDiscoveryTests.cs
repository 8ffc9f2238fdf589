using System.Net;
using Stackmark.OpenStack.Tests.Support;

namespace Stackmark.OpenStack.Tests.Discovery;

/// <summary>
/// Discovery of the devcloud's compute profile, from documents captured on it (Fixtures/devcloud/compute:
/// Nova 2.93 with the fake virt driver, Neutron ML2, Cinder 3.70 with the fake volume driver).
/// </summary>
public sealed class ComputeCloudDiscoveryTests
{
    private const string Project = "1030e6aeb2464598ae1334dc5e012df5";

    private static StubHandler Cloud(string token = "compute/token-admin-compute.json")
    {
        var stub = new StubHandler()
            .OnJson("GET", "http://keystone.test:5000/", HttpStatusCode.MultipleChoices, Fixture.Read("devcloud/identity-root.json"))
            .OnJson("POST", "http://keystone.test:5000/v3/auth/tokens", HttpStatusCode.Created, Fixture.Read("devcloud/" + token), ("X-Subject-Token", "tok"))
            .OnJson("GET", "http://127.0.0.1:8080/info", HttpStatusCode.OK, Fixture.Read("devcloud/swift-info.json"));
        foreach (var (url, file, status) in new[]
        {
            ("http://127.0.0.1:8774/", "compute-root.json", HttpStatusCode.OK),
            ("http://127.0.0.1:8774/v2.1/flavors/detail", "compute-flavors-detail.json", HttpStatusCode.OK),
            ("http://127.0.0.1:8774/v2.1/os-hypervisors/detail", "compute-hypervisors-detail.json", HttpStatusCode.OK),
            ("http://127.0.0.1:8776/", "volume-root.json", HttpStatusCode.MultipleChoices),
            ($"http://127.0.0.1:8776/v3/{Project}/extensions", "volume-extensions.json", HttpStatusCode.OK),
            ($"http://127.0.0.1:8776/v3/{Project}/os-services", "volume-services.json", HttpStatusCode.OK),
            ("http://127.0.0.1:9696/", "network-root.json", HttpStatusCode.OK),
            ("http://127.0.0.1:9696/v2.0/extensions", "network-extensions.json", HttpStatusCode.OK),
            ("http://127.0.0.1:9696/v2.0/networks", "network-networks.json", HttpStatusCode.OK),
            ("http://127.0.0.1:9696/v2.0/subnets", "network-subnets.json", HttpStatusCode.OK),
            ("http://127.0.0.1:9696/v2.0/routers", "network-routers.json", HttpStatusCode.OK),
            ("http://127.0.0.1:9292/", "image-root.json", HttpStatusCode.MultipleChoices),
            ("http://127.0.0.1:9292/v2/images?limit=200", "image-images.json", HttpStatusCode.OK),
        })
        {
            stub.OnJson("GET", url, status, Fixture.Read("devcloud/compute/" + file));
        }

        return stub;
    }

    [Fact]
    public async Task An_admin_sees_flavors_images_the_public_network_microversions_and_the_fake_hypervisor()
    {
        using var connection = OpenStackConnection.Open(Some.Cloud(), Cloud());

        var d = await CloudDiscovery.DiscoverAsync(connection);

        Assert.True(d.Warnings.Count == 0, string.Join("\n", d.Warnings));
        Assert.True(d.IsAvailable("nova") && d.IsAvailable("neutron") && d.IsAvailable("cinder") && d.IsAvailable("glance") && d.IsAvailable("swift"));
        Assert.Equal(("2.1", "2.93"), (d.Service("nova")!.MinMicroversion, d.Service("nova")!.MaxMicroversion));
        Assert.Equal(("3.0", "3.70"), (d.Service("cinder")!.MinMicroversion, d.Service("cinder")!.MaxMicroversion));
        Assert.Equal("volumev3", d.Service("cinder")!.Type);
        Assert.Equal(["42", "84"], d.Flavors.Select(f => f.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["devcloud-blank-1", "devcloud-blank-2"], d.Images.Select(i => i.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["fake"], d.HypervisorTypes);
        Assert.Contains(d.VolumeServices!, s => s.Binary == "cinder-volume" && s.IsUsable);
        Assert.DoesNotContain(d.VolumeServices!, s => s.Binary == "cinder-backup");
        Assert.False(d.GuestOs.CanEnableGuestValidation);
        Assert.Contains(d.GuestOs.Reasons, r => r.Contains("'fake'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_tempest_conf_has_what_powered_compute_needs()
    {
        var cloud = Some.Cloud();
        using var connection = OpenStackConnection.Open(cloud, Cloud());
        var d = await CloudDiscovery.DiscoverAsync(connection);

        var built = TempestConfigBuilder.Build(cloud, d, new TempestConfigOptions { UseAdminCredentials = true });
        var conf = built.Config;

        Assert.Equal(("42", "84"), (conf.Get("compute", "flavor_ref"), conf.Get("compute", "flavor_ref_alt")));
        var images = d.Images.ToDictionary(i => i.Name, i => i.Id);
        Assert.Equal((images["devcloud-blank-1"], images["devcloud-blank-2"]), (conf.Get("compute", "image_ref"), conf.Get("compute", "image_ref_alt")));
        Assert.Equal(("2.1", "2.93"), (conf.Get("compute", "min_microversion"), conf.Get("compute", "max_microversion")));
        var pub = Assert.Single(d.Networks, n => n.IsExternal);
        Assert.Equal((pub.Id, "public"), (conf.Get("network", "public_network_id"), conf.Get("network", "floating_network_name")));
        Assert.Contains("router", conf.Get("network-feature-enabled", "api_extensions")!.Split(','));
        Assert.Contains("external-net", conf.Get("network-feature-enabled", "api_extensions")!.Split(','));
        Assert.Equal(("volumev3", "3.0", "3.70"), (conf.Get("volume", "catalog_type"), conf.Get("volume", "min_microversion"), conf.Get("volume", "max_microversion")));
        Assert.Contains("os-volume-actions", conf.Get("volume-feature-enabled", "api_extensions")!.Split(','));
        Assert.Equal("false", conf.Get("volume-feature-enabled", "backup"));
        Assert.Equal("1", conf.Get("volume", "volume_size"));
        Assert.Equal("false", conf.Get("validation", "run_validation"));
        Assert.StartsWith("auto: every compute host is Nova's 'fake' driver, which boots no guest; image devcloud-blank-1 is not known to be a bootable Linux guest", built.Validation!.Reason, StringComparison.Ordinal);
        Assert.Equal(["fake"], built.Validation.HypervisorTypes);
        // Nova serves server metadata; one (fake) compute host is no evidence that resizing works.
        Assert.Equal("true", conf.Get("compute-feature-enabled", "xenapi_apis"));
        Assert.Null(conf.Get("compute-feature-enabled", "resize"));
        foreach (var service in new[] { "nova", "neutron", "cinder", "glance", "swift" })
        {
            Assert.Equal("true", conf.Get("service_available", service));
        }
    }

    [Fact]
    public async Task Without_the_admin_role_the_admin_only_documents_stay_unknown()
    {
        var stub = Cloud("compute/token-member-compute.json");
        using var connection = OpenStackConnection.Open(Some.Cloud(), stub);

        var d = await CloudDiscovery.DiscoverAsync(connection);
        var conf = TempestConfigBuilder.Build(Some.Cloud(), d).Config;

        Assert.Null(d.Hypervisors);
        Assert.Null(d.VolumeServices);
        Assert.Empty(d.HypervisorTypes);
        Assert.Null(conf.Get("volume-feature-enabled", "backup"));
        Assert.DoesNotContain(stub.Sent, s => s.Request.RequestUri!.AbsolutePath.EndsWith("/os-hypervisors/detail", StringComparison.Ordinal)
            || s.Request.RequestUri.AbsolutePath.EndsWith("/os-services", StringComparison.Ordinal));
    }
}
