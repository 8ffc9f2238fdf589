using System.Text.RegularExpressions;

namespace Stackmark.OpenStack;

/// <summary>URL arithmetic on catalog endpoints.</summary>
internal static partial class EndpointUrls
{
    /// <summary>
    /// The unversioned root of an endpoint: the path up to (excluding) the last version segment, so
    /// <c>http://h:8774/v2.1/abc</c> → <c>http://h:8774/</c>, <c>http://h/compute/v2.1</c> → <c>http://h/compute/</c>,
    /// <c>http://h:9292</c> → <c>http://h:9292/</c>. Path-prefixed (devstack-style) deployments keep their prefix.
    /// </summary>
    public static Uri VersionRoot(Uri endpoint)
    {
        var segments = endpoint.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var last = Array.FindLastIndex(segments, s => VersionSegment().IsMatch(s));
        var kept = last < 0 ? segments : segments[..last];
        var path = kept.Length == 0 ? "/" : "/" + string.Join('/', kept) + "/";
        return new UriBuilder(endpoint) { Path = path, Query = string.Empty, Fragment = string.Empty }.Uri;
    }

    /// <summary>Appends a relative path to a base URL, keeping the base's path.</summary>
    public static Uri Append(Uri baseUrl, string relative)
    {
        var text = baseUrl.AbsoluteUri;
        return new Uri(text.TrimEnd('/') + "/" + relative.TrimStart('/'));
    }

    /// <summary>The last path segment is a version (<c>v3</c>, <c>v2.0</c>).</summary>
    public static bool EndsWithVersion(Uri url, out string version)
    {
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        version = segments.Length > 0 && VersionSegment().IsMatch(segments[^1]) ? segments[^1] : string.Empty;
        return version.Length > 0;
    }

    [GeneratedRegex(@"^v\d+(\.\d+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex VersionSegment();
}
