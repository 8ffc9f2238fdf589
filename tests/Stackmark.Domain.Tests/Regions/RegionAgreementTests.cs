using Stackmark.Regions;

namespace Stackmark.Domain.Tests.Regions;

public sealed class RegionAgreementTests
{
    private static readonly MeasuredImage Debian = new("devcloud-guest-1", "debian", "linux");

    [Fact]
    public void The_devcloud_measured_as_admin_agrees_with_a_kvm_region_with_linux_guests()
    {
        var declared = new DeclaredRegion("RegionOne", "hypervisor", "KVM", ["Debian 12"]);

        Assert.Empty(RegionAgreement.Compare(declared, new MeasuredCloud("RegionOne", ["QEMU"], [Debian], true)));
    }

    [Fact]
    public void A_solaris_zones_region_whose_run_booted_debian_on_qemu_disagrees_on_kind_and_guests()
    {
        var declared = new DeclaredRegion("zones-1", "container", "Solaris Zones", ["Solaris 11.4"]);

        var found = RegionAgreement.Compare(declared, new MeasuredCloud("zones-1", ["QEMU"], [Debian], true));

        Assert.Equal(
        [
            "declared kind container, measured hypervisor types QEMU (hypervisor)",
            "the cloud's images are linux guests (devcloud-guest-1 (debian)), which region zones-1 does not declare (declared: Solaris 11.4)",
        ], found);
    }

    [Fact]
    public void Member_accounts_measure_no_hypervisors_and_that_is_not_a_disagreement()
    {
        var declared = new DeclaredRegion("RegionOne", "bare-metal", null, ["Ubuntu 24.04"]);

        Assert.Empty(RegionAgreement.Compare(declared, new MeasuredCloud("RegionOne", [], [new MeasuredImage("jammy", "ubuntu", null)], false)));
    }

    [Fact]
    public void Region_name_fake_driver_missing_linux_and_kata_are_each_told()
    {
        var linux = new DeclaredRegion("RegionOne", "hypervisor", "KVM", ["Ubuntu 24.04"]);
        Assert.Equal(["the run certified region RegionTwo, the result names region RegionOne"],
            RegionAgreement.Compare(linux, new MeasuredCloud("RegionTwo", [], [], false)));
        Assert.Equal(["the cloud's compute hosts run Nova's fake driver (fake): no hypervisor runs the guests"],
            RegionAgreement.Compare(linux, new MeasuredCloud(null, ["fake"], [], false)));
        Assert.Equal(
        [
            "the cloud's images are windows guests (win2022 (windows)), which region RegionOne does not declare (declared: Ubuntu 24.04)",
            "region RegionOne declares Linux guests, and the cloud has no Linux image",
        ], RegionAgreement.Compare(linux, new MeasuredCloud(null, [], [new MeasuredImage("win2022", null, "windows")], false)));
        Assert.Empty(RegionAgreement.Compare(new DeclaredRegion("k", "container", "Kata Containers", ["Ubuntu"]), new MeasuredCloud("k", ["QEMU"], [], false)));
        Assert.Equal("bare-metal", RegionAgreement.KindOf("ironic"));
    }
}
