using System.Text.Json;

namespace Stackmark.Guidelines;

/// <summary>
/// Guidelines served over HTTP: either a raw copy of the openstack/interop tree (e.g.
/// <c>https://opendev.org/openstack/interop/raw/branch/master/</c>) or a RefStack-compatible registry's
/// <c>…/v1/guidelines</c> API.
/// </summary>
/// <remarks>
/// A raw tree cannot be listed over HTTP, so listing probes the known official versions; a registry lists itself.
/// </remarks>
public sealed class HttpGuidelineSource(Uri baseUri, HttpClient http) : IGuidelineSource
{
    // The official versions as of openstack/interop's last approval; later ones are found by ReadAsync on demand.
    private static readonly string[] KnownVersions =
        ["2015.03", "2015.04", "2015.05", "2015.07", "2016.01", "2016.08", "2017.01", "2017.09", "2018.02", "2018.11", "2019.06", "2019.11", "2020.06", "next"];

    private readonly Uri _base = baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");

    private bool IsRegistry => _base.AbsolutePath.TrimEnd('/').EndsWith("/v1/guidelines", StringComparison.Ordinal);

    /// <inheritdoc />
    public string Description => _base.AbsoluteUri;

    /// <inheritdoc />
    public async Task<IReadOnlyList<GuidelineId>> ListAsync(CancellationToken cancellationToken)
    {
        var ids = new SortedSet<GuidelineId>();
        if (IsRegistry)
        {
            // {"powered": [{"name": "2020.06.json", "file": "2020.06.json"}], "dns": [...], ...}
            using var doc = JsonDocument.Parse(await GetAsync(_base, cancellationToken).ConfigureAwait(false) ?? throw new GuidelineSourceException($"{_base} has no guideline list"));
            foreach (var group in doc.RootElement.EnumerateObject())
            {
                foreach (var entry in group.Value.EnumerateArray())
                {
                    if (entry.TryGetProperty("file", out var f) && GuidelineId.TryParse(f.GetString(), out var id))
                    {
                        ids.Add(id);
                    }
                }
            }

            return [.. ids];
        }

        foreach (var v in KnownVersions)
        {
            foreach (var id in new[] { GuidelineId.Parse(v), GuidelineId.Parse("dns." + v), GuidelineId.Parse("orchestration." + v) })
            {
                if (await ReadAsync(id, cancellationToken).ConfigureAwait(false) is not null)
                {
                    ids.Add(id);
                }
            }
        }

        return [.. ids];
    }

    /// <inheritdoc />
    public async Task<GuidelineFile?> ReadAsync(GuidelineId id, CancellationToken cancellationToken)
    {
        var relative = IsRegistry || id.AddOn is null ? id + ".json" : "add-ons/" + id + ".json";
        var uri = new Uri(_base, relative);
        var bytes = await GetAsync(uri, cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : new GuidelineFile(id, uri.AbsoluteUri, bytes);
    }

    private async Task<byte[]?> GetAsync(Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new GuidelineSourceException($"GET {uri} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new GuidelineSourceException($"GET {uri} failed: {e.Message}", e);
        }
    }
}
