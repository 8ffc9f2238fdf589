namespace Stackmark;

/// <summary>
/// A class- or module-level fixture error that one run had and the other did not (paired by fixture and scope).
/// Listed for the reader, never counted: it does not make two runs different (see <see cref="RunComparison.Identical"/>).
/// </summary>
/// <param name="Fixture"><c>setUpClass</c>, <c>tearDownClass</c>, <c>setUpModule</c> or <c>tearDownModule</c>.</param>
/// <param name="Scope">The class or module it belongs to.</param>
/// <param name="A">The error in run A; null when A did not have it.</param>
/// <param name="B">The error in run B; null when B did not have it.</param>
public sealed record ClassErrorDifference(string Fixture, string Scope, RecordedClassError? A, RecordedClassError? B)
{
    /// <summary>The fixture as unittest names it: <c>tearDownClass (pkg.module.Class)</c>.</summary>
    public string Id => $"{Fixture} ({Scope})";
}
