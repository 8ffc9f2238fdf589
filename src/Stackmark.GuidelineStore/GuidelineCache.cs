namespace Stackmark.Guidelines;

/// <summary>
/// The user's guideline cache, filled by <c>stackmark guidelines update</c>: a directory in the flat openstack/interop
/// layout (core files at the top, add-ons under <c>add-ons/</c>) whatever layout they were fetched from. Every file
/// in it was validated before it was written, and written whole (temporary file, then rename).
/// </summary>
public sealed class GuidelineCache : IGuidelineSource
{
    /// <summary>The environment variable that overrides the cache directory (tests isolate themselves with it).</summary>
    public const string DirectoryVariable = "STACKMARK_GUIDELINE_CACHE";

    /// <summary>Uses <paramref name="directory"/>, which need not exist yet.</summary>
    public GuidelineCache(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The cache directory.</summary>
    public string Directory { get; }

    /// <inheritdoc />
    public string Description => $"{Directory} (user cache)";

    /// <summary>
    /// The user's cache: <c>$STACKMARK_GUIDELINE_CACHE</c>, else <c>$XDG_CACHE_HOME/stackmark/guidelines</c>, else
    /// <c>~/.cache/stackmark/guidelines</c>.
    /// </summary>
    /// <param name="environment">Reads an environment variable (null when unset); the process environment by default.</param>
    public static GuidelineCache ForUser(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (environment(DirectoryVariable) is { Length: > 0 } explicitDir)
        {
            return new(explicitDir);
        }

        // XDG: a relative XDG_CACHE_HOME is invalid and must be ignored.
        var xdg = environment("XDG_CACHE_HOME");
        var cacheHome = xdg is { Length: > 0 } && Path.IsPathRooted(xdg) ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return new(Path.Combine(cacheHome, "stackmark", "guidelines"));
    }

    /// <summary>Where the cache keeps <paramref name="id"/>.</summary>
    public string PathOf(GuidelineId id) => id.AddOn is null ? Path.Combine(Directory, id + ".json") : Path.Combine(Directory, "add-ons", id + ".json");

    /// <inheritdoc />
    public Task<IReadOnlyList<GuidelineId>> ListAsync(CancellationToken cancellationToken) =>
        System.IO.Directory.Exists(Directory) ? new DirectoryGuidelineSource(Directory).ListAsync(cancellationToken) : Task.FromResult<IReadOnlyList<GuidelineId>>([]);

    /// <inheritdoc />
    public Task<GuidelineFile?> ReadAsync(GuidelineId id, CancellationToken cancellationToken) =>
        System.IO.Directory.Exists(Directory) ? new DirectoryGuidelineSource(Directory).ReadAsync(id, cancellationToken) : Task.FromResult<GuidelineFile?>(null);

    /// <summary>Writes a (validated) guideline atomically: readers see the old file or the new one, never a part.</summary>
    /// <exception cref="GuidelineSourceException">The cache cannot be written.</exception>
    public async Task WriteAsync(GuidelineId id, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var path = PathOf(id);
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                // On disk before the rename, so a crash cannot leave a renamed but empty file.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GuidelineSourceException($"cannot write {path}: {e.Message}", e);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
