namespace Stackmark.OpenStack;

/// <summary>A Neutron network (GET /v2.0/networks).</summary>
/// <param name="Id">Network id.</param>
/// <param name="Name">Network name.</param>
/// <param name="Status">Status, e.g. ACTIVE.</param>
/// <param name="IsExternal"><c>router:external</c>: usable for floating IPs.</param>
/// <param name="IsShared">Whether the network is shared.</param>
/// <param name="SubnetIds">Subnet ids.</param>
public sealed record Network(string Id, string Name, string Status, bool IsExternal, bool IsShared, IReadOnlyList<string> SubnetIds)
{
    /// <summary>The owning project (<c>project_id</c>, or <c>tenant_id</c> on old Neutrons); null when not reported.</summary>
    public string? ProjectId { get; init; }
}
