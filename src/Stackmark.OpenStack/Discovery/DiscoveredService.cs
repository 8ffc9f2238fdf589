namespace Stackmark.OpenStack;

/// <summary>What discovery learnt about one Tempest service.</summary>
/// <remarks>Immutable. A service is available when the catalog has an endpoint of one of its types for the cloud's region and interface.</remarks>
public sealed record DiscoveredService
{
    /// <summary>Tempest codename, e.g. <c>swift</c>, <c>nova</c>.</summary>
    public required string Codename { get; init; }

    /// <summary>The catalog type found (or the first candidate when absent).</summary>
    public required string Type { get; init; }

    /// <summary>The selected endpoint; null when unavailable.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Whether the service is available.</summary>
    public bool Available => Endpoint is not null;

    /// <summary>Published API versions (empty when not probed or the probe failed).</summary>
    public IReadOnlyList<ApiVersion> Versions { get; init; } = [];

    /// <summary>Extension aliases (Neutron, Cinder), or capability names (Swift <c>/info</c>).</summary>
    public IReadOnlyList<string> Extensions { get; init; } = [];

    /// <summary>Lowest microversion of the current version, if any.</summary>
    public string? MinMicroversion { get; init; }

    /// <summary>Highest microversion of the current version, if any.</summary>
    public string? MaxMicroversion { get; init; }
}
