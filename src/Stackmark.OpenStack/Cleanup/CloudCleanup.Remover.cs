namespace Stackmark.OpenStack;

public static partial class CloudCleanup
{
    /// <summary>How one kind is deleted, and how to tell it is gone (null status) when deletion is asynchronous.</summary>
    private sealed record Remover(Func<CloudResource, CancellationToken, Task> Delete, Func<CloudResource, CancellationToken, Task<string?>> Status)
    {
        private static readonly Func<CloudResource, CancellationToken, Task<string?>> Immediate = (_, _) => Task.FromResult<string?>(null);

        public Task DeleteAsync(CloudResource r, CancellationToken ct) => Delete(r, ct);

        public Task<string?> StatusAsync(CloudResource r, CancellationToken ct) => Status(r, ct);

        public static Remover For(ResourceKind kind, ServiceClients c) => kind switch
        {
            ResourceKind.Stack => new(async (r, ct) => await c.Orchestration!.DeleteStackAsync(r.Id, ct).ConfigureAwait(false), (r, ct) => c.Orchestration!.GetStackStatusAsync(r.Id, ct)),
            ResourceKind.Zone => new(async (r, ct) => await c.Dns!.DeleteZoneAsync(r.Id, ct).ConfigureAwait(false), (r, ct) => c.Dns!.GetZoneStatusAsync(r.Id, ct)),
            ResourceKind.Server => new(async (r, ct) => await c.Compute!.DeleteServerAsync(r.Id, ct).ConfigureAwait(false), (r, ct) => c.Compute!.GetServerStatusAsync(r.Id, ct)),
            ResourceKind.Keypair => new(async (r, ct) => await c.Compute!.DeleteKeypairAsync(r.Id, ct).ConfigureAwait(false), Immediate),
            ResourceKind.ServerGroup => new(async (r, ct) => await c.Compute!.DeleteServerGroupAsync(r.Id, ct).ConfigureAwait(false), Immediate),
            ResourceKind.VolumeBackup => Cinder(c.Volume!, "backups"),
            ResourceKind.VolumeSnapshot => Cinder(c.Volume!, "snapshots"),
            ResourceKind.Volume => Cinder(c.Volume!, "volumes"),
            ResourceKind.Image => new(async (r, ct) => await c.Image!.DeleteImageAsync(r.Id, ct).ConfigureAwait(false), Immediate),
            ResourceKind.RouterInterface => new((r, ct) => c.Network!.RemoveRouterInterfaceAsync(r.Parent!, r.Id, ct), Immediate),
            ResourceKind.FloatingIp => Neutron(c.Network!, "floatingips"),
            ResourceKind.Router => Neutron(c.Network!, "routers"),
            ResourceKind.Port => Neutron(c.Network!, "ports"),
            ResourceKind.Subnet => Neutron(c.Network!, "subnets"),
            ResourceKind.SubnetPool => Neutron(c.Network!, "subnetpools"),
            ResourceKind.Network => Neutron(c.Network!, "networks"),
            ResourceKind.SecurityGroup => Neutron(c.Network!, "security-groups"),
            ResourceKind.Container => new((r, ct) => EmptyAndDeleteContainerAsync(c.ObjectStorage!, r.Id, ct), Immediate),
            ResourceKind.AccountMetadata => new((r, ct) => c.ObjectStorage!.RemoveAccountMetadataAsync(r.Id, ct), Immediate),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        private static Remover Cinder(VolumeClient cinder, string collection) =>
            new(async (r, ct) => await cinder.DeleteAsync(collection, r.Id, ct).ConfigureAwait(false), (r, ct) => cinder.GetStatusAsync(collection, r.Id, ct));

        private static Remover Neutron(NetworkClient neutron, string collection) =>
            new(async (r, ct) => await neutron.DeleteAsync(collection, r.Id, ct).ConfigureAwait(false), Immediate);
    }

    /// <summary>
    /// Empties a container the run made and deletes it. Versioning is switched off first, or each object deleted
    /// would bring back its previous version (<c>X-Versions-Location</c>'s stack mode); every version of a
    /// versioned container (<c>X-Versions-Enabled</c>) is deleted by its id. SLO and DLO manifests go as plain objects,
    /// and so do their segments, which are objects too. Listings lag deletions, so a 409 is emptied again.
    /// </summary>
    private static async Task EmptyAndDeleteContainerAsync(ObjectStorageClient swift, string container, CancellationToken ct)
    {
        var versioning = await swift.GetContainerVersioningAsync(container, ct).ConfigureAwait(false);
        var off = new Dictionary<string, string>(StringComparer.Ordinal);
        if (versioning.ContainsKey("x-versions-location") || versioning.ContainsKey("x-history-location"))
        {
            off["X-Remove-Versions-Location"] = "x";
            off["X-Remove-History-Location"] = "x";
        }

        var versioned = versioning.ContainsKey("x-versions-enabled");
        if (versioned)
        {
            off["X-Versions-Enabled"] = "false";
        }

        if (off.Count > 0)
        {
            await swift.UpdateContainerAsync(container, off, ct).ConfigureAwait(false);
        }

        while (true)
        {
            foreach (var o in await swift.ListObjectsAsync(container, versioned, ct).ConfigureAwait(false))
            {
                await swift.DeleteObjectAsync(container, o.Name, o.VersionId, ct).ConfigureAwait(false);
            }

            try
            {
                await swift.DeleteContainerAsync(container, ct).ConfigureAwait(false);
                return;
            }
            catch (OpenStackApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
                await Task.Delay(Poll, ct).ConfigureAwait(false);
            }
        }
    }
}
