using System.Net;
using Stackmark.OpenStack.Tests.Support;

namespace Stackmark.OpenStack.Tests.Tempest;

/// <summary>
/// Guest validation decided from discovery: on only with a guest that boots, a known SSH user and a proven way in;
/// fixed versus floating from the cloud's networks; timeouts for QEMU; the why of every choice.
/// </summary>
public sealed class GuestValidationPlannerTests
{
    private const string ExternalId = "c09960c5-6513-4630-8ec2-c82b75d0303b";

    // ../shared/devcloud-realguest: one shared flat network rg-shared (10.77.0.0/24) that the runner's namespace is on
    // (rgveth1 10.77.0.1/24), devcloud's public network (172.24.4.0/24) with no router, QEMU, images without properties.
    private static CloudDiscoveryResult RealGuest(params Image[] images) => Some.Discovery(
        Some.Service("nova", "compute", "http://127.0.0.1:8774/v2.1"),
        Some.Service("neutron", "network", "http://127.0.0.1:9696") with { Extensions = ["router", "external-net"] },
        Some.Service("glance", "image", "http://127.0.0.1:9292")) with
    {
        Images = images.Length > 0 ? images : [new Image { Id = "g1", Name = "rg-guest", Status = "active", DiskFormat = "qcow2" }],
        Flavors = [new Flavor("42", "m1.nano", 128, 1, 1, true), new Flavor("84", "m1.micro", 192, 1, 1, true)],
        Networks =
        [
            new Network(ExternalId, "public", "ACTIVE", true, false, ["s-pub"]),
            new Network("net-rg", "rg-shared", "ACTIVE", false, true, ["s-rg"]),
        ],
        Subnets = [new Subnet("s-pub", ExternalId, "public-subnet", "172.24.4.0/24", 4), new Subnet("s-rg", "net-rg", "rg-shared-subnet", "10.77.0.0/24", 4)],
        Hypervisors = [new Hypervisor("rg", "QEMU", "up", "enabled")],
    };

    private static readonly LocalNetworks OnRgShared = new([IPNetwork.Parse("10.77.0.0/24")], false);

    private static TempestConfiguration Build(CloudDiscoveryResult d, TempestConfigOptions options) =>
        TempestConfigBuilder.Build(Some.Cloud(), d, options with { UseAdminCredentials = true });

    [Fact]
    public void The_realguest_cloud_gets_the_fixed_network_settings_its_reference_recipe_needed()
    {
        var result = Build(RealGuest(), new TempestConfigOptions { GuestUser = "root", LocalNetworks = OnRgShared });
        var conf = result.Config;
        var plan = result.Validation!;

        // ../shared/devcloud-realguest/evidence/run2-platform-tempest.conf, less what Tempest defaults to.
        Assert.Equal("true", conf.Get("validation", "run_validation"));
        Assert.Equal(("fixed", "rg-shared"), (conf.Get("validation", "connect_method"), conf.Get("validation", "network_for_ssh")));
        Assert.Equal(("rg-shared", "false"), (conf.Get("compute", "fixed_network_name"), conf.Get("auth", "create_isolated_networks")));
        Assert.Equal("true", conf.Get("network", "project_networks_reachable"));
        Assert.Equal(("rsa", "root", "root"), (conf.Get("validation", "ssh_key_type"), conf.Get("validation", "image_ssh_user"), conf.Get("validation", "image_alt_ssh_user")));
        Assert.Equal(("600", "600"), (conf.Get("compute", "build_timeout"), conf.Get("validation", "ssh_timeout")));

        Assert.True(plan.Enabled);
        Assert.StartsWith("auto: compute and network are there, image rg-guest logs in as root (--guest-user), and the fixed address on shared network rg-shared: 10.77.0.0/24 overlaps 10.77.0.0/24", plan.Reason, StringComparison.Ordinal);
        Assert.Equal(("fixed", "rg-shared", "root", "--guest-user"), (plan.ConnectMethod, plan.Network, plan.SshUser, plan.SshUserSource));
        Assert.Contains("QEMU", plan.TimeoutReason, StringComparison.Ordinal);
        Assert.Equal(["QEMU"], plan.HypervisorTypes);
    }

    [Fact]
    public void Without_a_guest_user_an_image_without_properties_leaves_auto_off_and_says_which_option_names_it()
    {
        var plan = Build(RealGuest(), new TempestConfigOptions { LocalNetworks = OnRgShared }).Validation!;

        Assert.False(plan.Enabled);
        Assert.Equal("auto: image rg-guest is not known to be a bootable Linux guest (set os_type=linux or os_distro on it) (--validation on forces it); " +
            "no SSH user is known for image rg-guest (no os_admin_user property, and os_distro is not set); --guest-user NAME names it", plan.Reason);
        Assert.Null(plan.Error);
    }

    [Fact]
    public void Forcing_validation_without_an_ssh_user_is_an_error_naming_guest_user()
    {
        var plan = Build(RealGuest(), new TempestConfigOptions { Validation = GuestValidationMode.On, LocalNetworks = OnRgShared }).Validation!;

        Assert.False(plan.Enabled);
        Assert.EndsWith("; give --guest-user NAME", plan.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nova")]
    [InlineData("neutron")]
    public void Forcing_validation_without_compute_or_network_is_an_error_and_auto_says_why_it_is_off(string absent)
    {
        var d = RealGuest();
        d = d with { Services = [.. d.Services.Select(s => s.Codename == absent ? Some.Service(absent, s.Type) : s)] };

        var forced = Build(d, new TempestConfigOptions { Validation = GuestValidationMode.On, GuestUser = "root", LocalNetworks = OnRgShared }).Validation!;
        var auto = Build(d, new TempestConfigOptions { GuestUser = "root", LocalNetworks = OnRgShared });

        Assert.Contains($"({absent}) service in the catalog; guests need both", forced.Error, StringComparison.Ordinal);
        Assert.False(auto.Validation!.Enabled);
        Assert.Equal("false", auto.Config.Get("validation", "run_validation"));
        Assert.Contains($"({absent})", auto.Validation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_machine_that_is_on_no_guest_network_keeps_auto_off_and_names_every_network_it_checked()
    {
        var plan = Build(RealGuest(), new TempestConfigOptions { GuestUser = "root", LocalNetworks = new([IPNetwork.Parse("192.0.2.0/24")], true) }).Validation!;

        Assert.False(plan.Enabled);
        Assert.Contains("floating IPs of external network public: 172.24.4.0/24 is a private range that no interface or route of this machine reaches", plan.Reason, StringComparison.Ordinal);
        Assert.Contains("rg-shared: 10.77.0.0/24 is a private range", plan.Reason, StringComparison.Ordinal);
        Assert.EndsWith("(--validation on forces it)", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Forced_validation_takes_the_best_guess_and_warns_that_reachability_is_not_proven()
    {
        var result = Build(RealGuest(), new TempestConfigOptions { Validation = GuestValidationMode.On, GuestUser = "root" });

        Assert.True(result.Validation!.Enabled);
        Assert.Equal("--validation on", result.Validation.Reason);
        // With dynamic credentials Tempest would make the router, so the external network comes first.
        Assert.Equal(("floating", "public"), (result.Validation.ConnectMethod, result.Validation.Network));
        Assert.Contains(result.Warnings, w => w.StartsWith("guest validation: floating IPs of public are not proven reachable", StringComparison.Ordinal));
    }

    [Fact]
    public void A_devstack_host_on_the_floating_range_with_a_cirros_image_validates_over_floating_ips()
    {
        var cirros = new Image { Id = "c1", Name = "cirros-0.6.2-x86_64-disk", Status = "active", DiskFormat = "qcow2" };
        var brEx = new LocalNetworks([IPNetwork.Parse("172.24.4.0/24"), IPNetwork.Parse("192.0.2.0/24")], true);

        var result = Build(RealGuest(cirros), new TempestConfigOptions { LocalNetworks = brEx });
        var plan = result.Validation!;

        Assert.True(plan.Enabled);
        Assert.Equal(("floating", "public"), (plan.ConnectMethod, plan.Network));
        Assert.Equal(("cirros", "image cirros-0.6.2-x86_64-disk: its name says cirros (well-known distro table)"), (plan.SshUser, plan.SshUserSource));
        Assert.Equal("floating", result.Config.Get("validation", "connect_method"));
        Assert.Equal((ExternalId, "public"), (result.Config.Get("network", "public_network_id"), result.Config.Get("network", "floating_network_name")));
        Assert.Null(result.Config.Get("auth", "create_isolated_networks"));
        Assert.Contains("floating IPs from external network public via Tempest's per-project router (dynamic credentials)", plan.NetworkReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pre_provisioned_account_needs_a_router_of_its_own_for_floating_ips_and_falls_back_to_its_own_network()
    {
        var ubuntu = new Image { Id = "u1", Name = "jammy", Status = "active", DiskFormat = "qcow2", OsDistro = "ubuntu", OsType = "linux" };
        var d = RealGuest(ubuntu) with
        {
            Networks =
            [
                new Network("ext", "internet", "ACTIVE", true, false, ["s-ext"]),
                new Network("own", "demo-net", "ACTIVE", false, false, ["s-own"]) { ProjectId = "p1" },
                new Network("other", "other-net", "ACTIVE", false, false, ["s-other"]) { ProjectId = "p2" },
            ],
            Subnets = [new Subnet("s-ext", "ext", "", "203.0.113.0/24", 4), new Subnet("s-own", "own", "", "10.1.0.0/24", 4), new Subnet("s-other", "other", "", "10.2.0.0/24", 4)],
        };
        var local = new LocalNetworks([IPNetwork.Parse("10.0.0.0/8")], true);

        var noRouter = TempestConfigBuilder.Build(Some.Cloud(), d, new TempestConfigOptions { LocalNetworks = local }).Validation!;
        var withRouter = TempestConfigBuilder.Build(Some.Cloud(), d with { Routers = [new Router("r1", "demo-router", "ACTIVE", "ext", "p1")] },
            new TempestConfigOptions { LocalNetworks = local }).Validation!;

        Assert.Equal(("fixed", "demo-net"), (noRouter.ConnectMethod, noRouter.Network));
        Assert.Contains("external network internet has no router the project can use", noRouter.Reason, StringComparison.Ordinal);
        Assert.Equal(("ubuntu", "image jammy: os_distro=ubuntu (well-known distro table)"), (noRouter.SshUser, noRouter.SshUserSource));
        Assert.Equal(("floating", "internet"), (withRouter.ConnectMethod, withRouter.Network));
        Assert.Contains("via router demo-router; 203.0.113.0/24 is public and this machine has a default route", withRouter.NetworkReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Nova_fake_hosts_keep_auto_off_and_only_warn_when_forced()
    {
        var d = RealGuest() with { Hypervisors = [new Hypervisor("devcloud", "fake", "up", "enabled")] };

        var auto = Build(d, new TempestConfigOptions { GuestUser = "root", LocalNetworks = OnRgShared }).Validation!;
        var forced = Build(d, new TempestConfigOptions { Validation = GuestValidationMode.On, GuestUser = "root", LocalNetworks = OnRgShared });

        Assert.False(auto.Enabled);
        Assert.Contains("every compute host is Nova's 'fake' driver", auto.Reason, StringComparison.Ordinal);
        Assert.True(forced.Validation!.Enabled);
        Assert.Contains(forced.Warnings, w => w.Contains("'fake'", StringComparison.Ordinal));
        Assert.Equal("Tempest's defaults (300 s) for fake", forced.Validation.TimeoutReason);
        Assert.Null(forced.Config.Get("validation", "ssh_timeout"));
    }

    [Fact]
    public void Off_is_off_and_an_explicit_override_wins_over_the_plan()
    {
        var off = Build(RealGuest(), new TempestConfigOptions { Validation = GuestValidationMode.Off, GuestUser = "root", LocalNetworks = OnRgShared });
        var overridden = Build(RealGuest(), new TempestConfigOptions
        {
            GuestUser = "root",
            LocalNetworks = OnRgShared,
            Overrides = [ConfigOverride.Parse("validation.run_validation=false"), ConfigOverride.Parse("validation.ssh_timeout=900")],
        });

        Assert.Equal(("false", "--validation off"), (off.Config.Get("validation", "run_validation"), off.Validation!.Reason));
        Assert.Equal(("false", "900"), (overridden.Config.Get("validation", "run_validation"), overridden.Config.Get("validation", "ssh_timeout")));
        Assert.False(overridden.Validation!.Enabled);
        Assert.StartsWith("--override validation.run_validation=false (the runner alone would have turned it on: auto:", overridden.Validation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_override_of_the_ssh_user_counts_as_a_known_user()
    {
        var plan = Build(RealGuest(), new TempestConfigOptions
        {
            Validation = GuestValidationMode.On,
            LocalNetworks = OnRgShared,
            Overrides = [ConfigOverride.Parse("validation.image_ssh_user=root")],
        }).Validation!;

        Assert.True(plan.Enabled);
        Assert.Equal(("root", "--override validation.image_ssh_user=root"), (plan.SshUser, plan.SshUserSource));
    }

    [Fact]
    public void Images_a_guest_can_be_logged_into_come_first_as_image_ref()
    {
        var blank = new Image { Id = "b", Name = "blank", Status = "active", DiskFormat = "qcow2" };
        var debian = new Image { Id = "d", Name = "debian-12-genericcloud", Status = "active", DiskFormat = "qcow2", OsDistro = "debian" };

        var conf = Build(RealGuest(blank, debian), new TempestConfigOptions { LocalNetworks = OnRgShared }).Config;

        Assert.Equal(("d", "b"), (conf.Get("compute", "image_ref"), conf.Get("compute", "image_ref_alt")));
        // No login is known for the alternate image: it gets the primary's, the likelier guess than Tempest's "root".
        Assert.Equal(("debian", "debian"), (conf.Get("validation", "image_ssh_user"), conf.Get("validation", "image_alt_ssh_user")));
    }
}
