namespace Stackmark.Guidelines;

/// <summary>
/// Sources in order of precedence: a guideline is read from the first that has it (the user cache before the built-in
/// copy), and the list is their union.
/// </summary>
public sealed class LayeredGuidelineSource(IReadOnlyList<IGuidelineSource> layers) : IGuidelineSource
{
    /// <summary>The sources, first wins.</summary>
    public IReadOnlyList<IGuidelineSource> Layers { get; } = layers.Count > 0 ? layers : throw new ArgumentException("at least one source", nameof(layers));

    /// <inheritdoc />
    public string Description => string.Join(", then ", Layers.Select(l => l.Description));

    /// <inheritdoc />
    public async Task<IReadOnlyList<GuidelineId>> ListAsync(CancellationToken cancellationToken)
    {
        var ids = new SortedSet<GuidelineId>();
        foreach (var layer in Layers)
        {
            ids.UnionWith(await layer.ListAsync(cancellationToken).ConfigureAwait(false));
        }

        return [.. ids];
    }

    /// <inheritdoc />
    /// <remarks>The file says which layer served it in <see cref="GuidelineFile.ServedBy"/>.</remarks>
    public async Task<GuidelineFile?> ReadAsync(GuidelineId id, CancellationToken cancellationToken)
    {
        foreach (var layer in Layers)
        {
            if (await layer.ReadAsync(id, cancellationToken).ConfigureAwait(false) is { } file)
            {
                return file with { ServedBy = file.ServedBy ?? layer.Description };
            }
        }

        return null;
    }
}
