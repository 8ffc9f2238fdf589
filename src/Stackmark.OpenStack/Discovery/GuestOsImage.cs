namespace Stackmark.OpenStack;

/// <summary>One image as seen by the guest-OS inventory.</summary>
/// <param name="Id">Image id.</param>
/// <param name="Name">Image name.</param>
/// <param name="OsDistro"><c>os_distro</c>, if set.</param>
/// <param name="OsType"><c>os_type</c>, if set.</param>
/// <param name="OsVersion"><c>os_version</c>, if set.</param>
/// <param name="SshUser">The likely SSH login (see <see cref="GuestSshUsers"/>), if known.</param>
/// <param name="Usable">Active, bootable disk format, and a Linux guest (by <c>os_type</c>/<c>os_distro</c>/name).</param>
public sealed record GuestOsImage(string Id, string Name, string? OsDistro, string? OsType, string? OsVersion, string? SshUser, bool Usable)
{
    /// <summary>Describes an image: its SSH user and whether it can serve as a validation guest.</summary>
    public static GuestOsImage From(Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var distro = image.OsDistro?.ToLowerInvariant();
        var linux = string.Equals(image.OsType, "linux", StringComparison.OrdinalIgnoreCase)
            || (image.OsType is null && (distro is not null && !NotLinux.Contains(distro) || GuestSshUsers.DistroInName(image.Name) is not null));
        var bootable = image.DiskFormat is null or "qcow2" or "raw" or "vmdk" or "vdi" or "vhd" or "vhdx" or "ami";
        return new GuestOsImage(image.Id, image.Name, image.OsDistro, image.OsType, image.OsVersion, GuestSshUsers.Resolve(image)?.User,
            image.Status == "active" && bootable && linux);
    }

    // Glance's os_distro values of systems Tempest's validation commands (hostname, /proc/cpuinfo) do not fit.
    private static readonly string[] NotLinux = ["windows", "freebsd", "netbsd", "openbsd", "opensolaris", "msdos", "netware"];
}
