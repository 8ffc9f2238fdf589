namespace Stackmark.Runner;

/// <summary>What a run was: guideline, target, cloud, times, verdict.</summary>
/// <param name="Guideline">The guideline version.</param>
/// <param name="Target">The target key.</param>
/// <param name="Cpid">The cloud's id as refstack-client derives it.</param>
/// <param name="StartedAt">When Tempest started.</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="Compliant">The verdict.</param>
public sealed record RunSummary(GuidelineId Guideline, string Target, string Cpid, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, bool Compliant);
