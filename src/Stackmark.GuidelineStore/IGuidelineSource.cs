namespace Stackmark.Guidelines;

/// <summary>Where guideline files come from: a directory, or a web location (the upstream repository or a registry).</summary>
public interface IGuidelineSource
{
    /// <summary>Says where the source is, for messages.</summary>
    string Description { get; }

    /// <summary>The guidelines the source offers (core and add-ons).</summary>
    Task<IReadOnlyList<GuidelineId>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Reads one guideline file's bytes; null when the source has no such guideline.</summary>
    /// <exception cref="GuidelineSourceException">The source could not be read (I/O or HTTP failure).</exception>
    Task<GuidelineFile?> ReadAsync(GuidelineId id, CancellationToken cancellationToken);
}

/// <summary>A guideline file's bytes and the name to report it under.</summary>
/// <param name="Id">Which guideline it is.</param>
/// <param name="Name">Its path or URL.</param>
/// <param name="Content">Its bytes.</param>
public sealed record GuidelineFile(GuidelineId Id, string Name, ReadOnlyMemory<byte> Content)
{
    /// <summary>The description of the source that served the file, when a <see cref="LayeredGuidelineSource"/> chose it; else null.</summary>
    public string? ServedBy { get; init; }
}

/// <summary>A guideline source could not be read.</summary>
public sealed class GuidelineSourceException(string message, Exception? inner = null) : Exception(message, inner);
