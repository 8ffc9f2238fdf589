namespace Stackmark.Regions;

/// <summary>
/// The family of a guest operating system as people and Glance name it: a vendor's declared "Ubuntu 24.04" and an
/// image's <c>os_distro</c> <c>ubuntu</c> / <c>os_type</c> <c>linux</c> are the same family, <c>linux</c>.
/// </summary>
/// <remarks>Pure. The names are Glance's documented <c>os_distro</c> values and the common spellings of their products.</remarks>
public static class GuestOsFamily
{
    /// <summary>Linux distributions (Glance's os_distro values and product names).</summary>
    public const string Linux = "linux";

    /// <summary>Microsoft Windows.</summary>
    public const string Windows = "windows";

    /// <summary>Oracle Solaris and illumos.</summary>
    public const string Solaris = "solaris";

    /// <summary>FreeBSD, NetBSD, OpenBSD.</summary>
    public const string Bsd = "bsd";

    private static readonly (string Word, string Family)[] Words =
    [
        ("linux", Linux), ("ubuntu", Linux), ("debian", Linux), ("centos", Linux), ("rhel", Linux), ("red hat", Linux),
        ("redhat", Linux), ("fedora", Linux), ("suse", Linux), ("sles", Linux), ("opensuse", Linux), ("rocky", Linux),
        ("alma", Linux), ("cirros", Linux), ("alpine", Linux), ("arch", Linux), ("gentoo", Linux), ("mandrake", Linux),
        ("mandriva", Linux), ("mageia", Linux), ("coreos", Linux), ("flatcar", Linux), ("oracle linux", Linux), ("ol", Linux),
        ("amazon linux", Linux), ("scientific", Linux), ("slackware", Linux), ("kali", Linux), ("mint", Linux),
        ("windows", Windows), ("mswindows", Windows), ("win", Windows),
        ("solaris", Solaris), ("illumos", Solaris), ("openindiana", Solaris), ("smartos", Solaris),
        ("freebsd", Bsd), ("netbsd", Bsd), ("openbsd", Bsd), ("dragonfly", Bsd),
    ];

    /// <summary>
    /// The family of <paramref name="name"/>, matched on whole words ignoring case ("Ubuntu 24.04" → linux, "Windows
    /// Server 2022" → windows); null when no known word is in it.
    /// </summary>
    public static string? Of(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var text = " " + new string([.. name.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ')]) + " ";
        foreach (var (word, family) in Words)
        {
            // Whole words only: "sol" in "console" or "win" in "darwin" are not families.
            if (text.Contains(" " + word + " ", StringComparison.Ordinal))
            {
                return family;
            }
        }

        // Glance's os_distro values are single words that may carry a version ("ubuntu22", "rhel9"): try the letters.
        var letters = new string([.. text.Trim().TakeWhile(char.IsLetter)]);
        return Words.FirstOrDefault(w => w.Word == letters).Family;
    }
}
