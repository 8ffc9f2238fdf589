namespace Stackmark.OpenStack;

/// <summary>Glance v2 (image) client. Errors: see <see cref="ServiceClientBase"/>.</summary>
public sealed partial class ImageClient : ServiceClientBase
{
    /// <summary>Creates the client on the image catalog endpoint (e.g. <c>http://host:9292</c>).</summary>
    public ImageClient(HttpClient http, Uri endpoint)
        : base(http, endpoint)
    {
    }

    /// <summary>
    /// Lists images visible to the project, following <c>next</c> links: GET /v2/images.
    /// https://docs.openstack.org/api-ref/image/v2/#list-images
    /// </summary>
    public async Task<IReadOnlyList<Image>> ListImagesAsync(CancellationToken ct = default)
    {
        var root = EndpointUrls.VersionRoot(Endpoint);
        var next = EndpointUrls.Append(root, "v2/images?limit=200");
        var result = new List<Image>();
        for (var page = 0; next is not null && page < 100; page++)
        {
            using var doc = await GetAsync(next, ct).ConfigureAwait(false);
            result.AddRange(doc.RootElement.Prop("images").Items().Select(i => new Image
            {
                Id = i.Str("id") ?? string.Empty,
                Name = i.Str("name") ?? string.Empty,
                Status = i.Str("status") ?? string.Empty,
                Visibility = i.Str("visibility") ?? string.Empty,
                DiskFormat = i.Str("disk_format"),
                ContainerFormat = i.Str("container_format"),
                SizeBytes = i.Long("size"),
                MinRamMb = i.Long("min_ram") ?? 0,
                MinDiskGb = i.Long("min_disk") ?? 0,
                OsDistro = i.Str("os_distro"),
                OsType = i.Str("os_type"),
                OsVersion = i.Str("os_version"),
                OsAdminUser = i.Str("os_admin_user"),
            }));
            // "next" is relative to Glance's root, e.g. /v2/images?marker=…
            next = doc.RootElement.Str("next") is { Length: > 0 } link ? EndpointUrls.Append(root, link) : null;
        }

        return result;
    }
}
