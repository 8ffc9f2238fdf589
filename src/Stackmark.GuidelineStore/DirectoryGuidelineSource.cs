namespace Stackmark.Guidelines;

/// <summary>
/// Guidelines in a directory laid out like openstack/interop: <c>YYYY.MM.json</c> and <c>next.json</c> at the top,
/// add-ons as <c>add-ons/NAME.YYYY.MM.json</c> (also accepted at the top).
/// </summary>
public sealed class DirectoryGuidelineSource : IGuidelineSource
{
    private readonly string _root;

    /// <summary>Uses the directory <paramref name="root"/>.</summary>
    /// <exception cref="GuidelineSourceException">The directory does not exist.</exception>
    public DirectoryGuidelineSource(string root)
    {
        _root = Path.GetFullPath(root);
        if (!Directory.Exists(_root))
        {
            throw new GuidelineSourceException($"guideline directory {_root} does not exist");
        }
    }

    /// <inheritdoc />
    public string Description => _root;

    /// <inheritdoc />
    public Task<IReadOnlyList<GuidelineId>> ListAsync(CancellationToken cancellationToken)
    {
        var ids = new SortedSet<GuidelineId>();
        foreach (var dir in new[] { _root, Path.Combine(_root, "add-ons") }.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(dir, "*.json"))
            {
                if (GuidelineId.TryParse(Path.GetFileName(file), out var id))
                {
                    ids.Add(id);
                }
            }
        }

        return Task.FromResult<IReadOnlyList<GuidelineId>>([.. ids]);
    }

    /// <inheritdoc />
    public async Task<GuidelineFile?> ReadAsync(GuidelineId id, CancellationToken cancellationToken)
    {
        var name = id + ".json";
        var candidates = id.AddOn is null ? [Path.Combine(_root, name)] : new[] { Path.Combine(_root, "add-ons", name), Path.Combine(_root, name) };
        foreach (var path in candidates.Where(File.Exists))
        {
            try
            {
                return new GuidelineFile(id, path, await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
            }
            catch (IOException e)
            {
                throw new GuidelineSourceException($"cannot read {path}: {e.Message}", e);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new GuidelineSourceException($"cannot read {path}: {e.Message}", e);
            }
        }

        return null;
    }
}
