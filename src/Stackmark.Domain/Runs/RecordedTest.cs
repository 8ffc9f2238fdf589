namespace Stackmark;

/// <summary>One test of a finished run as its <c>full-results.json</c> records it.</summary>
/// <param name="Name">The guideline test's name.</param>
/// <param name="Id">Its idempotent id, when the guideline has one.</param>
/// <param name="Capability">The capability listing it.</param>
/// <param name="Status">What happened.</param>
/// <param name="Category">The non-pass category (guest-access, timeout, …); null for a pass.</param>
/// <param name="Reason">The non-pass reason; null for a pass.</param>
public sealed record RecordedTest(TestName Name, IdempotentId? Id, CapabilityId Capability, TestStatus Status, string? Category, string? Reason)
{
    /// <summary>The status as the run files write it: pass, fail, skip, not-run.</summary>
    public string StatusWord => RunRecord.Word(Status);
}
