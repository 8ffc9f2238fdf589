namespace Stackmark;

/// <summary>A score line with where it sits in its worksheet.</summary>
/// <param name="Section">The section header above it (Compute, Networking, …), or null.</param>
/// <param name="LineNumber">Its 1-based line number.</param>
/// <param name="Line">The line.</param>
public sealed record WorksheetEntry(string? Section, int LineNumber, ScoreLine Line);
