namespace Stackmark.OpenStack;

/// <summary>One service of the token catalog.</summary>
/// <param name="Id">Service id (for <c>identity</c>, this is the RefStack cpid).</param>
/// <param name="Type">Service type, e.g. <c>identity</c>, <c>object-store</c>.</param>
/// <param name="Name">Service name, e.g. <c>keystone</c>, <c>swift</c>.</param>
/// <param name="Endpoints">Its endpoints.</param>
public sealed record CatalogService(string Id, string Type, string Name, IReadOnlyList<CatalogEndpoint> Endpoints);
