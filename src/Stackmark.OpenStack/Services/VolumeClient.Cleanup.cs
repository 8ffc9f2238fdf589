namespace Stackmark.OpenStack;

/// <summary>The project's own volumes, snapshots and backups in Cinder, and their removal.</summary>
public sealed partial class VolumeClient
{
    /// <summary>
    /// Lists the project's volumes, snapshots or backups: GET /volumes, /snapshots or /backups.
    /// https://docs.openstack.org/api-ref/block-storage/v3/#list-accessible-volumes
    /// </summary>
    /// <param name="collection"><c>volumes</c>, <c>snapshots</c> or <c>backups</c>.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<OwnedResource>> ListAsync(string collection, CancellationToken ct = default)
    {
        using var doc = await GetAsync(Collection(collection), ct).ConfigureAwait(false);
        return [.. doc.RootElement.Prop(collection).Items().Select(v => new OwnedResource(v.Str("id") ?? string.Empty, v.Str("name") ?? string.Empty, v.Str("status")))];
    }

    /// <summary>
    /// The status of a volume, snapshot or backup, or null once it is gone: GET /{collection}/{id}.
    /// https://docs.openstack.org/api-ref/block-storage/v3/#show-a-volume-s-details
    /// </summary>
    public async Task<string?> GetStatusAsync(string collection, string id, CancellationToken ct = default)
    {
        using var doc = await GetOrNullAsync(EndpointUrls.Append(Endpoint, Collection(collection) + "/" + Uri.EscapeDataString(id)), ct).ConfigureAwait(false);
        return doc is null ? null : doc.RootElement.Prop(collection.TrimEnd('s')).Str("status") ?? "unknown";
    }

    /// <summary>
    /// Deletes a volume, snapshot or backup (asynchronous in Cinder): DELETE /{collection}/{id}.
    /// https://docs.openstack.org/api-ref/block-storage/v3/#delete-a-volume
    /// </summary>
    public Task<bool> DeleteAsync(string collection, string id, CancellationToken ct = default) =>
        DeleteAsync(EndpointUrls.Append(Endpoint, Collection(collection) + "/" + Uri.EscapeDataString(id)), ct);

    private static string Collection(string collection) => collection is "volumes" or "snapshots" or "backups"
        ? collection
        : throw new ArgumentOutOfRangeException(nameof(collection), collection, "volumes, snapshots or backups");
}
