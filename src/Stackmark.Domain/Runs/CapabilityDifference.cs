namespace Stackmark;

/// <summary>A capability whose verdict differs between two runs, or that only one of them judged.</summary>
/// <param name="Id">The capability.</param>
/// <param name="A">Its verdict in run A; null when absent there.</param>
/// <param name="B">Its verdict in run B; null when absent there.</param>
public sealed record CapabilityDifference(CapabilityId Id, RecordedCapability? A, RecordedCapability? B);
