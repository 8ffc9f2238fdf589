namespace Stackmark;

/// <summary>One line of a scoring worksheet: free text (titles, notes) or a capability's scores.</summary>
/// <remarks>Records with value equality; see <see cref="TextLine"/> and <see cref="ScoreLine"/>.</remarks>
public abstract record WorksheetLine;
