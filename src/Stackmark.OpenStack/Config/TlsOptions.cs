namespace Stackmark.OpenStack;

/// <summary>TLS settings of a cloud. Certificates are verified unless <see cref="Insecure"/> is set explicitly.</summary>
public sealed record TlsOptions
{
    /// <summary>The default: verify against the system trust store.</summary>
    public static TlsOptions Default { get; } = new();

    /// <summary>PEM bundle of CA certificates to trust (<c>cacert</c>, OS_CACERT).</summary>
    public string? CaCertFile { get; init; }

    /// <summary>Skip certificate verification (<c>verify: false</c>, <c>insecure: true</c>, OS_INSECURE).</summary>
    public bool Insecure { get; init; }

    /// <summary>PEM client certificate (<c>cert</c>, OS_CERT).</summary>
    public string? ClientCertFile { get; init; }

    /// <summary>PEM client key (<c>key</c>, OS_KEY); may be absent if the certificate file holds the key.</summary>
    public string? ClientKeyFile { get; init; }
}
