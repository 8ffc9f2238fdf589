namespace Stackmark.Guidelines;

/// <summary>
/// Guidelines in a directory laid out like openstack/interop: <c>YYYY.MM.json</c> and <c>next.json</c> at the top,
/// add-ons as <c>add-ons/NAME.YYYY.MM.json</c> (also accepted at the top); or like openinfra/interop since 2020.11:
/// <c>guidelines/YYYY.MM.json</c> and <c>add-ons/guidelines/NAME.YYYY.MM.json</c>.
/// </summary>
public sealed class DirectoryGuidelineSource : IGuidelineSource
{
    // Where each layout keeps its files, relative to the root; a core file found first in an earlier folder wins.
    private static readonly string[] CoreFolders = ["", "guidelines"];
    private static readonly string[] AddOnFolders = ["add-ons", "", "add-ons/guidelines", "guidelines"];

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
        foreach (var dir in AddOnFolders.Select(f => Path.Combine(_root, f)).Where(Directory.Exists))
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
        foreach (var path in (id.AddOn is null ? CoreFolders : AddOnFolders).Select(f => Path.Combine(_root, f, name)).Where(File.Exists))
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
