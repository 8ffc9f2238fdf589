using Stackmark.OpenStack.Tests.Support;

namespace Stackmark.OpenStack.Tests.Tempest;

/// <summary>The feature-flag table: set when discovery shows the cloud serves the API, otherwise name the override.</summary>
public sealed class FeatureFlagTests
{
    private static readonly CloudDiscoveryResult WithNova = Some.Discovery(Some.Service("nova", "compute", "http://h:8774/v2.1"));
    private static readonly CloudDiscoveryResult WithoutNova = Some.Discovery(Some.Service("swift", "object-store", "http://h:8080/v1/AUTH_p1"));

    private static FeatureFlagDecision Flag(TempestConfiguration config, string option) => config.FeatureFlags.Single(f => f.Option == option);

    [Fact]
    public void Nova_in_the_catalog_sets_xenapi_apis_because_every_nova_serves_server_metadata()
    {
        var config = TempestConfigBuilder.Build(Some.Cloud(), WithNova);

        Assert.Equal("true", config.Config.Get("compute-feature-enabled", "xenapi_apis"));
        var flag = Flag(config, "compute-feature-enabled.xenapi_apis");
        Assert.Equal(("true", FeatureFlagSource.Discovery, "discovery"), (flag.Value, flag.Source, flag.SourceWord));
        Assert.Contains("os-server-metadata", flag.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_nova_the_flag_keeps_tempests_default_and_the_reason_names_the_override()
    {
        var config = TempestConfigBuilder.Build(Some.Cloud(), WithoutNova);

        Assert.Null(config.Config.Get("compute-feature-enabled", "xenapi_apis"));
        var flag = Flag(config, "compute-feature-enabled.xenapi_apis");
        Assert.Equal((null, FeatureFlagSource.TempestDefault, "tempest-default"), (flag.Value, flag.Source, flag.SourceWord));
        Assert.Contains("--override compute-feature-enabled.xenapi_apis=true would run the server metadata tests", flag.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_override_wins_and_the_decision_says_what_discovery_would_have_done()
    {
        var config = TempestConfigBuilder.Build(Some.Cloud(), WithNova, new TempestConfigOptions { Overrides = [ConfigOverride.Parse("compute-feature-enabled.xenapi_apis=false")] });

        Assert.Equal("false", config.Config.Get("compute-feature-enabled", "xenapi_apis"));
        var flag = Flag(config, "compute-feature-enabled.xenapi_apis");
        Assert.Equal(("false", FeatureFlagSource.Override), (flag.Value, flag.Source));
        Assert.StartsWith("--override compute-feature-enabled.xenapi_apis=false (discovery alone would set true: nova is in the catalog", flag.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("up/enabled", null)]
    [InlineData("up/enabled,down/enabled", null)]
    [InlineData("up/enabled,up/disabled", null)]
    [InlineData("up/enabled,up/enabled", "true")]
    public void Resize_is_set_only_when_two_compute_hosts_are_up_and_enabled(string? hosts, string? expected)
    {
        var discovery = WithNova with
        {
            Hypervisors = hosts?.Split(',').Select((h, i) => new Hypervisor($"host{i}", "QEMU", h.Split('/')[0], h.Split('/')[1])).ToList(),
        };

        var config = TempestConfigBuilder.Build(Some.Cloud(), discovery);

        Assert.Equal(expected, config.Config.Get("compute-feature-enabled", "resize"));
        var flag = Flag(config, "compute-feature-enabled.resize");
        Assert.Equal(expected, flag.Value);
        Assert.Contains(expected is null ? "--override compute-feature-enabled.resize=true" : "2 compute hosts are up and enabled", flag.Reason, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Every_rule_names_a_boolean_option_of_the_installed_tempest_with_a_value_that_runs_its_tests()
    {
        const string ConfigPy = "/usr/lib/python3/dist-packages/tempest/config.py";
        Skip.IfNot(File.Exists(ConfigPy), "python3-tempest is not installed");
        var source = File.ReadAllText(ConfigPy);
        Assert.All(FeatureFlagRule.All, r =>
        {
            Assert.Contains($"name='{r.Section}'", source, StringComparison.Ordinal);
            Assert.Contains($"cfg.BoolOpt('{r.Key}'", source, StringComparison.Ordinal);
            Assert.Equal(r.Option + "=true", r.Override);
            Assert.True(ConfigOverride.TryParse(r.Override, out var parsed));
            Assert.Equal((r.Section, r.Key), (parsed.Section, parsed.Key));
        });
        Assert.Equal(FeatureFlagRule.All.Count, FeatureFlagRule.All.Select(r => r.Option).Distinct().Count());
    }
}
