namespace Stackmark.OpenStack.Tests.Discovery;

/// <summary>The SSH login of a guest image: os_admin_user, else the well-known table by os_distro, else by name.</summary>
public sealed class GuestSshUsersTests
{
    [Theory]
    [InlineData("cirros", "cirros")]
    [InlineData("ubuntu", "ubuntu")]
    [InlineData("debian", "debian")]
    [InlineData("fedora", "fedora")]
    [InlineData("centos", "centos")]
    [InlineData("rhel", "cloud-user")]
    [InlineData("RHEL", "cloud-user")]
    [InlineData("rocky", "rocky")]
    [InlineData("almalinux", "almalinux")]
    [InlineData("arch", "arch")]
    public void Well_known_distros_map_to_their_cloud_images_login(string distro, string user)
    {
        var resolved = GuestSshUsers.Resolve(new Image { Id = "i", Name = "img", OsDistro = distro });

        Assert.Equal(user, resolved!.Value.User);
        Assert.Equal($"image img: os_distro={distro.ToLowerInvariant()} (well-known distro table)", resolved.Value.Source);
    }

    [Fact]
    public void Os_admin_user_wins_over_the_distro_table()
    {
        var resolved = GuestSshUsers.Resolve(new Image { Id = "i", Name = "stream9", OsDistro = "centos", OsAdminUser = "cloud-user" });

        Assert.Equal(("cloud-user", "image stream9: property os_admin_user"), resolved);
    }

    [Theory]
    [InlineData("cirros-0.6.2-x86_64-disk", "cirros")]
    [InlineData("Ubuntu 24.04 LTS", "ubuntu")]
    [InlineData("debian-12-genericcloud-amd64", "debian")]
    [InlineData("archlinux-cloudimg", "arch")]
    public void A_distro_starting_a_word_of_the_name_is_the_last_resort(string name, string user) =>
        Assert.Equal(user, GuestSshUsers.Resolve(new Image { Id = "i", Name = name })!.Value.User);

    [Theory]
    [InlineData("rg-guest", null)]
    [InlineData("research-vm", null)]
    [InlineData("windows-2022", "windows")]
    [InlineData("gentoo-openstack", "gentoo")]
    public void Unknown_guests_have_no_user(string name, string? distro) =>
        Assert.Null(GuestSshUsers.Resolve(new Image { Id = "i", Name = name, OsDistro = distro }));
}
