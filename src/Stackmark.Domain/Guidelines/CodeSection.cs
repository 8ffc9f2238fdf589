namespace Stackmark;

/// <summary>One named section of a project's code (e.g. nova's "compute driver"), designated or not.</summary>
/// <param name="Name">The section's name as the file keys it.</param>
/// <param name="Description">What the section covers ("not provided" is kept as the file says it).</param>
/// <param name="Designated">Whether a marked product must contain it; null when the file leaves it open.</param>
/// <param name="Comment">The committee's comment, if any.</param>
public sealed record CodeSection(string Name, string? Description, bool? Designated, string? Comment);
