namespace Stackmark.OpenStack;

/// <summary>
/// An authenticated session on one cloud: the handler chain (TLS transport → <see cref="KeystoneAuthHandler"/>),
/// the token provider and catalog endpoint selection. Service clients are created from it.
/// </summary>
/// <remarks>
/// Thread-safe. Dispose to release sockets. Endpoint lookups use the cloud's region and interface.
/// <see cref="CloudConfigException"/> is thrown when TLS files cannot be read; HTTP errors follow style rule 12.
/// </remarks>
public sealed class OpenStackConnection : IDisposable
{
    private readonly HttpClient _plain;

    private OpenStackConnection(CloudConfig cloud, HttpMessageHandler transport, bool ownsTransport, TimeProvider? time, TimeSpan timeout)
    {
        Cloud = cloud;
        _plain = new HttpClient(transport, ownsTransport) { Timeout = timeout };
        Tokens = new KeystoneTokenProvider(new IdentityClient(_plain, cloud.Auth.AuthUrl), cloud.Auth, time);
        Http = new HttpClient(new KeystoneAuthHandler(Tokens, transport), disposeHandler: false) { Timeout = timeout };
    }

    /// <summary>The cloud.</summary>
    public CloudConfig Cloud { get; }

    /// <summary>The token provider.</summary>
    public KeystoneTokenProvider Tokens { get; }

    /// <summary>An HTTP client that authenticates every request.</summary>
    public HttpClient Http { get; }

    /// <summary>An HTTP client without authentication (version documents, token requests).</summary>
    public HttpClient UnauthenticatedHttp => _plain;

    /// <summary>Opens a connection. Nothing is sent until the first call.</summary>
    /// <param name="cloud">The cloud.</param>
    /// <param name="transport">Custom innermost handler (tests); default: sockets with the cloud's TLS options.</param>
    /// <param name="time">Clock for token expiry.</param>
    /// <param name="timeout">Per-request timeout (default 60 s).</param>
    public static OpenStackConnection Open(CloudConfig cloud, HttpMessageHandler? transport = null, TimeProvider? time = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        return new OpenStackConnection(cloud, transport ?? TransportFactory.Create(cloud.Tls), transport is null, time,
            timeout ?? TimeSpan.FromSeconds(60));
    }

    /// <summary>Authenticates (or returns the cached token).</summary>
    public Task<KeystoneToken> AuthenticateAsync(CancellationToken ct = default) => Tokens.GetTokenAsync(ct);

    /// <summary>The catalog endpoint of a service type for this cloud's region and interface, or null.</summary>
    public async Task<Uri?> FindEndpointAsync(string serviceType, CancellationToken ct = default)
    {
        var token = await Tokens.GetTokenAsync(ct).ConfigureAwait(false);
        return token.Catalog.FindEndpoint(serviceType, Cloud.RegionName, Cloud.Interface)?.Url;
    }

    /// <summary>An identity client using the authenticated HTTP client.</summary>
    public IdentityClient CreateIdentityClient() => new(Http, Cloud.Auth.AuthUrl);

    /// <summary>A compute client on <paramref name="endpoint"/>.</summary>
    public ComputeClient CreateComputeClient(Uri endpoint) => new(Http, endpoint);

    /// <summary>An image client on <paramref name="endpoint"/>.</summary>
    public ImageClient CreateImageClient(Uri endpoint) => new(Http, endpoint);

    /// <summary>A network client on <paramref name="endpoint"/>.</summary>
    public NetworkClient CreateNetworkClient(Uri endpoint) => new(Http, endpoint);

    /// <summary>A block-storage client on <paramref name="endpoint"/>.</summary>
    public VolumeClient CreateVolumeClient(Uri endpoint) => new(Http, endpoint);

    /// <summary>An object-storage client on <paramref name="endpoint"/>.</summary>
    public ObjectStorageClient CreateObjectStorageClient(Uri endpoint) => new(Http, endpoint);

    /// <inheritdoc/>
    public void Dispose()
    {
        Http.Dispose();
        Tokens.Dispose();
        _plain.Dispose();
    }
}
