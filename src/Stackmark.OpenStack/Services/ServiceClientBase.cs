using System.Net;
using System.Text;
using System.Text.Json;

namespace Stackmark.OpenStack;

/// <summary>Shared plumbing of the per-service clients: an HTTP client and the catalog endpoint.</summary>
/// <remarks>
/// Errors of every call: <see cref="OpenStackApiException"/> (the service answered with an error),
/// <see cref="OpenStackTransportException"/> (it could not be reached), CLR exceptions for caller bugs.
/// </remarks>
public abstract class ServiceClientBase
{
    /// <summary>Creates the client.</summary>
    /// <param name="http">An authenticated HTTP client (see <see cref="OpenStackConnection.Http"/>).</param>
    /// <param name="endpoint">The catalog endpoint URL of the service.</param>
    protected ServiceClientBase(HttpClient http, Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoint);
        Http = http;
        Endpoint = endpoint;
    }

    /// <summary>The catalog endpoint.</summary>
    public Uri Endpoint { get; }

    /// <summary>The HTTP client.</summary>
    protected HttpClient Http { get; }

    /// <summary>
    /// Lists the API versions: GET on the unversioned endpoint root (may answer 300 Multiple Choices).
    /// https://specs.openstack.org/openstack/api-wg/guidelines/microversion_specification.html#version-discovery
    /// </summary>
    public async Task<IReadOnlyList<ApiVersion>> GetVersionsAsync(CancellationToken ct = default)
    {
        using var doc = await OpenStackHttp.GetJsonAsync(Http, EndpointUrls.VersionRoot(Endpoint), ct, allowMultipleChoices: true)
            .ConfigureAwait(false);
        return VersionDocument.Parse(doc.RootElement);
    }

    /// <summary>GETs <paramref name="relative"/> under the endpoint as JSON.</summary>
    protected Task<JsonDocument> GetAsync(string relative, CancellationToken ct) =>
        OpenStackHttp.GetJsonAsync(Http, EndpointUrls.Append(Endpoint, relative), ct);

    /// <summary>GETs an absolute URL as JSON.</summary>
    protected Task<JsonDocument> GetAsync(Uri absolute, CancellationToken ct) => OpenStackHttp.GetJsonAsync(Http, absolute, ct);

    /// <summary>GETs an absolute URL as JSON; null when the resource is gone (404).</summary>
    protected async Task<JsonDocument?> GetOrNullAsync(Uri absolute, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, absolute);
        using var response = await OpenStackHttp.SendAsync(Http, request, ct, s => (int)s is >= 200 and < 300 || s == HttpStatusCode.NotFound)
            .ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await OpenStackHttp.ReadJsonAsync(response, request, ct).ConfigureAwait(false);
    }

    /// <summary>DELETEs an absolute URL; false when it was gone already (404).</summary>
    protected async Task<bool> DeleteAsync(Uri absolute, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, absolute);
        using var response = await OpenStackHttp.SendAsync(Http, request, ct, s => (int)s is >= 200 and < 300 || s == HttpStatusCode.NotFound)
            .ConfigureAwait(false);
        return response.StatusCode != HttpStatusCode.NotFound;
    }

    /// <summary>Sends <paramref name="method"/> with a JSON body (buffered, as <see cref="OpenStackHttp.PostJsonAsync"/> explains).</summary>
    protected async Task SendJsonAsync(HttpMethod method, Uri absolute, string json, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, absolute) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await OpenStackHttp.SendAsync(Http, request, ct, s => (int)s is >= 200 and < 300).ConfigureAwait(false);
    }
}
