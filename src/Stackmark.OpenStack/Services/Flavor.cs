namespace Stackmark.OpenStack;

/// <summary>A Nova flavor (GET /flavors/detail).</summary>
/// <param name="Id">Flavor id.</param>
/// <param name="Name">Flavor name.</param>
/// <param name="RamMb">Memory in MiB.</param>
/// <param name="DiskGb">Root disk in GiB.</param>
/// <param name="Vcpus">Virtual CPUs.</param>
/// <param name="IsPublic">Whether the flavor is public.</param>
public sealed record Flavor(string Id, string Name, long RamMb, long DiskGb, long Vcpus, bool IsPublic);
