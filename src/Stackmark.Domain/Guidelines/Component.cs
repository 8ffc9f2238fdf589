namespace Stackmark;

/// <summary>A component of a program (e.g. <c>os_powered_compute</c>): its capabilities by status.</summary>
/// <param name="Name">The component's key in the file.</param>
/// <param name="Capabilities">Capability names under each status, in file order.</param>
/// <param name="DesignatedSections">Projects whose designated sections apply, by status (2.0 files).</param>
public sealed record Component(
    string Name,
    IReadOnlyDictionary<CapabilityStatus, IReadOnlyList<CapabilityId>> Capabilities,
    IReadOnlyDictionary<string, IReadOnlyList<string>> DesignatedSections)
{
    /// <summary>The capabilities under one status (empty if none).</summary>
    public IReadOnlyList<CapabilityId> With(CapabilityStatus status) =>
        Capabilities.TryGetValue(status, out var list) ? list : [];
}
