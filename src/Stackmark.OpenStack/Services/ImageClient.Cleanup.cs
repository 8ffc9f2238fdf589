namespace Stackmark.OpenStack;

/// <summary>The project's own images in Glance, and their removal.</summary>
public sealed partial class ImageClient
{
    /// <summary>
    /// Lists the images a project owns, following <c>next</c> links: GET /v2/images?owner={project}.
    /// https://docs.openstack.org/api-ref/image/v2/#list-images
    /// </summary>
    public async Task<IReadOnlyList<OwnedResource>> ListOwnedImagesAsync(string projectId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        var root = EndpointUrls.VersionRoot(Endpoint);
        var next = EndpointUrls.Append(root, "v2/images?limit=200&owner=" + Uri.EscapeDataString(projectId));
        var result = new List<OwnedResource>();
        for (var page = 0; next is not null && page < 100; page++)
        {
            using var doc = await GetAsync(next, ct).ConfigureAwait(false);
            result.AddRange(doc.RootElement.Prop("images").Items().Select(i => new OwnedResource(i.Str("id") ?? string.Empty, i.Str("name") ?? string.Empty, i.Str("status"))));
            next = doc.RootElement.Str("next") is { Length: > 0 } link ? EndpointUrls.Append(root, link) : null;
        }

        return result;
    }

    /// <summary>
    /// Deletes an image: DELETE /v2/images/{id} (refused for protected images).
    /// https://docs.openstack.org/api-ref/image/v2/#delete-image
    /// </summary>
    public Task<bool> DeleteImageAsync(string id, CancellationToken ct = default) =>
        DeleteAsync(EndpointUrls.Append(EndpointUrls.VersionRoot(Endpoint), "v2/images/" + Uri.EscapeDataString(id)), ct);
}
