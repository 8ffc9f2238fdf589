namespace Stackmark.OpenStack.Tests.Discovery;

public sealed class GuestOsReportTests
{
    private static readonly Image Ubuntu = new() { Id = "1", Name = "jammy", Status = "active", DiskFormat = "qcow2", OsDistro = "ubuntu", OsType = "linux" };
    private static readonly Image Windows = new() { Id = "2", Name = "win", Status = "active", DiskFormat = "qcow2", OsType = "windows" };
    private static readonly Image Cirros = new() { Id = "3", Name = "cirros-0.6.2-x86_64-disk", Status = "active", DiskFormat = "qcow2" };

    [Fact]
    public void Linux_images_with_compute_and_network_allow_guest_validation()
    {
        var report = GuestOsReport.Build([Windows, Ubuntu, Cirros], computeAvailable: true, networkAvailable: true);

        Assert.True(report.CanEnableGuestValidation);
        Assert.Empty(report.Reasons);
        Assert.Equal("1", report.RecommendedImage!.Id);
        Assert.Equal("ubuntu", report.RecommendedImage.SshUser);
        Assert.False(report.Images.Single(i => i.Id == "2").Usable);
        Assert.Equal("cirros", report.Images.Single(i => i.Id == "3").SshUser);
    }

    [Fact]
    public void A_cloud_of_fake_hypervisors_cannot_validate_guests()
    {
        var fake = GuestOsReport.Build([Cirros], computeAvailable: true, networkAvailable: true, hypervisorTypes: ["fake"]);
        var qemu = GuestOsReport.Build([Cirros], computeAvailable: true, networkAvailable: true, hypervisorTypes: ["QEMU", "fake"]);

        Assert.False(fake.CanEnableGuestValidation);
        Assert.Contains("fake", Assert.Single(fake.Reasons), StringComparison.Ordinal);
        Assert.True(qemu.CanEnableGuestValidation);
    }

    [Fact]
    public void Missing_services_and_images_are_named()
    {
        var report = GuestOsReport.Build([Windows], computeAvailable: false, networkAvailable: false);

        Assert.False(report.CanEnableGuestValidation);
        Assert.Equal(3, report.Reasons.Count);
        Assert.Contains(report.Reasons, r => r.Contains("nova", StringComparison.Ordinal));
        Assert.Contains(report.Reasons, r => r.Contains("no active Linux image", StringComparison.Ordinal));
    }
}
