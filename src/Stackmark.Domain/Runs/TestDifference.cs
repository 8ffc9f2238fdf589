namespace Stackmark;

/// <summary>A test whose status differs between two runs, or that only one of them planned.</summary>
/// <param name="Name">The test's name (run A's when both have it).</param>
/// <param name="Id">Its idempotent id, when known.</param>
/// <param name="Capabilities">The capabilities listing it, in either run.</param>
/// <param name="A">Its result in run A; null when A did not plan it.</param>
/// <param name="B">Its result in run B; null when B did not plan it.</param>
public sealed record TestDifference(TestName Name, IdempotentId? Id, IReadOnlyList<CapabilityId> Capabilities, RecordedTest? A, RecordedTest? B);
