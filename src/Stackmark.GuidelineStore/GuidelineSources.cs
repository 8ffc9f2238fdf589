namespace Stackmark.Guidelines;

/// <summary>Opens a guideline source from what a user typed: a directory path or an http(s) URL.</summary>
public static class GuidelineSources
{
    /// <summary>
    /// The upstream repository since 2020.11: openinfra/interop on opendev.org (guidelines under <c>guidelines/</c>,
    /// add-ons under <c>add-ons/guidelines/</c>). <c>stackmark guidelines update</c> lists it with the contents API.
    /// </summary>
    public const string Upstream = "https://opendev.org/openinfra/interop";

    /// <summary>
    /// The raw tree of the repository's old home, openstack/interop (flat layout, up to 2020.06), which
    /// <see cref="HttpGuidelineSource"/> reads file by file; the default of <c>stackmark serve --guidelines</c>.
    /// </summary>
    public const string LegacyUpstreamRawTree = "https://opendev.org/openstack/interop/raw/branch/master/";

    /// <summary>The guidelines built into Stackmark.</summary>
    public static EmbeddedGuidelineSource BuiltIn { get; } = new();

    /// <summary>
    /// Where guidelines come from when no source is given: the user cache for the guidelines it holds, else the
    /// built-in copy.
    /// </summary>
    public static LayeredGuidelineSource Default(GuidelineCache? cache = null) => new([cache ?? GuidelineCache.ForUser(), BuiltIn]);

    /// <summary>
    /// Opens <paramref name="location"/> as a directory or, if it is an http(s) URL, over HTTP; the built-in source by
    /// its description (as a run's manifest records it).
    /// </summary>
    /// <exception cref="GuidelineSourceException">A directory that does not exist.</exception>
    public static IGuidelineSource Open(string location, HttpClient? http = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        if (location == BuiltIn.Description)
        {
            return BuiltIn;
        }

        if (IsHttp(location, out var uri))
        {
            return new HttpGuidelineSource(uri, http ?? NewClient());
        }

        return new DirectoryGuidelineSource(location);
    }

    /// <summary>
    /// Opens where <c>guidelines update</c> fetches from: a directory (either layout), a registry's
    /// <c>…/v1/guidelines</c> (it lists itself), or a forge repository read through its contents API.
    /// </summary>
    /// <exception cref="GuidelineSourceException">A directory that does not exist, or a URL naming no repository.</exception>
    public static IGuidelineSource OpenForUpdate(string location, HttpClient? http = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        if (!IsHttp(location, out var uri))
        {
            return new DirectoryGuidelineSource(location);
        }

        return uri.AbsolutePath.TrimEnd('/').EndsWith("/v1/guidelines", StringComparison.Ordinal)
            ? new HttpGuidelineSource(uri, http ?? NewClient())
            : new ForgeGuidelineSource(uri, http ?? NewClient());
    }

    /// <summary>Reads and loads one guideline.</summary>
    /// <exception cref="GuidelineSourceException">The source has no such guideline, or could not be read.</exception>
    public static async Task<LoadResult> LoadAsync(this IGuidelineSource source, GuidelineId id, CancellationToken cancellationToken)
    {
        var file = await source.ReadAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new GuidelineSourceException($"guideline {id} is not in {source.Description}");
        return GuidelineLoader.Load(file.Content.Span, file.Name, id);
    }

    private static bool IsHttp(string location, out Uri uri) =>
        Uri.TryCreate(location, UriKind.Absolute, out uri!) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static HttpClient NewClient() => new() { Timeout = TimeSpan.FromSeconds(30) };
}
