using System.Reflection;

namespace Stackmark.Guidelines;

/// <summary>
/// The official guidelines shipped inside Stackmark: openstack/interop at commit 5f7a8cf (2020.06 approved), copied
/// unmodified into <c>data/interop/</c> and embedded in this assembly. Laid out and read like
/// <see cref="DirectoryGuidelineSource"/> reads a directory: core files at the top, add-ons under <c>add-ons/</c>.
/// </summary>
public sealed class EmbeddedGuidelineSource : IGuidelineSource
{
    /// <summary>The upstream commit the files were copied from.</summary>
    public const string Commit = "5f7a8cf9c43015a27c2ed56cad8501d470807461";

    private const string Prefix = "interop/";

    private static readonly Assembly Assembly = typeof(EmbeddedGuidelineSource).Assembly;

    // Resource name → path relative to data/interop, with '/' (RecursiveDir uses the build machine's separator).
    private static readonly IReadOnlyDictionary<string, string> Resources = Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .ToDictionary(n => n[Prefix.Length..].Replace('\\', '/'), n => n, StringComparer.Ordinal);

    /// <inheritdoc />
    public string Description => $"built in (openstack/interop {Commit[..7]})";

    /// <summary>Every embedded file (guidelines, add-ons, schemas), as paths relative to <c>data/interop/</c>, sorted.</summary>
    public IReadOnlyList<string> Files { get; } = [.. Resources.Keys.Order(StringComparer.Ordinal)];

    /// <summary>One embedded file's bytes by its relative path (e.g. <c>add-ons/dns.2020.06.json</c>); null if absent.</summary>
    public byte[]? ReadFile(string relativePath)
    {
        if (!Resources.TryGetValue(relativePath, out var name))
        {
            return null;
        }

        using var stream = Assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<GuidelineId>> ListAsync(CancellationToken cancellationToken)
    {
        var ids = new SortedSet<GuidelineId>();
        foreach (var path in Files.Where(IsGuidelinePath))
        {
            if (GuidelineId.TryParse(path[(path.LastIndexOf('/') + 1)..], out var id))
            {
                ids.Add(id);
            }
        }

        return Task.FromResult<IReadOnlyList<GuidelineId>>([.. ids]);
    }

    /// <inheritdoc />
    public Task<GuidelineFile?> ReadAsync(GuidelineId id, CancellationToken cancellationToken)
    {
        var name = id + ".json";
        var candidates = id.AddOn is null ? [name] : new[] { "add-ons/" + name, name };
        foreach (var path in candidates)
        {
            if (ReadFile(path) is { } bytes)
            {
                return Task.FromResult<GuidelineFile?>(new GuidelineFile(id, "built-in:" + path, bytes));
            }
        }

        return Task.FromResult<GuidelineFile?>(null);
    }

    // Where DirectoryGuidelineSource looks: the top and add-ons/, not schema/.
    private static bool IsGuidelinePath(string path) => !path.Contains('/', StringComparison.Ordinal) || path.StartsWith("add-ons/", StringComparison.Ordinal) && path.Count(c => c == '/') == 1;
}
