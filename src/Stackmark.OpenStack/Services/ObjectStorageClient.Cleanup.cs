using System.Net.Http.Headers;

namespace Stackmark.OpenStack;

/// <summary>The account's containers and objects, and their removal.</summary>
public sealed partial class ObjectStorageClient
{
    private const string AccountMetaPrefix = "x-account-meta-";

    /// <summary>
    /// The account's counters and metadata keys: HEAD on the account.
    /// https://docs.openstack.org/api-ref/object-store/#show-account-metadata
    /// </summary>
    public async Task<SwiftAccount> GetAccountAsync(CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Head, Endpoint, ct).ConfigureAwait(false);
        return new SwiftAccount(
            Number(response.Headers, "X-Account-Container-Count"),
            Number(response.Headers, "X-Account-Object-Count"),
            Number(response.Headers, "X-Account-Bytes-Used"),
            [.. response.Headers.Select(h => h.Key.ToLowerInvariant()).Where(k => k.StartsWith(AccountMetaPrefix, StringComparison.Ordinal))
                .Select(k => k[AccountMetaPrefix.Length..]).Order(StringComparer.Ordinal)]);
    }

    /// <summary>
    /// Lists every container name, page by page: GET on the account with <c>format=json</c> and <c>marker</c>.
    /// https://docs.openstack.org/api-ref/object-store/#show-account-details-and-list-containers
    /// </summary>
    public async Task<IReadOnlyList<string>> ListContainersAsync(CancellationToken ct = default)
    {
        var names = new List<string>();
        while (true)
        {
            var query = "?format=json" + (names.Count > 0 ? "&marker=" + Uri.EscapeDataString(names[^1]) : string.Empty);
            using var doc = await GetAsync(new Uri(Endpoint.AbsoluteUri.TrimEnd('/') + query), ct).ConfigureAwait(false);
            var page = doc.RootElement.Items().Select(c => c.Str("name")).OfType<string>().ToList();
            if (page.Count == 0)
            {
                return names;
            }

            names.AddRange(page);
        }
    }

    /// <summary>
    /// Lists every object of a container (every version of every object with <paramref name="versions"/>):
    /// GET on the container with <c>format=json</c>, <c>marker</c> (and <c>version_marker</c>).
    /// https://docs.openstack.org/swift/latest/middleware.html#object-versioning
    /// </summary>
    public async Task<IReadOnlyList<SwiftObject>> ListObjectsAsync(string container, bool versions = false, CancellationToken ct = default)
    {
        var objects = new List<SwiftObject>();
        while (true)
        {
            var query = "?format=json" + (versions ? "&versions" : string.Empty);
            if (objects.Count > 0)
            {
                query += "&marker=" + Uri.EscapeDataString(objects[^1].Name)
                    + (versions && objects[^1].VersionId is { } v ? "&version_marker=" + Uri.EscapeDataString(v) : string.Empty);
            }

            using var doc = await GetAsync(Path(container) + query, ct).ConfigureAwait(false);
            var page = doc.RootElement.Items().Where(o => o.Str("name") is not null)
                .Select(o => new SwiftObject(o.Str("name")!, versions ? o.Str("version_id") : null)).ToList();
            if (page.Count == 0)
            {
                return objects;
            }

            objects.AddRange(page);
        }
    }

    /// <summary>
    /// The container's versioning headers (<c>X-Versions-Location</c>, <c>X-History-Location</c>,
    /// <c>X-Versions-Enabled</c>), lower case, with their values: HEAD on the container.
    /// https://docs.openstack.org/api-ref/object-store/#show-container-metadata
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> GetContainerVersioningAsync(string container, CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Head, EndpointUrls.Append(Endpoint, Path(container)), ct).ConfigureAwait(false);
        return response.Headers
            .Where(h => h.Key.Equals("X-Versions-Location", StringComparison.OrdinalIgnoreCase) || h.Key.Equals("X-History-Location", StringComparison.OrdinalIgnoreCase)
                || h.Key.Equals("X-Versions-Enabled", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value), StringComparer.Ordinal);
    }

    /// <summary>
    /// Sets container headers (e.g. <c>X-Remove-Versions-Location</c>, <c>X-Versions-Enabled: false</c>): POST on the container.
    /// https://docs.openstack.org/api-ref/object-store/#create-update-or-delete-container-metadata
    /// </summary>
    public async Task UpdateContainerAsync(string container, IReadOnlyDictionary<string, string> headers, CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Post, EndpointUrls.Append(Endpoint, Path(container)), ct, headers).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes one account metadata key: POST on the account with <c>X-Remove-Account-Meta-{key}</c>.
    /// https://docs.openstack.org/api-ref/object-store/#create-update-or-delete-account-metadata
    /// </summary>
    public async Task RemoveAccountMetadataAsync(string key, CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Post, Endpoint, ct, new Dictionary<string, string> { ["X-Remove-Account-Meta-" + key] = "x" }).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes an object (one version with <paramref name="versionId"/>); false when it was gone: DELETE on the object.
    /// Deleting an SLO or DLO manifest this way leaves its segments, which are objects of their own.
    /// https://docs.openstack.org/api-ref/object-store/#delete-object
    /// </summary>
    public Task<bool> DeleteObjectAsync(string container, string name, string? versionId = null, CancellationToken ct = default) =>
        DeleteAsync(EndpointUrls.Append(Endpoint, Path(container) + "/" + Uri.EscapeDataString(name)
            + (versionId is null ? string.Empty : "?version-id=" + Uri.EscapeDataString(versionId))), ct);

    /// <summary>
    /// Deletes an empty container; false when it was gone. 409 Conflict (<see cref="OpenStackApiException"/>) while objects remain.
    /// https://docs.openstack.org/api-ref/object-store/#delete-container
    /// </summary>
    public Task<bool> DeleteContainerAsync(string container, CancellationToken ct = default) =>
        DeleteAsync(EndpointUrls.Append(Endpoint, Path(container)), ct);

    private static string Path(string container) => Uri.EscapeDataString(container);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, CancellationToken ct, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, uri);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (method == HttpMethod.Post)
        {
            request.Content = new ByteArrayContent([]);
        }

        return await OpenStackHttp.SendAsync(Http, request, ct, s => (int)s is >= 200 and < 300).ConfigureAwait(false);
    }

    private static long Number(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) && long.TryParse(values.FirstOrDefault(), out var n) ? n : 0;
}
