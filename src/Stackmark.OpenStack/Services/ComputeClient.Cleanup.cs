namespace Stackmark.OpenStack;

/// <summary>The project's own resources in Nova, and their removal.</summary>
public sealed partial class ComputeClient
{
    /// <summary>
    /// Lists the project's servers: GET /servers?limit=1000 (a member sees only its project's).
    /// https://docs.openstack.org/api-ref/compute/#list-servers
    /// </summary>
    public async Task<IReadOnlyList<OwnedResource>> ListServersAsync(CancellationToken ct = default)
    {
        using var doc = await GetAsync("servers?limit=1000", ct).ConfigureAwait(false);
        return [.. doc.RootElement.Prop("servers").Items().Select(s => new OwnedResource(s.Str("id") ?? string.Empty, s.Str("name") ?? string.Empty))];
    }

    /// <summary>
    /// A server's status, or null once it is gone: GET /servers/{id}.
    /// https://docs.openstack.org/api-ref/compute/#show-server-details
    /// </summary>
    public async Task<string?> GetServerStatusAsync(string id, CancellationToken ct = default)
    {
        using var doc = await GetOrNullAsync(EndpointUrls.Append(Endpoint, "servers/" + Uri.EscapeDataString(id)), ct).ConfigureAwait(false);
        return doc?.RootElement.Prop("server").Str("status") is { } status && status != "DELETED" ? status : null;
    }

    /// <summary>
    /// Deletes a server (asynchronous in Nova): DELETE /servers/{id}; false when it was gone.
    /// https://docs.openstack.org/api-ref/compute/#delete-server
    /// </summary>
    public Task<bool> DeleteServerAsync(string id, CancellationToken ct = default) =>
        DeleteAsync(EndpointUrls.Append(Endpoint, "servers/" + Uri.EscapeDataString(id)), ct);

    /// <summary>
    /// Lists the user's keypairs (keypairs belong to the user, not the project): GET /os-keypairs.
    /// https://docs.openstack.org/api-ref/compute/#list-keypairs
    /// </summary>
    public async Task<IReadOnlyList<OwnedResource>> ListKeypairsAsync(CancellationToken ct = default)
    {
        using var doc = await GetAsync("os-keypairs", ct).ConfigureAwait(false);
        return [.. doc.RootElement.Prop("keypairs").Items().Select(k => k.Prop("keypair").Str("name") ?? string.Empty)
            .Where(n => n.Length > 0).Select(n => new OwnedResource(n, n))];
    }

    /// <summary>
    /// Deletes a keypair: DELETE /os-keypairs/{name}.
    /// https://docs.openstack.org/api-ref/compute/#delete-keypair
    /// </summary>
    public Task<bool> DeleteKeypairAsync(string name, CancellationToken ct = default) =>
        DeleteAsync(EndpointUrls.Append(Endpoint, "os-keypairs/" + Uri.EscapeDataString(name)), ct);

    /// <summary>
    /// Lists the project's server groups: GET /os-server-groups.
    /// https://docs.openstack.org/api-ref/compute/#list-server-groups
    /// </summary>
    public async Task<IReadOnlyList<OwnedResource>> ListServerGroupsAsync(CancellationToken ct = default)
    {
        using var doc = await GetAsync("os-server-groups", ct).ConfigureAwait(false);
        return [.. doc.RootElement.Prop("server_groups").Items().Select(g => new OwnedResource(g.Str("id") ?? string.Empty, g.Str("name") ?? string.Empty))];
    }

    /// <summary>
    /// Deletes a server group: DELETE /os-server-groups/{id}.
    /// https://docs.openstack.org/api-ref/compute/#delete-server-group
    /// </summary>
    public Task<bool> DeleteServerGroupAsync(string id, CancellationToken ct = default) =>
        DeleteAsync(EndpointUrls.Append(Endpoint, "os-server-groups/" + Uri.EscapeDataString(id)), ct);
}
