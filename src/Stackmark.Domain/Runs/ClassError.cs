namespace Stackmark;

/// <summary>
/// An error of a class- or module-level fixture, which subunit reports under an id of its own rather than a test's:
/// <c>tearDownClass (tempest.api.compute.servers.test_multiple_create.MultipleCreateTestJSON)</c>.
/// </summary>
/// <remarks>
/// <para>It is not a test, so it is reported and never counted against compliance: a failed <c>setUpClass</c> already
/// fails each of its class's tests (their own results carry the reason), and a <c>tearDownClass</c> runs after its
/// tests finished, so their results stand. Tempest still exits 1 for it, which is why the verdict comes from the
/// per-test results and not from Tempest's exit code.</para>
/// <para>Value equality; immutable.</para>
/// </remarks>
/// <param name="Fixture"><c>setUpClass</c>, <c>tearDownClass</c>, <c>setUpModule</c> or <c>tearDownModule</c>.</param>
/// <param name="Scope">The class (or, for module fixtures, the module) the fixture belongs to.</param>
/// <param name="NonPass">Its category and one-line reason.</param>
/// <param name="PlannedTests">How many planned tests live in that class or module.</param>
public sealed record ClassError(string Fixture, string Scope, NonPass NonPass, int PlannedTests)
{
    private static readonly string[] Fixtures = ["setUpClass", "tearDownClass", "setUpModule", "tearDownModule"];

    /// <summary>Whether the fixture ran before the tests (so they did not run): setUpClass or setUpModule.</summary>
    public bool BeforeTests => Fixture.StartsWith("setUp", StringComparison.Ordinal);

    /// <summary>What the error did to the planned tests, in words.</summary>
    public string Effect => EffectOf(Fixture, PlannedTests);

    /// <summary>Whether <paramref name="fixture"/> is one of the four fixture names unittest reports errors under.</summary>
    internal static bool IsFixture(string fixture) => Array.IndexOf(Fixtures, fixture) >= 0;

    // Shared with RecordedClassError, which reads the same facts back from full-results.json.
    internal static string EffectOf(string fixture, int plannedTests) => (fixture.StartsWith("setUp", StringComparison.Ordinal), plannedTests) switch
    {
        (_, 0) => "no planned test is in it",
        (true, _) => $"its {plannedTests} planned test(s) did not run and carry this reason",
        (false, _) => $"after its {plannedTests} planned test(s) finished: their results stand",
    };

    /// <summary>
    /// Reads a fixture id as unittest writes it: <c>FIXTURE (SCOPE)</c>, e.g. <c>setUpClass (pkg.module.Class)</c>.
    /// </summary>
    /// <returns>False for an ordinary test id.</returns>
    public static bool TryParseId(string? testId, out string fixture, out string scope)
    {
        fixture = scope = "";
        if (testId is null || !testId.EndsWith(')'))
        {
            return false;
        }

        foreach (var f in Fixtures)
        {
            if (testId.Length > f.Length + 3 && testId.StartsWith(f, StringComparison.Ordinal) && testId.AsSpan(f.Length).StartsWith(" ("))
            {
                fixture = f;
                scope = testId[(f.Length + 2)..^1];
                return scope.Length > 0;
            }
        }

        return false;
    }
}
