namespace Stackmark.OpenStack;

/// <summary>
/// Lists what an account holds with the account's own token (a member needs no admin role for any of it): Heat stacks,
/// Designate zones, Nova servers, keypairs and server groups, Cinder volumes, snapshots and backups, the Glance images
/// the project owns, Neutron floating IPs, routers and their interfaces, ports, subnets, subnet pools, networks and
/// security groups (never <c>default</c>), Swift containers and account metadata — each service only when the
/// catalog has it in the cloud's region.
/// </summary>
/// <remarks>
/// Only GETs and HEADs. A listing that fails is recorded in <see cref="AccountInventory.Failures"/> and the others go
/// on; a token that cannot be had throws (<see cref="OpenStackApiException"/>, <see cref="OpenStackTransportException"/>).
/// Swift objects are not listed: a container the run made is removed whole, one that was there is never touched.
/// </remarks>
public static class CloudInventory
{
    /// <summary>Takes the inventory of the account behind <paramref name="connection"/>.</summary>
    public static async Task<AccountInventory> TakeAsync(OpenStackConnection connection, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var token = await connection.AuthenticateAsync(ct).ConfigureAwait(false);
        var project = token.ProjectId ?? throw new OpenStackApiException(System.Net.HttpStatusCode.Unauthorized, null, null,
            $"the token of {token.UserName ?? token.UserId} is not scoped to a project: there is no account to take the inventory of");
        var account = new InventoryAccount(token.UserName ?? token.UserId, token.ProjectName ?? project, project);
        var resources = new List<CloudResource>();
        var failures = new List<string>();
        SwiftAccount? swift = null;

        async Task List(string what, Func<Task<IEnumerable<CloudResource>>> list)
        {
            try
            {
                resources.AddRange(await list().ConfigureAwait(false));
            }
            catch (OpenStackException e)
            {
                failures.Add($"{what}: {e.Message}");
            }
        }

        var clients = ServiceClients.For(connection, token);
        if (clients.Orchestration is { } heat)
        {
            await List("orchestration stacks", async () => Of(ResourceKind.Stack, await heat.ListStacksAsync(ct).ConfigureAwait(false))).ConfigureAwait(false);
        }

        if (clients.Dns is { } dns)
        {
            await List("dns zones", async () => Of(ResourceKind.Zone, await dns.ListZonesAsync(ct).ConfigureAwait(false))).ConfigureAwait(false);
        }

        if (clients.Compute is { } nova)
        {
            await List("compute servers", async () => Of(ResourceKind.Server, await nova.ListServersAsync(ct).ConfigureAwait(false))).ConfigureAwait(false);
            await List("compute keypairs", async () => Of(ResourceKind.Keypair, await nova.ListKeypairsAsync(ct).ConfigureAwait(false))).ConfigureAwait(false);
            await List("compute server groups", async () => Of(ResourceKind.ServerGroup, await nova.ListServerGroupsAsync(ct).ConfigureAwait(false))).ConfigureAwait(false);
        }

        if (clients.Volume is { } cinder)
        {
            await List("volume backups", async () => Of(ResourceKind.VolumeBackup, await cinder.ListAsync("backups", ct).ConfigureAwait(false))).ConfigureAwait(false);
            await List("volume snapshots", async () => Of(ResourceKind.VolumeSnapshot, await cinder.ListAsync("snapshots", ct).ConfigureAwait(false))).ConfigureAwait(false);
            await List("volumes", async () => Of(ResourceKind.Volume, await cinder.ListAsync("volumes", ct).ConfigureAwait(false))).ConfigureAwait(false);
        }

        if (clients.Image is { } glance)
        {
            await List("images", async () => Of(ResourceKind.Image, await glance.ListOwnedImagesAsync(project, ct).ConfigureAwait(false))).ConfigureAwait(false);
        }

        if (clients.Network is { } neutron)
        {
            foreach (var (kind, collection) in NetworkCollections)
            {
                await List($"network {collection}", async () => Of(kind, await neutron.ListOwnedAsync(collection, project, ct).ConfigureAwait(false))
                    .Where(r => kind != ResourceKind.SecurityGroup || r.Name != "default")).ConfigureAwait(false);
            }

            await List("network ports", async () => (await neutron.ListOwnedPortsAsync(project, ct).ConfigureAwait(false))
                .Where(p => p.IsRouterInterface || !p.IsManagedByNeutron)
                .Select(p => p.IsRouterInterface
                    ? new CloudResource(ResourceKind.RouterInterface, p.Id, p.Name, p.DeviceId)
                    : new CloudResource(ResourceKind.Port, p.Id, p.Name))).ConfigureAwait(false);
        }

        if (clients.ObjectStorage is { } objects)
        {
            try
            {
                swift = await objects.GetAccountAsync(ct).ConfigureAwait(false);
                resources.AddRange(swift.MetadataKeys.Select(k => new CloudResource(ResourceKind.AccountMetadata, k, k)));
            }
            catch (OpenStackException e)
            {
                failures.Add($"object-store account: {e.Message}");
            }

            await List("object-store containers", async () => (await objects.ListContainersAsync(ct).ConfigureAwait(false))
                .Select(n => new CloudResource(ResourceKind.Container, n, n))).ConfigureAwait(false);
        }

        return new AccountInventory(account, resources, swift, failures);
    }

    private static readonly (ResourceKind Kind, string Collection)[] NetworkCollections =
    [
        (ResourceKind.FloatingIp, "floatingips"),
        (ResourceKind.Router, "routers"),
        (ResourceKind.Subnet, "subnets"),
        (ResourceKind.SubnetPool, "subnetpools"),
        (ResourceKind.Network, "networks"),
        (ResourceKind.SecurityGroup, "security-groups"),
    ];

    private static IEnumerable<CloudResource> Of(ResourceKind kind, IEnumerable<OwnedResource> listed) =>
        listed.Where(r => r.Id.Length > 0).Select(r => new CloudResource(kind, r.Id, r.Name));
}
