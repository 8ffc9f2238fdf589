namespace Stackmark.OpenStack;

/// <summary>A resolved cloud: credentials, region, interface and TLS options.</summary>
/// <remarks>Produced by <see cref="CloudConfigResolver"/>; immutable. <see cref="Source"/> says where it came from.</remarks>
public sealed record CloudConfig
{
    /// <summary>The cloud name in clouds.yaml, or <c>envvars</c> when built from OS_* variables.</summary>
    public required string Name { get; init; }

    /// <summary>Credentials.</summary>
    public required CloudAuth Auth { get; init; }

    /// <summary>Region to select endpoints in; null means the first endpoint of the wanted interface.</summary>
    public string? RegionName { get; init; }

    /// <summary>Endpoint interface: <c>public</c> (default), <c>internal</c> or <c>admin</c>.</summary>
    public string Interface { get; init; } = "public";

    /// <summary>The identity API version asked for; only <c>3</c> is supported.</summary>
    public string IdentityApiVersion { get; init; } = "3";

    /// <summary>TLS options.</summary>
    public TlsOptions Tls { get; init; } = TlsOptions.Default;

    /// <summary>Human-readable origin, e.g. <c>/etc/openstack/clouds.yaml</c> or <c>environment</c>.</summary>
    public string Source { get; init; } = "code";
}
