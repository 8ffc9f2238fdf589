namespace Stackmark;

/// <summary>How one capability of a target fared.</summary>
/// <param name="Id">The capability.</param>
/// <param name="Status">Its status in the target.</param>
/// <param name="Defined">False when a component names it but the file does not define it (0 tests, as RefStack counts it).</param>
/// <param name="Tests">Each of its tests with its result.</param>
public sealed record CapabilityVerdict(CapabilityId Id, CapabilityStatus Status, bool Defined, IReadOnlyList<TestVerdict> Tests)
{
    /// <summary>Tests that count: not flagged.</summary>
    public int Counted => Tests.Count(t => !t.Test.IsFlagged);

    /// <summary>Flagged tests, which neither help nor hurt.</summary>
    public int Flagged => Tests.Count(t => t.Test.IsFlagged);

    /// <summary>Counted tests that passed.</summary>
    public int Passed => Tests.Count(t => !t.Test.IsFlagged && t.Status == TestStatus.Passed);

    /// <summary>Whether every counted test passed.</summary>
    public bool Pass => Passed == Counted;

    /// <summary>Compliant, not compliant (a counted miss is the cloud's) or incomplete (every counted miss is the runner's).</summary>
    public ComplianceVerdict Verdict => VerdictRule.Of(Tests);

    /// <summary>The verdict as report.json writes it: <c>pass</c>, <c>fail</c> or <c>incomplete</c>.</summary>
    public string VerdictWord => Verdict switch
    {
        ComplianceVerdict.Compliant => "pass",
        ComplianceVerdict.Incomplete => "incomplete",
        _ => "fail",
    };

    /// <summary>The counted tests that did not pass.</summary>
    public IEnumerable<TestVerdict> Failing => Tests.Where(t => !t.Test.IsFlagged && t.Status != TestStatus.Passed);

    /// <summary>
    /// The one reason category every miss shares (e.g. guest-access), or null when the misses differ, are
    /// unexplained, or there are none: "fails only for want of guest access" is a different verdict to read.
    /// </summary>
    public string? OnlyMissCategory
    {
        get
        {
            var categories = Failing.Select(t => t.Outcome?.Category ?? (t.Status == TestStatus.NotRun ? "not-run" : null)).Distinct().ToList();
            return categories is [{ } only] ? only : null;
        }
    }
}
