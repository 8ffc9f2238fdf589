namespace Stackmark.Runner;

/// <summary>One planned guideline test after the run: what ran for it and what happened.</summary>
/// <param name="Planned">The plan entry (capability, guideline test, resolution).</param>
/// <param name="TempestId">The full Tempest id that ran, if any.</param>
/// <param name="Status">Its status.</param>
/// <param name="NonPass">Why it did not pass (null when it passed).</param>
/// <param name="Duration">How long it ran.</param>
/// <param name="Attempts">How many times it ran (more than one after --rerun-failed).</param>
public sealed record RunTestResult(PlannedTest Planned, string? TempestId, TestStatus Status, NonPass? NonPass, TimeSpan? Duration, int Attempts = 1)
{
    /// <summary>The result as the compliance evaluator reads it.</summary>
    public TestOutcome ToOutcome() =>
        new(Planned.Resolved ?? Planned.Test.Name, Planned.Test.Id, Status, NonPass?.Reason, Duration, NonPass?.CategoryWord);
}
