namespace Stackmark;

/// <summary>A guideline test and what the results say of it.</summary>
/// <param name="Test">The guideline's test.</param>
/// <param name="Status">Its status in the results (<see cref="TestStatus.NotRun"/> when absent).</param>
/// <param name="MatchedBy">How it was found.</param>
/// <param name="Outcome">The matching result, if any.</param>
public sealed record TestVerdict(GuidelineTest Test, TestStatus Status, MatchMethod MatchedBy, TestOutcome? Outcome)
{
    /// <summary>Whether the test counts against its capability: not flagged and not passed.</summary>
    public bool Counts => !Test.IsFlagged;

    /// <summary>
    /// Whether the test missed for the runner's own reason (<see cref="VerdictRule"/>): it did not pass and its result's
    /// category is the runner's. A test absent from the results, or a miss without a category, is the cloud's.
    /// </summary>
    public bool NotJudged => Status != TestStatus.Passed && VerdictRule.IsRunnersOwn(Outcome?.Category);
}
