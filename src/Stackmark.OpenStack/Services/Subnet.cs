namespace Stackmark.OpenStack;

/// <summary>A Neutron subnet (GET /v2.0/subnets): where a network's addresses come from.</summary>
/// <param name="Id">Subnet id.</param>
/// <param name="NetworkId">The network it belongs to.</param>
/// <param name="Name">Subnet name.</param>
/// <param name="Cidr">Its address range, e.g. <c>10.77.0.0/24</c>.</param>
/// <param name="IpVersion">4 or 6.</param>
public sealed record Subnet(string Id, string NetworkId, string Name, string Cidr, int IpVersion);
