namespace Stackmark;

/// <summary>An approved flag as recorded in a draft: the test it landed on and its capability.</summary>
/// <param name="Source">The approved flag.</param>
/// <param name="Capability">The capability listing the test.</param>
/// <param name="Test">The test's name in the guideline.</param>
public sealed record AppliedFlag(ApprovedFlag Source, CapabilityId Capability, TestName Test);
