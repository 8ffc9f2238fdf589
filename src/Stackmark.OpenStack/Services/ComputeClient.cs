namespace Stackmark.OpenStack;

/// <summary>Nova (compute) client. Errors: see <see cref="ServiceClientBase"/>.</summary>
public sealed partial class ComputeClient : ServiceClientBase
{
    /// <summary>Creates the client on the compute catalog endpoint (e.g. <c>http://host:8774/v2.1</c>).</summary>
    public ComputeClient(HttpClient http, Uri endpoint)
        : base(http, endpoint)
    {
    }

    /// <summary>
    /// Lists flavors with details: GET /flavors/detail.
    /// https://docs.openstack.org/api-ref/compute/#list-flavors-with-details
    /// </summary>
    public async Task<IReadOnlyList<Flavor>> ListFlavorsDetailAsync(CancellationToken ct = default)
    {
        using var doc = await GetAsync("flavors/detail", ct).ConfigureAwait(false);
        return [.. doc.RootElement.Prop("flavors").Items().Select(f => new Flavor(
            f.Str("id") ?? string.Empty,
            f.Str("name") ?? string.Empty,
            f.Long("ram") ?? 0,
            f.Long("disk") ?? 0,
            f.Long("vcpus") ?? 0,
            f.Bool("os-flavor-access:is_public") ?? true))];
    }

    /// <summary>GET /os-hypervisors/detail (admin only): the compute nodes and their hypervisor types.</summary>
    public async Task<IReadOnlyList<Hypervisor>> ListHypervisorsAsync(CancellationToken ct = default)
    {
        using var doc = await GetAsync("os-hypervisors/detail", ct).ConfigureAwait(false);
        return [.. doc.RootElement.Prop("hypervisors").Items().Select(h => new Hypervisor(
            h.Str("hypervisor_hostname") ?? string.Empty,
            h.Str("hypervisor_type") ?? string.Empty,
            h.Str("state") ?? string.Empty,
            h.Str("status") ?? string.Empty))];
    }

    /// <summary>The current version's microversion range (min, max), or nulls when unpublished.</summary>
    public async Task<(string? Min, string? Max)> GetMicroversionsAsync(CancellationToken ct = default)
    {
        var current = VersionDocument.Current(await GetVersionsAsync(ct).ConfigureAwait(false));
        return (current?.MinMicroversion, current?.MaxMicroversion);
    }
}
