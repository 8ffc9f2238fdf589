namespace Stackmark.OpenStack;

/// <summary>Cinder v3 (block-storage) client. Errors: see <see cref="ServiceClientBase"/>.</summary>
public sealed partial class VolumeClient : ServiceClientBase
{
    /// <summary>Creates the client on the volumev3 / block-storage endpoint (e.g. <c>http://host:8776/v3/&lt;project&gt;</c>).</summary>
    public VolumeClient(HttpClient http, Uri endpoint)
        : base(http, endpoint)
    {
    }

    /// <summary>
    /// Lists API extensions: GET /v3/{project_id}/extensions.
    /// https://docs.openstack.org/api-ref/block-storage/v3/#api-extensions-extensions
    /// </summary>
    public async Task<IReadOnlyList<ApiExtension>> ListExtensionsAsync(CancellationToken ct = default)
    {
        using var doc = await GetAsync("extensions", ct).ConfigureAwait(false);
        return ExtensionList.Parse(doc.RootElement);
    }

    /// <summary>GET os-services (admin only): Cinder's service processes (volume, scheduler, backup).</summary>
    public async Task<IReadOnlyList<ServiceStatus>> ListServicesAsync(CancellationToken ct = default)
    {
        using var doc = await GetAsync("os-services", ct).ConfigureAwait(false);
        return [.. doc.RootElement.Prop("services").Items().Select(s => new ServiceStatus(
            s.Str("binary") ?? string.Empty,
            s.Str("host") ?? string.Empty,
            s.Str("state") ?? string.Empty,
            s.Str("status") ?? string.Empty))];
    }

    /// <summary>The v3 microversion range (min, max), or nulls when unpublished.</summary>
    public async Task<(string? Min, string? Max)> GetMicroversionsAsync(CancellationToken ct = default)
    {
        var versions = await GetVersionsAsync(ct).ConfigureAwait(false);
        var v3 = versions.Where(v => v.Major == 3).MaxBy(v => v.IsCurrent) ?? VersionDocument.Current(versions);
        return (v3?.MinMicroversion, v3?.MaxMicroversion);
    }
}
