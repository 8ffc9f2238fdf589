using System.Text.Json;

namespace Stackmark.OpenStack;

/// <summary>Swift (object-store) client. Errors: see <see cref="ServiceClientBase"/>.</summary>
public sealed partial class ObjectStorageClient : ServiceClientBase
{
    /// <summary>Creates the client on the object-store endpoint (e.g. <c>http://host:8080/v1/AUTH_&lt;project&gt;</c>).</summary>
    public ObjectStorageClient(HttpClient http, Uri endpoint)
        : base(http, endpoint)
    {
    }

    /// <summary>
    /// Lists activated capabilities: GET /info on the cluster root.
    /// https://docs.openstack.org/api-ref/object-store/#list-activated-capabilities
    /// </summary>
    public async Task<SwiftInfo> GetInfoAsync(CancellationToken ct = default)
    {
        using var doc = await GetAsync(EndpointUrls.Append(EndpointUrls.VersionRoot(Endpoint), "info"), ct).ConfigureAwait(false);
        var capabilities = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (doc.RootElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                capabilities[property.Name] = property.Value.Clone();
            }
        }

        return new SwiftInfo(capabilities);
    }
}
