namespace Stackmark.OpenStack;

/// <summary>A resource of a project as a listing shows it: its id and name, and the status when the API gives one.</summary>
/// <param name="Id">The id (for keypairs, which have none, the name).</param>
/// <param name="Name">The name (may be empty).</param>
/// <param name="Status">The status (e.g. <c>ACTIVE</c>, <c>available</c>, <c>DELETE_COMPLETE</c>), or null.</param>
public sealed record OwnedResource(string Id, string Name, string? Status = null);
