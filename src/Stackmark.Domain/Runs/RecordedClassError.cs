namespace Stackmark;

/// <summary>
/// One class- or module-level fixture error of a finished run as its <c>full-results.json</c> records it (the
/// <c>class_errors</c> list): reported, never counted against compliance.
/// </summary>
/// <remarks>Kept as the file's words (like <see cref="RecordedTest"/>) rather than a <see cref="ClassError"/>, so a
/// category a newer writer adds still compares. Value equality; immutable.</remarks>
/// <param name="Fixture"><c>setUpClass</c>, <c>tearDownClass</c>, <c>setUpModule</c> or <c>tearDownModule</c>.</param>
/// <param name="Scope">The class (or, for module fixtures, the module) the fixture belongs to.</param>
/// <param name="Category">The non-pass category, e.g. <c>failure</c>.</param>
/// <param name="Reason">The one-line reason; may be empty.</param>
/// <param name="PlannedTests">How many planned tests live in that class or module.</param>
public sealed record RecordedClassError(string Fixture, string Scope, string Category, string Reason, int PlannedTests)
{
    /// <summary>The fixture as unittest names it: <c>tearDownClass (pkg.module.Class)</c>.</summary>
    public string Id => $"{Fixture} ({Scope})";

    /// <summary>What the error did to the planned tests, in words (as <see cref="ClassError.Effect"/>).</summary>
    public string Effect => ClassError.EffectOf(Fixture, PlannedTests);
}
