namespace Stackmark;

/// <summary>
/// A finished run as its directory records it: <c>full-results.json</c> (every planned test) and <c>report.json</c>
/// (every capability's verdict). What <see cref="RunComparison"/> compares.
/// </summary>
/// <remarks>Immutable. Read with <see cref="Parse"/>, which never throws on bad input.</remarks>
/// <param name="Guideline">The guideline version, as the files write it.</param>
/// <param name="Target">The target.</param>
/// <param name="Compliant">The run's verdict.</param>
/// <param name="Tests">Every planned test, in file order.</param>
/// <param name="Capabilities">Every capability of the target, in file order.</param>
/// <param name="ClassErrors">Class- and module-level fixture errors, in file order; empty when the file has none or
/// predates the <c>class_errors</c> list.</param>
public sealed partial record RunRecord(string Guideline, string Target, bool Compliant, IReadOnlyList<RecordedTest> Tests, IReadOnlyList<RecordedCapability> Capabilities,
    IReadOnlyList<RecordedClassError> ClassErrors)
{
    /// <summary>
    /// The run's three-way verdict: <c>full-results.json</c>'s <c>verdict</c>, or for files written before it, compliant
    /// or not compliant from <see cref="Compliant"/>.
    /// </summary>
    public ComplianceVerdict Verdict { get; init; } = Compliant ? ComplianceVerdict.Compliant : ComplianceVerdict.NotCompliant;

    /// <summary>What would complete an incomplete run, one line per cause (<c>to_complete</c>); empty when the file has none.</summary>
    public IReadOnlyList<string> ToComplete { get; init; } = [];

    internal static string Word(TestStatus status) => status switch
    {
        TestStatus.Passed => "pass",
        TestStatus.Failed => "fail",
        TestStatus.Skipped => "skip",
        _ => "not-run",
    };

    internal static bool TryParseWord(string word, out TestStatus status)
    {
        (var ok, status) = word switch
        {
            "pass" => (true, TestStatus.Passed),
            "fail" => (true, TestStatus.Failed),
            "skip" => (true, TestStatus.Skipped),
            "not-run" => (true, TestStatus.NotRun),
            _ => (false, TestStatus.NotRun),
        };
        return ok;
    }
}
