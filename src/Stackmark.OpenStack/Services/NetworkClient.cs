namespace Stackmark.OpenStack;

/// <summary>Neutron (network) client. Errors: see <see cref="ServiceClientBase"/>.</summary>
public sealed partial class NetworkClient : ServiceClientBase
{
    /// <summary>Creates the client on the network catalog endpoint (e.g. <c>http://host:9696</c>).</summary>
    public NetworkClient(HttpClient http, Uri endpoint)
        : base(http, endpoint)
    {
    }

    private Uri V2(string relative) => EndpointUrls.Append(EndpointUrls.VersionRoot(Endpoint), "v2.0/" + relative);

    /// <summary>
    /// Lists networks: GET /v2.0/networks.
    /// https://docs.openstack.org/api-ref/network/v2/#list-networks
    /// </summary>
    public async Task<IReadOnlyList<Network>> ListNetworksAsync(CancellationToken ct = default)
    {
        using var doc = await GetAsync(V2("networks"), ct).ConfigureAwait(false);
        return [.. doc.RootElement.Prop("networks").Items().Select(n => new Network(
            n.Str("id") ?? string.Empty,
            n.Str("name") ?? string.Empty,
            n.Str("status") ?? string.Empty,
            n.Bool("router:external") ?? false,
            n.Bool("shared") ?? false,
            [.. n.Prop("subnets").Items().Select(s => s.GetString()).OfType<string>()])
        {
            ProjectId = n.Str("project_id") ?? n.Str("tenant_id"),
        })];
    }

    /// <summary>
    /// Lists subnets: GET /v2.0/subnets.
    /// https://docs.openstack.org/api-ref/network/v2/#list-subnets
    /// </summary>
    public async Task<IReadOnlyList<Subnet>> ListSubnetsAsync(CancellationToken ct = default)
    {
        using var doc = await GetAsync(V2("subnets"), ct).ConfigureAwait(false);
        return [.. doc.RootElement.Prop("subnets").Items().Select(s => new Subnet(
            s.Str("id") ?? string.Empty,
            s.Str("network_id") ?? string.Empty,
            s.Str("name") ?? string.Empty,
            s.Str("cidr") ?? string.Empty,
            (int)(s.Long("ip_version") ?? 4)))];
    }

    /// <summary>
    /// Lists routers: GET /v2.0/routers (the <c>router</c> extension).
    /// https://docs.openstack.org/api-ref/network/v2/#list-routers
    /// </summary>
    public async Task<IReadOnlyList<Router>> ListRoutersAsync(CancellationToken ct = default)
    {
        using var doc = await GetAsync(V2("routers"), ct).ConfigureAwait(false);
        return [.. doc.RootElement.Prop("routers").Items().Select(r => new Router(
            r.Str("id") ?? string.Empty,
            r.Str("name") ?? string.Empty,
            r.Str("status") ?? string.Empty,
            r.Prop("external_gateway_info").Str("network_id"),
            r.Str("project_id") ?? r.Str("tenant_id")))];
    }

    /// <summary>
    /// Lists API extensions: GET /v2.0/extensions.
    /// https://docs.openstack.org/api-ref/network/v2/#list-extensions
    /// </summary>
    public async Task<IReadOnlyList<ApiExtension>> ListExtensionsAsync(CancellationToken ct = default)
    {
        using var doc = await GetAsync(V2("extensions"), ct).ConfigureAwait(false);
        return ExtensionList.Parse(doc.RootElement);
    }
}
