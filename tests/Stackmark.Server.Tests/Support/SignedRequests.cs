using System.Net.Http.Headers;
using System.Security.Cryptography;
using Stackmark.RefStack;

namespace Stackmark.Server.Tests.Support;

/// <summary>Upload requests signed by hand: RefStack's version 1 (body only) and Stackmark's version 2.</summary>
internal static class SignedRequests
{
    public static HttpRequestMessage Unsigned(string target, byte[] body, string contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return request;
    }

    public static HttpRequestMessage V1(string target, byte[] body, RSA key, string contentType = "application/json")
    {
        var request = Unsigned(target, body, contentType);
        request.Headers.TryAddWithoutValidation("X-Signature", ResultSigner.Sign(body, key));
        request.Headers.TryAddWithoutValidation("X-Public-Key", SshPublicKey.FromRsa(key).ToHeaderValue());
        return request;
    }

    /// <summary>A version 2 request; <paramref name="signedTarget"/> and <paramref name="signedNonce"/> let a test sign something else than it sends.</summary>
    public static HttpRequestMessage V2(
        string target, byte[] body, RSA key, DateTimeOffset time, string nonce, string contentType = "application/json", string? signedTarget = null, string? signedNonce = null)
    {
        var request = Unsigned(target, body, contentType);
        var timestamp = UploadSignatureV2.Timestamp(time);
        var message = UploadSignatureV2.CanonicalBytes("POST", signedTarget ?? target, timestamp, signedNonce ?? nonce, body);
        request.Headers.TryAddWithoutValidation("X-Signature", ResultSigner.Sign(message, key));
        request.Headers.TryAddWithoutValidation("X-Public-Key", SshPublicKey.FromRsa(key).ToHeaderValue());
        request.Headers.TryAddWithoutValidation(UploadSignatureV2.VersionHeader, UploadSignatureV2.Version);
        request.Headers.TryAddWithoutValidation(UploadSignatureV2.TimestampHeader, timestamp);
        request.Headers.TryAddWithoutValidation(UploadSignatureV2.NonceHeader, nonce);
        return request;
    }
}

/// <summary>The subunit streams checked in under <c>tests/Stackmark.Subunit.Tests/Fixtures</c>.</summary>
internal static class SubunitFixtures
{
    /// <summary>A real Tempest 2019.11 platform run on the devcloud: 123 tests, 81 pass, 1 fail, 41 skip.</summary>
    public static byte[] Tempest2019 => Read("tempest-2019.11-platform-devcloud.subunit");

    public static byte[] Read(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "Stackmark.Subunit.Tests", "Fixtures", name);
            if (File.Exists(path))
            {
                return File.ReadAllBytes(path);
            }
        }

        throw new FileNotFoundException(name);
    }
}
