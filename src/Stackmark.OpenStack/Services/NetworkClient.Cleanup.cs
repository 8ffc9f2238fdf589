using System.Text.Json;

namespace Stackmark.OpenStack;

/// <summary>The project's own Neutron resources, and their removal.</summary>
public sealed partial class NetworkClient
{
    /// <summary>
    /// Lists what a project owns of a collection: GET /v2.0/{collection}?project_id={project}
    /// (<c>floatingips</c>, <c>routers</c>, <c>subnets</c>, <c>subnetpools</c>, <c>networks</c>, <c>security-groups</c>).
    /// Filtering by owner keeps shared and external networks of other projects out.
    /// https://docs.openstack.org/api-ref/network/v2/#filtering-and-column-selection
    /// </summary>
    public async Task<IReadOnlyList<OwnedResource>> ListOwnedAsync(string collection, string projectId, CancellationToken ct = default)
    {
        using var doc = await GetAsync(V2($"{collection}?project_id={Uri.EscapeDataString(projectId)}"), ct).ConfigureAwait(false);
        return [.. doc.RootElement.Prop(collection.Replace('-', '_')).Items().Select(r => new OwnedResource(
            r.Str("id") ?? string.Empty, r.Str("name") ?? r.Str("floating_ip_address") ?? string.Empty, r.Str("status")))];
    }

    /// <summary>
    /// Lists a project's ports with their owners: GET /v2.0/ports?project_id={project}.
    /// https://docs.openstack.org/api-ref/network/v2/#list-ports
    /// </summary>
    public async Task<IReadOnlyList<NetworkPort>> ListOwnedPortsAsync(string projectId, CancellationToken ct = default)
    {
        using var doc = await GetAsync(V2($"ports?project_id={Uri.EscapeDataString(projectId)}"), ct).ConfigureAwait(false);
        return [.. doc.RootElement.Prop("ports").Items().Select(p => new NetworkPort(
            p.Str("id") ?? string.Empty, p.Str("name") ?? string.Empty, p.Str("device_owner") ?? string.Empty, p.Str("device_id") ?? string.Empty))];
    }

    /// <summary>
    /// Deletes one resource: DELETE /v2.0/{collection}/{id}.
    /// https://docs.openstack.org/api-ref/network/v2/#delete-network
    /// </summary>
    public Task<bool> DeleteAsync(string collection, string id, CancellationToken ct = default) =>
        DeleteAsync(V2($"{collection}/{Uri.EscapeDataString(id)}"), ct);

    /// <summary>
    /// Removes an interface (by its port) from a router: PUT /v2.0/routers/{id}/remove_router_interface.
    /// https://docs.openstack.org/api-ref/network/v2/#remove-interface-from-router
    /// </summary>
    public Task RemoveRouterInterfaceAsync(string routerId, string portId, CancellationToken ct = default) =>
        SendJsonAsync(HttpMethod.Put, V2($"routers/{Uri.EscapeDataString(routerId)}/remove_router_interface"),
            JsonSerializer.Serialize(new Dictionary<string, string> { ["port_id"] = portId }), ct);
}
