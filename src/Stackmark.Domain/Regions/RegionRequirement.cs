namespace Stackmark.Regions;

/// <summary>
/// What a program asks of a product's declared regions: at least one of <paramref name="Kind"/> whose guest operating
/// systems include <paramref name="GuestFamily"/>. The interop program's rule for OpenStack Powered Compute and
/// Platform is <c>hypervisor</c> with <c>linux</c>: its required tests boot Linux guests.
/// </summary>
/// <param name="Kind">The region kind one region must be (<c>hypervisor</c>).</param>
/// <param name="GuestFamily">The guest family that region must support (<see cref="GuestOsFamily.Linux"/>).</param>
public sealed record RegionRequirement(string Kind, string GuestFamily)
{
    /// <summary>Whether <paramref name="region"/> is one that meets the requirement.</summary>
    public bool IsMetBy(DeclaredRegion region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return string.Equals(region.Kind, Kind, StringComparison.OrdinalIgnoreCase) && region.GuestFamilies.Contains(GuestFamily);
    }

    /// <summary>One line: <c>a region of kind hypervisor whose guest operating systems include linux</c>.</summary>
    public override string ToString() => $"a region of kind {Kind} whose guest operating systems include {GuestFamily}";
}
