namespace Stackmark;

/// <summary>A place in a text file: its name, a 1-based line and a 1-based column (0 when unknown).</summary>
/// <param name="File">The file's name or path.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column (in characters), or 0 when the whole line is meant.</param>
public readonly record struct TextLocation(string File, int Line, int Column)
{
    /// <summary><c>file:line:column</c>, as compilers print it.</summary>
    public override string ToString() => Column > 0 ? $"{File}:{Line}:{Column}" : $"{File}:{Line}";
}
