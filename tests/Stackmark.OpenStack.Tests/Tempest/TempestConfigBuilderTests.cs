using Stackmark.OpenStack.Tests.Support;

namespace Stackmark.OpenStack.Tests.Tempest;

public sealed class TempestConfigBuilderTests
{
    private static readonly CloudDiscoveryResult SwiftAndGlance = Some.Discovery(
        Some.Service("swift", "object-store", "http://127.0.0.1:8080/v1/AUTH_p1") with { Extensions = ["tempurl", "swift", "slo"] },
        Some.Service("glance", "image", "http://127.0.0.1:9292") with { Versions = [new ApiVersion("v2.16", "CURRENT", null, null, null)] });

    [Fact]
    public void Services_missing_from_the_catalog_are_unavailable()
    {
        var conf = TempestConfigBuilder.Build(Some.Cloud(), SwiftAndGlance).Config;

        Assert.Equal("true", conf.Get("service_available", "swift"));
        Assert.Equal("true", conf.Get("service_available", "glance"));
        Assert.Equal("false", conf.Get("service_available", "nova"));
        Assert.Equal("false", conf.Get("service_available", "neutron"));
        Assert.Equal("false", conf.Get("service_available", "cinder"));
        Assert.Null(conf.Get("compute", "flavor_ref"));
    }

    [Fact]
    public void Identity_object_storage_and_image_keys_follow_discovery()
    {
        var conf = TempestConfigBuilder.Build(Some.Cloud(), SwiftAndGlance).Config;

        Assert.Equal("http://keystone.test:5000/v3", conf.Get("identity", "uri_v3"));
        Assert.Equal("http://keystone.test:5000/v3", conf.Get("identity", "uri"));
        Assert.Equal("v3", conf.Get("identity", "auth_version"));
        Assert.Equal("RegionOne", conf.Get("identity", "region"));
        Assert.Equal("false", conf.Get("identity-feature-enabled", "api_v2"));
        Assert.Equal("true", conf.Get("identity-feature-enabled", "api_v3"));
        Assert.Equal("member", conf.Get("object-storage", "operator_role"));
        Assert.Equal("ResellerAdmin", conf.Get("object-storage", "reseller_admin_role"));
        Assert.Equal("slo,swift,tempurl", conf.Get("object-storage-feature-enabled", "discoverable_apis"));
        Assert.Equal("true", conf.Get("image-feature-enabled", "api_v2"));
        Assert.Equal("false", conf.Get("image-feature-enabled", "api_v1"));
    }

    [Fact]
    public void Tls_verification_stays_on_unless_the_cloud_is_insecure()
    {
        Assert.Equal("false", TempestConfigBuilder.Build(Some.Cloud(), SwiftAndGlance).Config.Get("identity", "disable_ssl_certificate_validation"));
        Assert.Equal("true", TempestConfigBuilder.Build(Some.Cloud(insecure: true), SwiftAndGlance).Config.Get("identity", "disable_ssl_certificate_validation"));
    }

    [Fact]
    public void Non_admin_credentials_become_a_pre_provisioned_account_with_token_roles()
    {
        var result = TempestConfigBuilder.Build(Some.Cloud(), SwiftAndGlance);

        Assert.Equal("false", result.Config.Get("auth", "use_dynamic_credentials"));
        Assert.Equal("etc/accounts.yaml", result.Config.Get("auth", "test_accounts_file"));
        Assert.Null(result.Config.Get("auth", "admin_password"));
        var account = Assert.Single(result.Accounts);
        Assert.Equal(("demo", "demo", "s3cret$pw"), (account.Username, account.ProjectName, account.Password));
        Assert.Equal(["member", "reader"], account.Roles);
        // How many accounts the tests need is the account planner's to say (AccountPlanTests), not a warning here.
        Assert.DoesNotContain(result.Warnings, w => w.Contains("account", StringComparison.Ordinal));
    }

    [Fact]
    public void Admin_credentials_enable_dynamic_credentials_and_are_redacted_in_the_evidence_copy()
    {
        var result = TempestConfigBuilder.Build(Some.Cloud(), SwiftAndGlance, new TempestConfigOptions { UseAdminCredentials = true });

        Assert.Equal("true", result.Config.Get("auth", "use_dynamic_credentials"));
        Assert.Equal("s3cret$pw", result.Config.Get("auth", "admin_password"));
        Assert.Equal("demo", result.Config.Get("auth", "admin_project_name"));
        Assert.Empty(result.Accounts);
        Assert.Equal(IniDocument.RedactedValue, result.RedactedConfig.Get("auth", "admin_password"));
        Assert.DoesNotContain("s3cret", result.RedactedConfig.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void User_overrides_win_over_discovery()
    {
        var options = new TempestConfigOptions
        {
            Overrides = [ConfigOverride.Parse("service_available.swift=false"), ConfigOverride.Parse("compute-feature-enabled.resize=true")],
        };

        var conf = TempestConfigBuilder.Build(Some.Cloud(), SwiftAndGlance, options).Config;

        Assert.Equal("false", conf.Get("service_available", "swift"));
        Assert.Equal("true", conf.Get("compute-feature-enabled", "resize"));
    }

    [Fact]
    public void Compute_network_and_volume_keys_are_set_when_those_services_exist()
    {
        var discovery = Some.Discovery(
            Some.Service("nova", "compute", "http://h:8774/v2.1") with { MinMicroversion = "2.1", MaxMicroversion = "2.96" },
            Some.Service("neutron", "network", "http://h:9696") with { Extensions = ["router", "external-net"] },
            Some.Service("cinder", "block-storage", "http://h:8776/v3/p1") with
            {
                Versions = [new ApiVersion("v3.0", "CURRENT", "3.0", "3.71", null)],
                MinMicroversion = "3.0",
                MaxMicroversion = "3.71",
                Extensions = ["backups"],
            }) with
        {
            Flavors = [new Flavor("big", "m1.large", 8192, 80, 4, true), new Flavor("nano", "m1.nano", 64, 1, 1, true), new Flavor("micro", "m1.micro", 128, 1, 1, true)],
            Images = [new Image { Id = "u", Name = "ubuntu", Status = "active" }, new Image { Id = "c", Name = "cirros-0.6.2", Status = "active" }, new Image { Id = "q", Name = "queued", Status = "queued" }],
            Networks = [new Network("n1", "private", "ACTIVE", false, false, ["s1"]), new Network("n2", "public", "ACTIVE", true, false, ["s2"])],
        };

        var conf = TempestConfigBuilder.Build(Some.Cloud(), discovery).Config;

        Assert.Equal(("nano", "micro"), (conf.Get("compute", "flavor_ref"), conf.Get("compute", "flavor_ref_alt")));
        Assert.Equal(("c", "u"), (conf.Get("compute", "image_ref"), conf.Get("compute", "image_ref_alt")));
        Assert.Equal(("2.1", "2.96"), (conf.Get("compute", "min_microversion"), conf.Get("compute", "max_microversion")));
        Assert.Equal(("n2", "public"), (conf.Get("network", "public_network_id"), conf.Get("network", "floating_network_name")));
        Assert.Equal("router,external-net", conf.Get("network-feature-enabled", "api_extensions"));
        Assert.Equal("block-storage", conf.Get("volume", "catalog_type"));
        Assert.Equal(("3.0", "3.71"), (conf.Get("volume", "min_microversion"), conf.Get("volume", "max_microversion")));
        Assert.Equal(("true", "false"), (conf.Get("volume-feature-enabled", "api_v3"), conf.Get("volume-feature-enabled", "api_v2")));
        Assert.Equal("cirros", conf.Get("validation", "image_ssh_user"));
    }

    [Fact]
    public void Volume_size_fits_the_flavor_and_image_and_backup_follows_cinders_service_list()
    {
        var discovery = Some.Discovery(
            Some.Service("nova", "compute", "http://h:8774/v2.1"),
            Some.Service("cinder", "volumev3", "http://h:8776/v3/p1")) with
        {
            Flavors = [new Flavor("small", "m1.small", 2048, 20, 1, true), new Flavor("medium", "m1.medium", 4096, 40, 2, true)],
            Images = [new Image { Id = "i", Name = "debian-12", Status = "active", SizeBytes = 3L << 30, MinDiskGb = 2 }],
            VolumeServices = [new ServiceStatus("cinder-volume", "h@lvm", "up", "enabled"), new ServiceStatus("cinder-backup", "h", "up", "enabled")],
        };

        var conf = TempestConfigBuilder.Build(Some.Cloud(), discovery).Config;
        var noBackup = TempestConfigBuilder.Build(Some.Cloud(), discovery with
        {
            VolumeServices = [new ServiceStatus("cinder-volume", "h@lvm", "up", "enabled"), new ServiceStatus("cinder-backup", "h", "down", "enabled")],
            Images = [new Image { Id = "i", Name = "big", Status = "active", SizeBytes = (30L << 30) + 1 }],
        }).Config;

        Assert.Equal("20", conf.Get("volume", "volume_size"));
        Assert.Equal("true", conf.Get("volume-feature-enabled", "backup"));
        Assert.Equal("31", noBackup.Get("volume", "volume_size"));
        Assert.Equal("false", noBackup.Get("volume-feature-enabled", "backup"));
    }

    [Fact]
    public void Same_inputs_give_byte_identical_output()
    {
        var options = new TempestConfigOptions { LockPath = "/tmp/locks" };

        var first = TempestConfigBuilder.Build(Some.Cloud(), SwiftAndGlance, options).Config.ToString();
        var second = TempestConfigBuilder.Build(Some.Cloud(), SwiftAndGlance, options).Config.ToString();

        Assert.Equal(first, second);
        Assert.StartsWith("[DEFAULT]\ndebug = true\nlog_file = tempest.log\nuse_stderr = false\n", first, StringComparison.Ordinal);
    }
}
