namespace Stackmark.Guidelines;

/// <summary>Opens a guideline source from what a user typed: a directory path or an http(s) URL.</summary>
public static class GuidelineSources
{
    /// <summary>The upstream raw tree, for users with internet access.</summary>
    public const string Upstream = "https://opendev.org/openstack/interop/raw/branch/master/";

    /// <summary>Opens <paramref name="location"/> as a directory or, if it is an http(s) URL, over HTTP.</summary>
    /// <exception cref="GuidelineSourceException">A directory that does not exist.</exception>
    public static IGuidelineSource Open(string location, HttpClient? http = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        if (Uri.TryCreate(location, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return new HttpGuidelineSource(uri, http ?? new HttpClient { Timeout = TimeSpan.FromSeconds(30) });
        }

        return new DirectoryGuidelineSource(location);
    }

    /// <summary>Reads and loads one guideline.</summary>
    /// <exception cref="GuidelineSourceException">The source has no such guideline, or could not be read.</exception>
    public static async Task<LoadResult> LoadAsync(this IGuidelineSource source, GuidelineId id, CancellationToken cancellationToken)
    {
        var file = await source.ReadAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new GuidelineSourceException($"guideline {id} is not in {source.Description}");
        return GuidelineLoader.Load(file.Content.Span, file.Name, id);
    }
}
