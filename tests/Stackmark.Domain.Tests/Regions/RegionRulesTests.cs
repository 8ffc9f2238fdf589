using CsCheck;
using Stackmark.Regions;

namespace Stackmark.Domain.Tests.Regions;

public sealed class RegionRulesTests
{
    private static readonly DeclaredRegion SolarisZones = new("zones-1", "container", "Solaris Zones", ["Solaris 11.4"]);
    private static readonly DeclaredRegion Kvm = new("RegionOne", "hypervisor", "KVM", ["Ubuntu 24.04", "Windows Server 2022"]);

    [Theory]
    [InlineData("Ubuntu 24.04", "linux")]
    [InlineData("Red Hat Enterprise Linux 9", "linux")]
    [InlineData("rhel9", "linux")]
    [InlineData("ubuntu", "linux")]
    [InlineData("CirrOS 0.6", "linux")]
    [InlineData("Windows Server 2022", "windows")]
    [InlineData("Solaris 11.4", "solaris")]
    [InlineData("FreeBSD 14", "bsd")]
    [InlineData("Darwin", null)]
    [InlineData("console", null)]
    [InlineData("", null)]
    public void Guest_os_names_are_known_by_family_on_whole_words(string name, string? family) => Assert.Equal(family, GuestOsFamily.Of(name));

    [Fact]
    public void A_product_whose_only_region_runs_solaris_zones_is_refused_for_compute_with_what_it_declared()
    {
        var why = RegionRules.Default.WhyNot("compute", [SolarisZones]);

        Assert.Equal("the compute program needs a region of kind hypervisor whose guest operating systems include linux; "
            + "the product declares zones-1 (container Solaris Zones, guests: Solaris 11.4)", why);
        Assert.Null(RegionRules.Default.WhyNot("compute", [SolarisZones, Kvm]));
        Assert.Null(RegionRules.Default.WhyNot("object", [SolarisZones]));
        Assert.Contains("declares no region", RegionRules.Default.WhyNot("platform", []), StringComparison.Ordinal);
    }

    [Fact]
    public void The_rule_holds_exactly_when_some_region_is_of_the_kind_and_supports_the_family()
    {
        var region = Gen.Select(Gen.OneOf("hypervisor", "container", "bare-metal", "Hypervisor"), Gen.OneOf("Ubuntu 22.04", "Windows 11", "Solaris", "debian", "Plan 9").Array[0, 3],
            (kind, guests) => new DeclaredRegion("r", kind, null, guests));
        region.Array[0, 5].Sample(regions =>
        {
            var bruteForce = regions.Any(r => r.Kind.Equals("hypervisor", StringComparison.OrdinalIgnoreCase) && r.GuestOperatingSystems.Any(g => g is "Ubuntu 22.04" or "debian"));
            Assert.Equal(bruteForce, RegionRules.Default.WhyNot("platform", regions) is null);
        });
    }

    [Fact]
    public void Rules_are_configurable_and_bad_settings_say_which_entry()
    {
        var rules = RegionRules.Parse("compute=bare-metal:linux, platform = hypervisor : windows");

        Assert.Equal(new RegionRequirement("bare-metal", "linux"), rules.For("compute"));
        Assert.Equal(new RegionRequirement("hypervisor", "windows"), rules.For("platform"));
        Assert.Null(rules.For("object"));
        Assert.Null(RegionRules.Parse("").For("compute"));
        Assert.Contains("'compute=hypervisor'", Assert.Throws<FormatException>(() => RegionRules.Parse("compute=hypervisor")).Message, StringComparison.Ordinal);
        Assert.Contains("given twice", Assert.Throws<FormatException>(() => RegionRules.Parse("compute=a:b,COMPUTE=c:d")).Message, StringComparison.Ordinal);
    }
}
