namespace Stackmark;

/// <summary>One test's result as a runner or an uploaded result file reports it.</summary>
/// <param name="Name">The test's name without attributes.</param>
/// <param name="Id">Its idempotent id, when known.</param>
/// <param name="Status">What happened.</param>
/// <param name="Reason">Skip reason or the last line of a failure, when known.</param>
/// <param name="Duration">How long it took, when known.</param>
/// <param name="Category">Why it did not pass, as a category word (guest-access, tempest-config, …), when known.</param>
public sealed record TestOutcome(TestName Name, IdempotentId? Id, TestStatus Status, string? Reason = null, TimeSpan? Duration = null, string? Category = null)
{
    /// <summary>A passed test, as RefStack's results format records them (it records only passes).</summary>
    public static TestOutcome Passed(string name, IdempotentId? id = null) => new(new TestName(name), id, TestStatus.Passed);
}
