using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Stackmark.RefStack;

/// <summary>
/// Uploads results to a RefStack v1 server: <c>POST {base}/v1/results/</c>
/// (https://refstack.openstack.org/api/v1/results/), optionally signed.
/// </summary>
/// <remarks>
/// A typed client: register it with <c>AddHttpClient&lt;RefStackUploader&gt;()</c> or pass any
/// <see cref="HttpClient"/>. The body is exactly <see cref="RefStackJson.Serialize"/>'s bytes, and the signature is
/// over those bytes. Outcomes are values (<see cref="UploadResult"/>): 201 is the only success; any other status
/// carries the server's error text; transport failures carry what went wrong. Cancellation by the caller throws
/// <see cref="OperationCanceledException"/>. Thread-safe if the <see cref="HttpClient"/> is.
/// </remarks>
public sealed partial class RefStackUploader(HttpClient http)
{
    private const int ExpectContinueThreshold = 64 * 1024;

    /// <summary>refstack-client's default server (<c>--url</c>, <c>REFSTACK_URL</c>).</summary>
    public static readonly Uri DefaultBaseUrl = new("https://refstack.openstack.org/api");

    private readonly HttpClient _http = http ?? throw new ArgumentNullException(nameof(http));

    /// <summary>
    /// 1 (default): RefStack's signature over the body only, which any RefStack server accepts but a captured upload
    /// can replay; 2: Stackmark's signature over method, path, time, nonce and body hash (<see cref="UploadSignatureV2"/>).
    /// </summary>
    public int SignatureVersion { get; init; } = 1;

    /// <summary>The clock for version 2 timestamps.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Serialises, optionally signs, and uploads <paramref name="results"/>.</summary>
    /// <param name="baseUrl">The API base, e.g. <see cref="DefaultBaseUrl"/>; a trailing slash is fine.</param>
    /// <param name="results">The results document.</param>
    /// <param name="signingKey">The key to sign with, or null for an anonymous upload.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<UploadResult> UploadAsync(Uri baseUrl, RefStackResults results, RSA? signingKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        return UploadAsync(baseUrl, RefStackJson.Serialize(results), signingKey, cancellationToken);
    }

    /// <summary>Uploads an already serialised body, signing exactly these bytes when a key is given.</summary>
    /// <param name="baseUrl">The API base, e.g. <see cref="DefaultBaseUrl"/>; a trailing slash is fine.</param>
    /// <param name="body">The body bytes, normally from <see cref="RefStackJson.Serialize"/>.</param>
    /// <param name="signingKey">The key to sign with, or null for an anonymous upload.</param>
    /// <param name="cancellationToken">Cancels the request.</param>

    public async Task<UploadResult> UploadAsync(Uri baseUrl, ReadOnlyMemory<byte> body, RSA? signingKey = null, CancellationToken cancellationToken = default)
    {
        var endpoint = ResultsEndpoint(baseUrl);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new ReadOnlyMemoryContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        // A large body waits for "100 Continue": a server that refuses it (413, 401) answers before it is sent,
        // instead of resetting the connection mid-upload and losing its answer.
        request.Headers.ExpectContinue = body.Length > ExpectContinueThreshold;
        if (signingKey is not null && SignatureVersion == 2)
        {
            // Stackmark's replay-protected signature: method, target, time and a nonce are signed with the body hash.
            var timestamp = UploadSignatureV2.Timestamp(Time.GetUtcNow());
            var nonce = UploadSignatureV2.NewNonce();
            var canonical = UploadSignatureV2.CanonicalBytes("POST", endpoint.PathAndQuery, timestamp, nonce, body.Span);
            request.Headers.TryAddWithoutValidation(UploadSignatureV2.VersionHeader, UploadSignatureV2.Version);
            request.Headers.TryAddWithoutValidation(UploadSignatureV2.TimestampHeader, timestamp);
            request.Headers.TryAddWithoutValidation(UploadSignatureV2.NonceHeader, nonce);
            request.Headers.TryAddWithoutValidation("X-Signature", ResultSigner.Sign(canonical, signingKey));
            request.Headers.TryAddWithoutValidation("X-Public-Key", SshPublicKey.FromRsa(signingKey).ToHeaderValue());
        }
        else if (signingKey is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Signature", ResultSigner.Sign(body.Span, signingKey));
            request.Headers.TryAddWithoutValidation("X-Public-Key", SshPublicKey.FromRsa(signingKey).ToHeaderValue());
        }

        HttpResponseMessage response;
        string text;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            using (response)
            {
                text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (HttpRequestException e)
        {
            return UploadResult.TransportFailed($"could not reach {endpoint}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return UploadResult.TransportFailed($"{endpoint} did not answer within {_http.Timeout.TotalSeconds:0} seconds");
        }

        var status = (int)response.StatusCode;
        if (status != 201)
        {
            return UploadResult.Rejected(status, RegistryErrorText.Of(response, text));
        }

        return Created(text) ?? UploadResult.Rejected(201, $"the server answered 201 Created but not with {{\"test_id\", \"url\"}}, so the results may be stored under an unknown id: {RegistryErrorText.Truncate(text)}");
    }

    /// <summary>
    /// <c>{baseUrl}/v1/results/</c>, with runs of <c>/</c> in the path collapsed (refstack-client turns a base ending
    /// in <c>/</c> into <c>//v1</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The base is not an absolute http(s) URL.</exception>
    public static Uri ResultsEndpoint(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{baseUrl}' is not an absolute http(s) URL.", nameof(baseUrl));
        }

        var builder = new UriBuilder(baseUrl)
        {
            Path = Slashes().Replace(baseUrl.AbsolutePath + "/v1/results/", "/"),
            Query = string.Empty,
            Fragment = string.Empty,
        };
        return builder.Uri;
    }

    private static UploadResult? Created(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("test_id", out var id)
                || id.ValueKind != JsonValueKind.String
                || string.IsNullOrWhiteSpace(id.GetString()))
            {
                return null;
            }

            Uri? url = null;
            if (doc.RootElement.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String)
            {
                _ = Uri.TryCreate(u.GetString(), UriKind.Absolute, out url);
            }

            return UploadResult.Uploaded(id.GetString()!, url);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex("/{2,}")]
    private static partial Regex Slashes();
}
