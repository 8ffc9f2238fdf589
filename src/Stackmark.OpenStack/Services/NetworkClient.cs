namespace Stackmark.OpenStack;

/// <summary>Neutron (network) client. Errors: see <see cref="ServiceClientBase"/>.</summary>
public sealed class NetworkClient : ServiceClientBase
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
            [.. n.Prop("subnets").Items().Select(s => s.GetString()).OfType<string>()]))];
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
