using System.Text.RegularExpressions;

namespace Stackmark.OpenStack;

/// <summary>
/// The SSH login of a guest image, and where that answer came from: the image's <c>os_admin_user</c> property, else
/// the well-known login of its <c>os_distro</c> (or of a distro named in the image name) from <see cref="WellKnown"/>.
/// </summary>
/// <remarks>
/// <para><c>os_distro</c> and <c>os_admin_user</c> are Glance's standard image properties
/// (https://docs.openstack.org/glance/latest/admin/useful-image-properties.html). The logins are those the
/// distributions' own cloud images create through cloud-init, as the OpenStack image guide lists them
/// (https://docs.openstack.org/image-guide/obtain-images.html). An image that differs (CentOS Stream 9's
/// GenericCloud logs in as <c>cloud-user</c>, a custom image as anything) should carry <c>os_admin_user</c>, or the
/// run should say <c>--guest-user</c>.</para>
/// <para>Pure and thread-safe.</para>
/// </remarks>
public static partial class GuestSshUsers
{
    /// <summary>os_distro value → the login of that distribution's cloud images.</summary>
    public static IReadOnlyList<(string Distro, string User)> WellKnown { get; } =
    [
        ("cirros", "cirros"),
        ("ubuntu", "ubuntu"),
        ("debian", "debian"),
        ("fedora", "fedora"),
        ("centos", "centos"),
        ("rhel", "cloud-user"),
        ("rocky", "rocky"),
        ("almalinux", "almalinux"),
        ("arch", "arch"),
    ];

    /// <summary>The login of <paramref name="image"/> and where it came from, or null when nothing says.</summary>
    public static (string User, string Source)? Resolve(Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!string.IsNullOrWhiteSpace(image.OsAdminUser))
        {
            return (image.OsAdminUser.Trim(), $"image {image.Name}: property os_admin_user");
        }

        if (image.OsDistro is { } distro && WellKnown.FirstOrDefault(w => string.Equals(w.Distro, distro.Trim(), StringComparison.OrdinalIgnoreCase)) is { User: not null } byDistro)
        {
            return (byDistro.User, $"image {image.Name}: os_distro={byDistro.Distro} (well-known distro table)");
        }

        return DistroInName(image.Name) is { } named
            ? (named.User, $"image {image.Name}: its name says {named.Distro} (well-known distro table)")
            : null;
    }

    /// <summary>The well-known distro a name starts a word with (<c>cirros-0.6.2-x86_64-disk</c>, <c>Ubuntu 24.04</c>), if any.</summary>
    public static (string Distro, string User)? DistroInName(string? name)
    {
        foreach (var word in Words().Split((name ?? "").ToLowerInvariant()))
        {
            if (WellKnown.FirstOrDefault(w => word.StartsWith(w.Distro, StringComparison.Ordinal)) is { User: not null } match)
            {
                return match;
            }
        }

        return null;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex Words();
}
