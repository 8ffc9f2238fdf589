namespace Stackmark.OpenStack;

/// <summary>Everything discovery learnt about a cloud; the input of <see cref="TempestConfigBuilder"/>.</summary>
/// <remarks>Immutable data; can be cached and rebuilt into tempest.conf without contacting the cloud again.</remarks>
public sealed record CloudDiscoveryResult
{
    /// <summary>The Keystone v3 URL (<c>identity.uri_v3</c>).</summary>
    public required Uri IdentityV3Url { get; init; }

    /// <summary>Identity versions from the unversioned root.</summary>
    public IReadOnlyList<ApiVersion> IdentityVersions { get; init; } = [];

    /// <summary>The authenticated user's name.</summary>
    public string? UserName { get; init; }

    /// <summary>The project the token is scoped to.</summary>
    public string? ProjectName { get; init; }

    /// <summary>The project id.</summary>
    public string? ProjectId { get; init; }

    /// <summary>The roles the user holds on the project.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>One entry per known Tempest service, in a fixed order.</summary>
    public IReadOnlyList<DiscoveredService> Services { get; init; } = [];

    /// <summary>Flavors (empty without compute).</summary>
    public IReadOnlyList<Flavor> Flavors { get; init; } = [];

    /// <summary>Images (empty without image service).</summary>
    public IReadOnlyList<Image> Images { get; init; } = [];

    /// <summary>Networks (empty without network service).</summary>
    public IReadOnlyList<Network> Networks { get; init; } = [];

    /// <summary>Subnets (empty without network service).</summary>
    public IReadOnlyList<Subnet> Subnets { get; init; } = [];

    /// <summary>Routers visible to the project (empty without the network service's <c>router</c> extension).</summary>
    public IReadOnlyList<Router> Routers { get; init; } = [];

    /// <summary>Compute nodes (<c>os-hypervisors</c>); null when not visible (the API is admin only) or not probed.</summary>
    public IReadOnlyList<Hypervisor>? Hypervisors { get; init; }

    /// <summary>Cinder's service processes (<c>os-services</c>); null when not visible (admin only) or not probed.</summary>
    public IReadOnlyList<ServiceStatus>? VolumeServices { get; init; }

    /// <summary>The distinct hypervisor types of the compute nodes (empty when unknown).</summary>
    public IReadOnlyList<string> HypervisorTypes =>
        [.. (Hypervisors ?? []).Select(h => h.Type).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The cloud provider id.</summary>
    public required CpidResult Cpid { get; init; }

    /// <summary>The guest-OS inventory.</summary>
    public required GuestOsReport GuestOs { get; init; }

    /// <summary>Problems that did not stop discovery (a failed probe, an unreachable endpoint).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The regions the token's catalog names (a certification covers one of them).</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>The entry for a codename, or null.</summary>
    public DiscoveredService? Service(string codename) => Services.FirstOrDefault(s => s.Codename == codename);

    /// <summary>Whether a codename is available.</summary>
    public bool IsAvailable(string codename) => Service(codename)?.Available == true;
}
