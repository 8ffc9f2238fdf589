namespace Stackmark;

/// <summary>
/// The one rule that tells the cloud's misses from the runner's. A counted test that did not pass is either
/// <em>the cloud's</em> (it failed, timed out, lacked a service, was skipped by the cloud's configuration) or
/// <em>not judged</em>: the run itself could not judge it (<see cref="IsRunnersOwn(NonPassCategory)"/>). A capability
/// is <see cref="ComplianceVerdict.Compliant"/> when every counted test passed, <see cref="ComplianceVerdict.NotCompliant"/>
/// when one counted miss is the cloud's, else <see cref="ComplianceVerdict.Incomplete"/>; a run is not compliant when
/// one required capability is, else incomplete when one is, else compliant (<see cref="Combine"/>).
/// </summary>
/// <remarks>
/// A miss without a category — RefStack's pass-only results, which cannot say why a test is absent — stays the
/// cloud's: RefStack's rule. Flagged tests are not counted and never change a verdict. Pure.
/// </remarks>
public static class VerdictRule
{
    /// <summary>
    /// Whether a non-pass of this category is the runner's or its configuration's, never the cloud's:
    /// <see cref="NonPassCategory.Accounts"/>, <see cref="NonPassCategory.Precondition"/>,
    /// <see cref="NonPassCategory.Interrupted"/>, <see cref="NonPassCategory.RunnerError"/> and
    /// <see cref="NonPassCategory.NotInTempest"/>. Every other category (failure, timeout, service-unavailable,
    /// guest-access, tempest-config, skipped) counts against the cloud.
    /// </summary>
    public static bool IsRunnersOwn(NonPassCategory category) => category is NonPassCategory.Accounts or NonPassCategory.Precondition
        or NonPassCategory.Interrupted or NonPassCategory.RunnerError or NonPassCategory.NotInTempest;

    /// <summary>
    /// <see cref="IsRunnersOwn(NonPassCategory)"/> for a category as the result files write it (<c>accounts</c>, …);
    /// false for null or an unknown word, which RefStack's rule leaves to the cloud.
    /// </summary>
    public static bool IsRunnersOwn(string? categoryWord) => NonPass.TryParseCategory(categoryWord, out var category) && IsRunnersOwn(category);

    /// <summary>A capability's verdict from its tests' results (flagged tests are not counted).</summary>
    public static ComplianceVerdict Of(IEnumerable<TestVerdict> tests)
    {
        ArgumentNullException.ThrowIfNull(tests);
        return OfCounted(tests.Where(t => !t.Test.IsFlagged).Select(t => (t.Status, t.Outcome?.Category)));
    }

    /// <summary>
    /// A verdict from counted tests' statuses and non-pass category words (null: none given): compliant when all passed,
    /// not compliant when one miss is the cloud's, else incomplete.
    /// </summary>
    public static ComplianceVerdict OfCounted(IEnumerable<(TestStatus Status, string? Category)> counted)
    {
        ArgumentNullException.ThrowIfNull(counted);
        var verdict = ComplianceVerdict.Compliant;
        foreach (var (status, category) in counted.Where(t => t.Status != TestStatus.Passed))
        {
            if (!IsRunnersOwn(category))
            {
                return ComplianceVerdict.NotCompliant;
            }

            verdict = ComplianceVerdict.Incomplete;
        }

        return verdict;
    }

    /// <summary>A run's verdict from its required capabilities' verdicts: the worst one (compliant when there are none).</summary>
    public static ComplianceVerdict Combine(IEnumerable<ComplianceVerdict> required)
    {
        ArgumentNullException.ThrowIfNull(required);
        return required.DefaultIfEmpty(ComplianceVerdict.Compliant).Max();
    }

    /// <summary>The verdict as the files write it: <c>compliant</c>, <c>not-compliant</c> or <c>incomplete</c>.</summary>
    public static string ToWord(this ComplianceVerdict verdict) => verdict switch
    {
        ComplianceVerdict.Compliant => "compliant",
        ComplianceVerdict.Incomplete => "incomplete",
        _ => "not-compliant",
    };

    /// <summary>Reads a word written by <see cref="ToWord"/>.</summary>
    public static bool TryParse(string? word, out ComplianceVerdict verdict)
    {
        (var ok, verdict) = word switch
        {
            "compliant" => (true, ComplianceVerdict.Compliant),
            "incomplete" => (true, ComplianceVerdict.Incomplete),
            "not-compliant" => (true, ComplianceVerdict.NotCompliant),
            _ => (false, ComplianceVerdict.NotCompliant),
        };
        return ok;
    }
}
