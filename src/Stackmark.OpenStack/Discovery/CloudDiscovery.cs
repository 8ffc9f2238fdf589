namespace Stackmark.OpenStack;

/// <summary>Reads a cloud's catalog and service documents — python-tempestconf's discovery, without creating anything.</summary>
/// <remarks>
/// <para>Only GETs (plus the token request): no image upload, no users, flavors or roles are created.</para>
/// <para>Authentication failures propagate (<see cref="OpenStackApiException"/>, <see cref="OpenStackTransportException"/>):
/// nothing can be discovered without a token. A failing probe of one service only adds a warning — unlike
/// tempestconf, one broken endpoint does not abort the run.</para>
/// <para>Admin-only documents (Nova's hypervisors, Cinder's service list) are read only when the token has the
/// <c>admin</c> role; otherwise they stay unknown (null).</para>
/// </remarks>
public static class CloudDiscovery
{
    /// <summary>Discovers the cloud behind <paramref name="connection"/>.</summary>
    public static async Task<CloudDiscoveryResult> DiscoverAsync(OpenStackConnection connection, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var warnings = new List<string>();
        var identity = connection.Tokens.Identity;
        var identityVersions = await Probe(() => identity.GetVersionsAsync(ct), [], "identity version discovery", warnings).ConfigureAwait(false);
        var token = await connection.AuthenticateAsync(ct).ConfigureAwait(false);
        var v3Url = await identity.GetV3UrlAsync(ct).ConfigureAwait(false);
        var cloud = connection.Cloud;

        var services = new List<DiscoveredService>();
        IReadOnlyList<Flavor> flavors = [];
        IReadOnlyList<Image> images = [];
        IReadOnlyList<Network> networks = [];
        IReadOnlyList<Subnet> subnets = [];
        IReadOnlyList<Router> routers = [];
        IReadOnlyList<Hypervisor>? hypervisors = null;
        IReadOnlyList<ServiceStatus>? volumeServices = null;
        var admin = token.Roles.Contains("admin", StringComparer.OrdinalIgnoreCase);
        foreach (var (codename, types) in ServiceKinds.All)
        {
            var (type, endpoint) = types
                .Select(t => (Type: t, Endpoint: token.Catalog.FindEndpoint(t, cloud.RegionName, cloud.Interface)?.Url))
                .FirstOrDefault(x => x.Endpoint is not null, (types[0], null));
            var service = new DiscoveredService { Codename = codename, Type = type, Endpoint = endpoint };
            if (endpoint is not null)
            {
                switch (codename)
                {
                    case "nova":
                        var compute = connection.CreateComputeClient(endpoint);
                        service = WithVersions(service, await Probe(() => compute.GetVersionsAsync(ct), [], "compute versions", warnings).ConfigureAwait(false));
                        flavors = await Probe(() => compute.ListFlavorsDetailAsync(ct), [], "compute flavors", warnings).ConfigureAwait(false);
                        if (admin)
                        {
                            hypervisors = await Probe<IReadOnlyList<Hypervisor>?>(async () => await compute.ListHypervisorsAsync(ct).ConfigureAwait(false), null, "compute hypervisors", warnings).ConfigureAwait(false);
                        }

                        break;
                    case "cinder":
                        var volume = connection.CreateVolumeClient(endpoint);
                        var volumeVersions = await Probe(() => volume.GetVersionsAsync(ct), [], "volume versions", warnings).ConfigureAwait(false);
                        var v3 = volumeVersions.Where(v => v.Major == 3).FirstOrDefault();
                        service = WithVersions(service, volumeVersions) with
                        {
                            MinMicroversion = v3?.MinMicroversion,
                            MaxMicroversion = v3?.MaxMicroversion,
                            Extensions = Aliases(await Probe(() => volume.ListExtensionsAsync(ct), [], "volume extensions", warnings).ConfigureAwait(false)),
                        };
                        if (admin)
                        {
                            volumeServices = await Probe<IReadOnlyList<ServiceStatus>?>(async () => await volume.ListServicesAsync(ct).ConfigureAwait(false), null, "volume services", warnings).ConfigureAwait(false);
                        }

                        break;
                    case "neutron":
                        var network = connection.CreateNetworkClient(endpoint);
                        service = WithVersions(service, await Probe(() => network.GetVersionsAsync(ct), [], "network versions", warnings).ConfigureAwait(false)) with
                        {
                            Extensions = Aliases(await Probe(() => network.ListExtensionsAsync(ct), [], "network extensions", warnings).ConfigureAwait(false)),
                        };
                        networks = await Probe(() => network.ListNetworksAsync(ct), [], "networks", warnings).ConfigureAwait(false);
                        // Subnets and routers decide how Tempest can reach a guest (fixed address or floating IP).
                        subnets = await Probe(() => network.ListSubnetsAsync(ct), [], "subnets", warnings).ConfigureAwait(false);
                        if (service.Extensions.Count == 0 || service.Extensions.Contains("router"))
                        {
                            routers = await Probe(() => network.ListRoutersAsync(ct), [], "routers", warnings).ConfigureAwait(false);
                        }

                        break;
                    case "glance":
                        var image = connection.CreateImageClient(endpoint);
                        service = WithVersions(service, await Probe(() => image.GetVersionsAsync(ct), [], "image versions", warnings).ConfigureAwait(false));
                        images = await Probe(() => image.ListImagesAsync(ct), [], "images", warnings).ConfigureAwait(false);
                        break;
                    case "swift":
                        var objectStore = connection.CreateObjectStorageClient(endpoint);
                        var info = await Probe<SwiftInfo?>(() => objectStore.GetInfoAsync(ct)!, null, "object-store /info", warnings).ConfigureAwait(false);
                        service = service with { Extensions = info?.Names ?? [] };
                        break;
                    default:
                        break;
                }
            }

            services.Add(service);
        }

        var cpidId = token.Catalog.Services.FirstOrDefault(s => s.Type == "identity" && s.Id.Length > 0)?.Id;
        var cpid = cpidId is not null
            ? new CpidResult(cpidId, CpidMethod.IdentityServiceId)
            : new CpidResult(CpidResolver.HostnameMd5(token.TokenUrl), CpidMethod.HostnameMd5, "the v3 catalog has no identity service");

        return new CloudDiscoveryResult
        {
            IdentityV3Url = v3Url,
            IdentityVersions = identityVersions,
            Regions = token.Catalog.Regions,
            UserName = token.UserName,
            ProjectName = token.ProjectName,
            ProjectId = token.ProjectId,
            Roles = token.Roles,
            Services = services,
            Flavors = flavors,
            Images = images,
            Networks = networks,
            Subnets = subnets,
            Routers = routers,
            Hypervisors = hypervisors,
            VolumeServices = volumeServices,
            Cpid = cpid,
            GuestOs = GuestOsReport.Build(images, services.Any(s => s.Codename == "nova" && s.Available),
                services.Any(s => s.Codename == "neutron" && s.Available),
                hypervisors?.Select(h => h.Type).Distinct(StringComparer.Ordinal).ToList()),
            Warnings = warnings,
        };
    }

    private static DiscoveredService WithVersions(DiscoveredService service, IReadOnlyList<ApiVersion> versions)
    {
        var current = VersionDocument.Current(versions);
        return service with { Versions = versions, MinMicroversion = current?.MinMicroversion, MaxMicroversion = current?.MaxMicroversion };
    }

    private static IReadOnlyList<string> Aliases(IReadOnlyList<ApiExtension> extensions) => [.. extensions.Select(e => e.Alias)];

    private static async Task<T> Probe<T>(Func<Task<T>> call, T fallback, string what, List<string> warnings)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (OpenStackException ex)
        {
            warnings.Add($"{what}: {ex.Message}");
            return fallback;
        }
    }
}
