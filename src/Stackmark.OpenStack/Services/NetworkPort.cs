namespace Stackmark.OpenStack;

/// <summary>A Neutron port (GET /v2.0/ports) as far as cleaning up cares: who owns it.</summary>
/// <param name="Id">Port id.</param>
/// <param name="Name">Port name.</param>
/// <param name="DeviceOwner"><c>device_owner</c>, e.g. <c>compute:nova</c>, <c>network:router_interface</c>, <c>network:dhcp</c>.</param>
/// <param name="DeviceId"><c>device_id</c>: the server or router the port is plugged into.</param>
public sealed record NetworkPort(string Id, string Name, string DeviceOwner, string DeviceId)
{
    /// <summary>A router's interface: removed through the router, never deleted as a port.</summary>
    public bool IsRouterInterface => DeviceOwner.StartsWith("network:router_interface", StringComparison.Ordinal)
        || DeviceOwner == "network:ha_router_replicated_interface";

    /// <summary>A port Neutron manages itself (DHCP, gateways, floating IPs): it goes with its owner.</summary>
    public bool IsManagedByNeutron => DeviceOwner.StartsWith("network:", StringComparison.Ordinal);
}
