using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stackmark.Guidelines;

/// <summary>
/// Guidelines in a git repository on a forge, listed with the forge's contents API rather than by guessing file names:
/// Gitea and Forgejo (opendev.org) answer <c>GET /api/v1/repos/{owner}/{repo}/contents/{path}</c>, GitHub
/// <c>GET https://api.github.com/repos/{owner}/{repo}/contents/{path}</c>, both with a JSON array of
/// <c>{name, path, type, download_url}</c>. Files are then read from their <c>download_url</c>.
/// </summary>
/// <remarks>
/// Both upstream layouts are found: openstack/interop's flat one (<c>2020.06.json</c>, <c>add-ons/dns.2020.06.json</c>)
/// and openinfra/interop's (<c>guidelines/2022.11.json</c>, <c>add-ons/guidelines/dns.2022.11.json</c>). The repository
/// is given by its web address (<c>https://opendev.org/openinfra/interop</c>, <c>https://github.com/o/r</c>) or by its
/// API address (<c>…/api/v1/repos/o/r</c>); the default branch is read. A Gitea served under a sub-path needs the API address.
/// </remarks>
public sealed class ForgeGuidelineSource : IGuidelineSource
{
    // The folders either layout keeps guidelines in; each is listed only if its parent lists it.
    private static readonly string[] Folders = ["", "guidelines", "add-ons", "add-ons/guidelines"];

    private readonly Uri _repository;
    private readonly HttpClient _http;
    private Task<IReadOnlyDictionary<GuidelineId, ContentEntry>>? _listing;

    /// <summary>Reads the repository at <paramref name="repository"/> through <paramref name="http"/>.</summary>
    /// <exception cref="GuidelineSourceException">The address names no owner and repository.</exception>
    public ForgeGuidelineSource(Uri repository, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(repository);
        _repository = repository;
        _http = http;
        ContentsApi = ContentsApiOf(repository);
    }

    /// <summary>The contents API of the repository's root, ending in <c>/contents/</c>.</summary>
    public Uri ContentsApi { get; }

    /// <inheritdoc />
    public string Description => $"{_repository.AbsoluteUri.TrimEnd('/')} (contents API)";

    /// <inheritdoc />
    public async Task<IReadOnlyList<GuidelineId>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await ListingAsync(cancellationToken).ConfigureAwait(false)).Keys.Order()];

    /// <inheritdoc />
    public async Task<GuidelineFile?> ReadAsync(GuidelineId id, CancellationToken cancellationToken)
    {
        if (!(await ListingAsync(cancellationToken).ConfigureAwait(false)).TryGetValue(id, out var entry))
        {
            return null;
        }

        var uri = entry.DownloadUrl is { } url ? new Uri(url) : throw new GuidelineSourceException($"{new Uri(ContentsApi, entry.Path)} gives no download_url for {entry.Path}");
        var bytes = await GetAsync(uri, cancellationToken).ConfigureAwait(false) ?? throw new GuidelineSourceException($"GET {uri} answered 404, though the contents API lists {entry.Path}");
        return new GuidelineFile(id, uri.AbsoluteUri, bytes);
    }

    private Task<IReadOnlyDictionary<GuidelineId, ContentEntry>> ListingAsync(CancellationToken cancellationToken) =>
        _listing ??= ListAllAsync(cancellationToken);

    // Every *.json whose name is a guideline id, in the folders of both layouts; the first folder holding an id wins.
    private async Task<IReadOnlyDictionary<GuidelineId, ContentEntry>> ListAllAsync(CancellationToken cancellationToken)
    {
        var found = new Dictionary<GuidelineId, ContentEntry>();
        var dirs = new HashSet<string>(StringComparer.Ordinal) { "" };
        foreach (var folder in Folders.Where(dirs.Contains))
        {
            var uri = new Uri(ContentsApi, folder);
            var body = await GetAsync(uri, cancellationToken).ConfigureAwait(false)
                ?? throw new GuidelineSourceException($"GET {uri} answered 404: no such repository or folder");
            ContentEntry[] entries;
            try
            {
                entries = JsonSerializer.Deserialize<ContentEntry[]>(body) ?? [];
            }
            catch (JsonException e)
            {
                throw new GuidelineSourceException($"GET {uri} did not answer a contents listing (a JSON array of name, path, type, download_url): {e.Message}", e);
            }

            foreach (var entry in entries)
            {
                if (entry.Type == "dir")
                {
                    dirs.Add(entry.Path);
                }
                else if (entry.Type == "file" && entry.Name.EndsWith(".json", StringComparison.Ordinal) && GuidelineId.TryParse(entry.Name, out var id))
                {
                    found.TryAdd(id, entry);
                }
            }
        }

        return found;
    }

    private static Uri ContentsApiOf(Uri repository)
    {
        var segments = repository.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var api = Array.IndexOf(segments, "repos");
        string prefix;
        if (api >= 0 && segments.Length >= api + 3 && (repository.Host == "api.github.com" || api > 0 && segments[api - 1] == "v1"))
        {
            // Already an API address: …/repos/{owner}/{repo}[/contents].
            prefix = "/" + string.Join('/', segments[..(api + 3)]);
            return new Uri(repository, prefix + "/contents/");
        }

        if (segments.Length < 2)
        {
            throw new GuidelineSourceException($"{repository} names no repository: give https://HOST/OWNER/REPO (e.g. {GuidelineSources.Upstream})");
        }

        var (owner, repo) = (segments[0], segments[1].EndsWith(".git", StringComparison.Ordinal) ? segments[1][..^4] : segments[1]);
        return repository.Host == "github.com"
            ? new Uri($"https://api.github.com/repos/{owner}/{repo}/contents/")
            : new Uri(repository, $"/api/v1/repos/{owner}/{repo}/contents/");
    }

    private async Task<byte[]?> GetAsync(Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            // GitHub's API refuses requests without a User-Agent.
            request.Headers.UserAgent.ParseAdd("stackmark");
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
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

    /// <summary>One entry of a contents listing, as Gitea, Forgejo and GitHub write it.</summary>
    private sealed record ContentEntry(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("path")] string Path,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("download_url")] string? DownloadUrl);
}
