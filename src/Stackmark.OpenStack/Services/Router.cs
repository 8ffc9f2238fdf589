namespace Stackmark.OpenStack;

/// <summary>A Neutron router (GET /v2.0/routers, the <c>router</c> extension) as far as floating IPs care.</summary>
/// <param name="Id">Router id.</param>
/// <param name="Name">Router name.</param>
/// <param name="Status">Status, e.g. ACTIVE.</param>
/// <param name="ExternalNetworkId">The network of its external gateway (<c>external_gateway_info.network_id</c>), if any:
/// floating IPs of that network reach the networks plugged into this router.</param>
/// <param name="ProjectId">The owning project.</param>
public sealed record Router(string Id, string Name, string Status, string? ExternalNetworkId, string? ProjectId);
