namespace Stackmark.OpenStack;

/// <summary>Designate (DNS) client: the project's zones and their removal. Errors: see <see cref="ServiceClientBase"/>.</summary>
public sealed class DnsClient : ServiceClientBase
{
    /// <summary>Creates the client on the dns endpoint (e.g. <c>http://host:9001</c>).</summary>
    public DnsClient(HttpClient http, Uri endpoint)
        : base(http, endpoint)
    {
    }

    private Uri V2(string relative) => EndpointUrls.Append(EndpointUrls.VersionRoot(Endpoint), "v2/" + relative);

    /// <summary>
    /// Lists the project's zones: GET /v2/zones.
    /// https://docs.openstack.org/api-ref/dns/dns-api-v2-index.html#list-zones
    /// </summary>
    public async Task<IReadOnlyList<OwnedResource>> ListZonesAsync(CancellationToken ct = default)
    {
        using var doc = await GetAsync(V2("zones"), ct).ConfigureAwait(false);
        return [.. doc.RootElement.Prop("zones").Items().Select(z => new OwnedResource(z.Str("id") ?? string.Empty, z.Str("name") ?? string.Empty, z.Str("status")))];
    }

    /// <summary>
    /// A zone's status, or null once it is gone: GET /v2/zones/{id}.
    /// https://docs.openstack.org/api-ref/dns/dns-api-v2-index.html#show-a-zone
    /// </summary>
    public async Task<string?> GetZoneStatusAsync(string id, CancellationToken ct = default)
    {
        using var doc = await GetOrNullAsync(V2("zones/" + Uri.EscapeDataString(id)), ct).ConfigureAwait(false);
        return doc?.RootElement.Str("status");
    }

    /// <summary>
    /// Deletes a zone (asynchronous): DELETE /v2/zones/{id}.
    /// https://docs.openstack.org/api-ref/dns/dns-api-v2-index.html#delete-a-zone
    /// </summary>
    public Task<bool> DeleteZoneAsync(string id, CancellationToken ct = default) => DeleteAsync(V2("zones/" + Uri.EscapeDataString(id)), ct);
}
