namespace Stackmark.OpenStack;

/// <summary>A service registered in Keystone (GET /v3/services).</summary>
/// <param name="Id">Service id.</param>
/// <param name="Type">Service type.</param>
/// <param name="Name">Service name.</param>
/// <param name="Enabled">Whether it is enabled.</param>
public sealed record IdentityServiceEntry(string Id, string Type, string Name, bool Enabled);
