namespace Stackmark;

/// <summary>One capability's verdict in a finished run, as its <c>report.json</c> records it.</summary>
/// <param name="Id">The capability.</param>
/// <param name="Status">Its status in the target (required, advisory, …).</param>
/// <param name="Pass">Whether every counted test passed.</param>
/// <param name="Passed">Counted tests that passed.</param>
/// <param name="Tests">Counted tests.</param>
/// <param name="Incomplete">Whether every counted miss was the runner's (report.json's <c>incomplete</c> verdict).</param>
public sealed record RecordedCapability(CapabilityId Id, CapabilityStatus Status, bool Pass, int Passed, int Tests, bool Incomplete = false)
{
    /// <summary>The verdict as report.json writes it: pass, fail or incomplete.</summary>
    public string Verdict => Pass ? "pass" : Incomplete ? "incomplete" : "fail";
}
