using System.Net;

namespace Stackmark.OpenStack.Tests.Discovery;

/// <summary>What the machine running Tempest can reach: its routing table and the reach rules for guest subnets.</summary>
public sealed class LocalNetworksTests
{
    // This machine's /proc/net/route as read while writing the test (trailing blanks included).
    private const string ProcNetRoute =
        "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT                                                       \n" +
        "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0                                                                               \n" +
        "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0                                                                               \n" +
        "rgveth1\t00004D0A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n" +
        "garbage line\n";

    [Fact]
    public void The_route_table_gives_a_default_route_and_the_directly_routed_networks()
    {
        var routes = LocalNetworks.ParseProcNetRoute(ProcNetRoute);

        Assert.Equal(
            [(IPNetwork.Parse("0.0.0.0/0"), true), (IPNetwork.Parse("192.0.2.0/24"), false), (IPNetwork.Parse("10.77.0.0/24"), false)],
            routes);
    }

    [Fact]
    public void Private_guest_ranges_need_an_interface_or_route_and_public_ones_a_default_route()
    {
        var local = new LocalNetworks([IPNetwork.Parse("10.77.0.0/24"), IPNetwork.Parse("192.0.2.0/24")], HasDefaultRoute: true);

        Assert.True(local.Reaches(IPNetwork.Parse("10.77.0.0/24")).Reachable);
        Assert.True(local.Reaches(IPNetwork.Parse("10.77.0.128/25")).Reachable);
        Assert.False(local.Reaches(IPNetwork.Parse("10.0.0.0/24")).Reachable);
        Assert.False(local.Reaches(IPNetwork.Parse("172.24.4.0/24")).Reachable);
        Assert.True(local.Reaches(IPNetwork.Parse("203.0.113.0/24")).Reachable);
        Assert.False(LocalNetworks.None.Reaches(IPNetwork.Parse("203.0.113.0/24")).Reachable);
    }

    [Theory]
    [InlineData("10.0.0.0/24", true)]
    [InlineData("fd00::/64", false)]
    [InlineData("not a cidr", false)]
    [InlineData(null, false)]
    public void Only_ipv4_subnets_are_considered(string? cidr, bool parsed) => Assert.Equal(parsed, LocalNetworks.TryParseIPv4(cidr, out _));

    [Fact]
    public void This_machine_can_be_read_without_failing()
    {
        var local = LocalNetworks.FromSystem();

        Assert.DoesNotContain(local.Connected, n => IPAddress.IsLoopback(n.BaseAddress));
    }
}
