namespace Stackmark.OpenStack;

/// <summary>One entry of a service's version document (GET on the endpoint root).</summary>
/// <remarks>
/// Microversions are null when the service has none (Nova v2.0, Glance, Neutron). Value equality.
/// See https://specs.openstack.org/openstack/api-wg/guidelines/microversion_specification.html#version-discovery.
/// </remarks>
/// <param name="Id">Version id as published, e.g. <c>v3.14</c>, <c>v2.1</c>, <c>v2.0</c>.</param>
/// <param name="Status">Status as published (<c>CURRENT</c>, <c>SUPPORTED</c>, <c>DEPRECATED</c>, <c>stable</c>), upper-cased.</param>
/// <param name="MinMicroversion">Lowest microversion (<c>min_version</c>), if any.</param>
/// <param name="MaxMicroversion">Highest microversion (<c>version</c>), if any.</param>
/// <param name="SelfUrl">The <c>self</c> link, if any.</param>
public sealed record ApiVersion(string Id, string Status, string? MinMicroversion, string? MaxMicroversion, Uri? SelfUrl)
{
    /// <summary>Whether the status is CURRENT or STABLE (the version clients should use).</summary>
    public bool IsCurrent => Status is "CURRENT" or "STABLE";

    /// <summary>The major version number parsed from <see cref="Id"/> (<c>v2.1</c> → 2), or -1.</summary>
    public int Major
    {
        get
        {
            var text = Id.TrimStart('v', 'V');
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            return int.TryParse(dot < 0 ? text : text[..dot], out var major) ? major : -1;
        }
    }
}
