using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Stackmark.OpenStack;

/// <summary>Builds the socket-level handler from <see cref="TlsOptions"/>: TLS verification stays on unless asked otherwise.</summary>
internal static class TransportFactory
{
    public static HttpMessageHandler Create(TlsOptions tls)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(15),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };

        if (tls.Insecure)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (tls.CaCertFile is not null)
        {
            var roots = LoadBundle(tls.CaCertFile);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                ValidateWithRoots(certificate, errors, roots);
        }

        if (tls.ClientCertFile is not null)
        {
            var cert = LoadClientCertificate(tls.ClientCertFile, tls.ClientKeyFile);
            handler.SslOptions.ClientCertificates = new X509CertificateCollection { cert };
        }

        return handler;
    }

    private static X509Certificate2Collection LoadBundle(string path)
    {
        try
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(path);
            return roots.Count > 0 ? roots : throw new CloudConfigException($"CA bundle {path} holds no PEM certificate.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new CloudConfigException($"Cannot read CA bundle {path}: {ex.Message}", inner: ex);
        }
    }

    private static X509Certificate2 LoadClientCertificate(string certFile, string? keyFile)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(certFile, keyFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new CloudConfigException($"Cannot read client certificate {certFile}: {ex.Message}", inner: ex);
        }
    }

    private static bool ValidateWithRoots(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false; // name mismatch or no certificate: a custom CA does not excuse those.
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
