namespace Stackmark;

/// <summary>
/// Something odd in a guideline file that the loader tolerated, or a consistency finding of the validator,
/// with where it is.
/// </summary>
/// <param name="Code">A stable short code (e.g. <c>required-since-spelling</c>) for grouping and filtering.</param>
/// <param name="Message">What is odd, in words.</param>
/// <param name="Location">Where: file, JSON path, line.</param>
public sealed record GuidelineWarning(string Code, string Message, SourceLocation Location)
{
    /// <inheritdoc />
    public override string ToString() => $"{Location}: {Message} [{Code}]";
}

/// <summary>A place in a source file: its name, a JSON path and a 1-based line (0 when unknown).</summary>
public sealed record SourceLocation(string File, string JsonPath, int Line)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{File}:{Line} {JsonPath}" : $"{File} {JsonPath}";
}

/// <summary>Why a guideline file could not be loaded.</summary>
/// <param name="Message">What is wrong.</param>
/// <param name="Location">Where it is.</param>
public sealed record GuidelineError(string Message, SourceLocation Location)
{
    /// <inheritdoc />
    public override string ToString() => $"{Location}: {Message}";
}
