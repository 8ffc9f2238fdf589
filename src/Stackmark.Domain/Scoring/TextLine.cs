namespace Stackmark;

/// <summary>A worksheet line that is not a score line (title, section header, underline, note), kept verbatim.</summary>
/// <param name="Text">The line without its line break.</param>
public sealed record TextLine(string Text) : WorksheetLine;
