using System.Text.Json;

namespace Stackmark.OpenStack;

/// <summary>The service catalog of a Keystone v3 token, with endpoint selection.</summary>
/// <remarks>Immutable; thread-safe.</remarks>
public sealed class ServiceCatalog
{
    /// <summary>Creates a catalog from its services.</summary>
    public ServiceCatalog(IReadOnlyList<CatalogService> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        Services = services;
    }

    /// <summary>An empty catalog (unscoped tokens).</summary>
    public static ServiceCatalog Empty { get; } = new([]);

    /// <summary>The services in catalog order.</summary>
    public IReadOnlyList<CatalogService> Services { get; }

    /// <summary>
    /// The endpoint of the first service of <paramref name="serviceType"/> matching <paramref name="interface"/> and,
    /// when given, <paramref name="region"/>; null when there is none.
    /// </summary>
    public CatalogEndpoint? FindEndpoint(string serviceType, string? region = null, string @interface = "public")
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceType);
        return Services
            .Where(s => string.Equals(s.Type, serviceType, StringComparison.OrdinalIgnoreCase))
            .SelectMany(s => s.Endpoints)
            .FirstOrDefault(e => string.Equals(e.Interface, @interface, StringComparison.OrdinalIgnoreCase)
                && (string.IsNullOrEmpty(region) || string.Equals(e.Region, region, StringComparison.Ordinal)));
    }

    /// <summary>The regions the catalog's endpoints name, in catalog order, without duplicates or empty names.</summary>
    public IReadOnlyList<string> Regions =>
        [.. Services.SelectMany(s => s.Endpoints).Select(e => e.Region).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal)];

    /// <summary>The first service of that type, or null.</summary>
    public CatalogService? FindService(string serviceType) =>
        Services.FirstOrDefault(s => string.Equals(s.Type, serviceType, StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses the <c>catalog</c> array of a v3 token body.</summary>
    public static ServiceCatalog FromV3Json(JsonElement catalog) =>
        new([.. catalog.Items().Select(s => new CatalogService(
            s.Str("id") ?? string.Empty,
            s.Str("type") ?? string.Empty,
            s.Str("name") ?? string.Empty,
            [.. s.Prop("endpoints").Items()
                .Where(e => Uri.TryCreate(e.Str("url"), UriKind.Absolute, out _))
                .Select(e => new CatalogEndpoint(
                    e.Str("id") ?? string.Empty,
                    e.Str("interface") ?? string.Empty,
                    e.Str("region_id") ?? e.Str("region") ?? string.Empty,
                    new Uri(e.Str("url")!)))]))]);
}
