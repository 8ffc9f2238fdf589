using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Stackmark.OpenStack;

/// <summary>
/// What this machine (where Tempest runs and SSHes from) can reach: the IPv4 networks of its interfaces and of its
/// routing table's non-default routes, and whether it has a default route.
/// </summary>
/// <remarks>
/// <para>Guest validation SSHes from here into the guest, so a guest network only counts as reachable when an
/// interface sits on it or a route leads to it. A default route counts only for public addresses: a private range
/// (RFC 1918, shared address space, link-local) behind a default gateway is someone else's network.</para>
/// <para>IPv4 only: Tempest validates over <c>[validation] ip_version_for_ssh</c>, 4 by default. Immutable.</para>
/// </remarks>
/// <param name="Connected">Networks on an interface or behind an explicit route (loopback excluded).</param>
/// <param name="HasDefaultRoute">Whether a default route exists.</param>
public sealed record LocalNetworks(IReadOnlyList<IPNetwork> Connected, bool HasDefaultRoute)
{
    private static readonly IPNetwork[] Private =
    [
        IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("127.0.0.0/8"),
    ];

    /// <summary>Nothing reachable: the default when the machine was not asked (tests, library callers).</summary>
    public static LocalNetworks None { get; } = new([], false);

    /// <summary>Reads this machine's interfaces and, on Linux, <c>/proc/net/route</c>.</summary>
    /// <remarks>What cannot be read counts as unreachable: auto validation then stays off rather than guessing.</remarks>
    public static LocalNetworks FromSystem()
    {
        var connected = new List<IPNetwork>();
        NetworkInterface[] nics;
        try
        {
            nics = NetworkInterface.GetAllNetworkInterfaces();
        }
        catch (NetworkInformationException)
        {
            nics = [];
        }

        foreach (var nic in nics)
        {
            if (nic.OperationalStatus is OperationalStatus.Down || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
            {
                continue;
            }

            foreach (var address in nic.GetIPProperties().UnicastAddresses)
            {
                if (address.Address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address.Address))
                {
                    connected.Add(new IPNetwork(Mask(address.Address, address.PrefixLength), address.PrefixLength));
                }
            }
        }

        var hasDefault = false;
        const string RouteTable = "/proc/net/route";
        string? table = null;
        try
        {
            table = File.Exists(RouteTable) ? File.ReadAllText(RouteTable) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No routing table: interfaces alone decide.
        }

        if (table is not null)
        {
            foreach (var (destination, isDefault) in ParseProcNetRoute(table))
            {
                hasDefault |= isDefault;
                if (!isDefault)
                {
                    connected.Add(destination);
                }
            }
        }

        return new LocalNetworks([.. connected.Distinct()], hasDefault);
    }

    /// <summary>
    /// Parses Linux's <c>/proc/net/route</c>: a header line, then tab-separated <c>Iface Destination Gateway Flags
    /// RefCnt Use Metric Mask …</c> with addresses as little-endian hex. Malformed lines are skipped.
    /// </summary>
    public static IReadOnlyList<(IPNetwork Destination, bool IsDefault)> ParseProcNetRoute(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var routes = new List<(IPNetwork, bool)>();
        foreach (var line in text.Split('\n').Skip(1))
        {
            var f = line.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 8 || f[0] == "lo"
                || !uint.TryParse(f[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var destination)
                || !uint.TryParse(f[7], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask))
            {
                continue;
            }

            var prefix = System.Numerics.BitOperations.PopCount(mask);
            var address = new IPAddress(BitConverter.GetBytes(destination));
            routes.Add((new IPNetwork(Mask(address, prefix), prefix), prefix == 0));
        }

        return routes;
    }

    /// <summary>Whether a guest on <paramref name="subnet"/> can be reached from here, and how (for the reason text).</summary>
    public (bool Reachable, string How) Reaches(IPNetwork subnet)
    {
        // Not FirstOrDefault: default(IPNetwork) reads as 0.0.0.0/0.
        var local = Connected.Where(c => Overlaps(c, subnet)).Take(1).ToList();
        if (local.Count > 0)
        {
            return (true, $"{subnet} overlaps {local[0]}, on this machine's interfaces or routes");
        }

        if (Private.Any(p => Overlaps(p, subnet)))
        {
            return (false, $"{subnet} is a private range that no interface or route of this machine reaches");
        }

        return HasDefaultRoute
            ? (true, $"{subnet} is public and this machine has a default route")
            : (false, $"{subnet} is not reachable: this machine has no default route");
    }

    /// <summary>Parses a subnet's CIDR; false for IPv6 or garbage.</summary>
    public static bool TryParseIPv4(string? cidr, out IPNetwork network) =>
        IPNetwork.TryParse(cidr, out network) && network.BaseAddress.AddressFamily == AddressFamily.InterNetwork;

    private static bool Overlaps(IPNetwork a, IPNetwork b) => a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress);

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bits = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bits));
        }

        return new IPAddress(bytes);
    }
}
