namespace Stackmark.OpenStack;

/// <summary>An object of a container listing; with <see cref="VersionId"/> when listed with <c>?versions</c>.</summary>
/// <param name="Name">Object name.</param>
/// <param name="VersionId">The version (object versioning's <c>version_id</c>), or null.</param>
public sealed record SwiftObject(string Name, string? VersionId = null);
