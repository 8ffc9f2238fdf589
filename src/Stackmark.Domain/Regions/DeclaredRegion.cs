namespace Stackmark.Regions;

/// <summary>A region as a vendor declares it for a product (not measured).</summary>
/// <param name="Name">The region's name (<c>RegionOne</c>).</param>
/// <param name="Kind"><c>hypervisor</c>, <c>container</c> or <c>bare-metal</c>.</param>
/// <param name="Runtime">The hypervisor or container runtime (<c>KVM</c>, <c>Kata</c>); may be absent.</param>
/// <param name="GuestOperatingSystems">The guest operating systems it supports, as the vendor names them.</param>
public sealed record DeclaredRegion(string Name, string Kind, string? Runtime, IReadOnlyList<string> GuestOperatingSystems)
{
    /// <summary>The families of the declared guest operating systems (<see cref="GuestOsFamily"/>), unknown names left out.</summary>
    public IReadOnlySet<string> GuestFamilies => GuestOperatingSystems.Select(GuestOsFamily.Of).OfType<string>().ToHashSet(StringComparer.Ordinal);
}
