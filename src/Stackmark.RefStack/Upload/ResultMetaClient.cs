using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Stackmark.RefStack;

/// <summary>
/// Changes an uploaded result on its registry with an API token: RefStack's <c>POST {base}/v1/results/{id}/meta/{key}</c>
/// (the raw body is the value) and <c>PUT {base}/v1/results/{id}</c> with <c>product_version_id</c>.
/// </summary>
/// <remarks>
/// The token goes in <c>Authorization: Bearer</c>, as Stackmark's registry takes it (<c>POST /v1/auth/tokens</c>); a
/// plain RefStack server authenticates its web session instead and refuses these calls, which comes back as a refusal.
/// A bearer token is a password: it is only sent over https or to a loopback address (<see cref="MaySendToken"/>),
/// else the call throws. Outcomes are values (<see cref="EditResult"/>); cancellation by the caller throws
/// <see cref="OperationCanceledException"/>. Thread-safe if the <see cref="HttpClient"/> is.
/// </remarks>
public sealed class ResultMetaClient(HttpClient http)
{
    private readonly HttpClient _http = http ?? throw new ArgumentNullException(nameof(http));

    /// <summary>Whether a bearer token may go to <paramref name="baseUrl"/>: https, or a loopback host (a registry on this machine).</summary>
    public static bool MaySendToken(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return baseUrl.IsAbsoluteUri && (baseUrl.Scheme == Uri.UriSchemeHttps || (baseUrl.Scheme == Uri.UriSchemeHttp && baseUrl.IsLoopback));
    }

    /// <summary><c>{base}/v1/results/{id}</c>.</summary>
    /// <exception cref="ArgumentException">The base is not an absolute http(s) URL, or the id is empty.</exception>
    public static Uri ResultEndpoint(Uri baseUrl, string testId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(testId);
        return new Uri(RefStackUploader.ResultsEndpoint(baseUrl), Uri.EscapeDataString(testId));
    }

    /// <summary>Sets one metadata key of a result (RefStack's keys: <c>shared</c>, <c>guideline</c>, <c>target</c>; Stackmark's also <c>region</c>).</summary>
    /// <param name="baseUrl">The API base, as for the upload.</param>
    /// <param name="testId">The result's id, from the upload.</param>
    /// <param name="key">The metadata key.</param>
    /// <param name="value">The value, sent as the raw body.</param>
    /// <param name="token">The API token of the result's owner (or a foundation admin).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentException">The token may not go to <paramref name="baseUrl"/> (<see cref="MaySendToken"/>).</exception>
    public Task<EditResult> SetMetaAsync(Uri baseUrl, string testId, string key, string value, string token, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        var uri = new Uri(ResultEndpoint(baseUrl, testId).AbsoluteUri + "/meta/" + Uri.EscapeDataString(key));
        var content = new StringContent(value, new UTF8Encoding(false), "text/plain");
        return SendAsync(HttpMethod.Post, uri, content, token, cancellationToken);
    }

    /// <summary>Links a result to a product version (whose product's declared regions a <c>region</c> must then be one of).</summary>
    /// <param name="baseUrl">The API base, as for the upload.</param>
    /// <param name="testId">The result's id, from the upload.</param>
    /// <param name="productVersionId">The product version's id.</param>
    /// <param name="token">The API token of the result's owner who administers the product's vendor (or a foundation admin).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentException">The token may not go to <paramref name="baseUrl"/> (<see cref="MaySendToken"/>).</exception>
    public Task<EditResult> LinkProductVersionAsync(Uri baseUrl, string testId, string productVersionId, string token, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(productVersionId);
        var body = new JsonObject { ["product_version_id"] = productVersionId }.ToJsonString();
        var content = new StringContent(body, new UTF8Encoding(false), "application/json");
        return SendAsync(HttpMethod.Put, ResultEndpoint(baseUrl, testId), content, token, cancellationToken);
    }

    private async Task<EditResult> SendAsync(HttpMethod method, Uri uri, HttpContent content, string token, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        if (!MaySendToken(uri))
        {
            content.Dispose();
            throw new ArgumentException($"an API token is only sent over https or to a loopback address, not to {uri.GetLeftPart(UriPartial.Authority)}", nameof(token));
        }

        using var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? EditResult.Done((int)response.StatusCode) : EditResult.Refused((int)response.StatusCode, RegistryErrorText.Of(response, text));
        }
        catch (HttpRequestException e)
        {
            return EditResult.TransportFailed($"could not reach {uri}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return EditResult.TransportFailed($"{uri} did not answer within {_http.Timeout.TotalSeconds:0} seconds");
        }
    }
}
