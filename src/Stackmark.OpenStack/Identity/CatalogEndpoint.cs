namespace Stackmark.OpenStack;

/// <summary>One endpoint of a catalog service (Keystone v3 token catalog).</summary>
/// <param name="Id">Endpoint id.</param>
/// <param name="Interface"><c>public</c>, <c>internal</c> or <c>admin</c>.</param>
/// <param name="Region">Region name/id (<c>region_id</c>, else <c>region</c>); may be empty.</param>
/// <param name="Url">The endpoint URL.</param>
public sealed record CatalogEndpoint(string Id, string Interface, string Region, Uri Url);
