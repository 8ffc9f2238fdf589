namespace Stackmark.Runner;

/// <summary>What a run was: guideline, target, cloud, times, verdict.</summary>
/// <param name="Guideline">The guideline version.</param>
/// <param name="Target">The target key.</param>
/// <param name="Cpid">The cloud's id as refstack-client derives it.</param>
/// <param name="StartedAt">When Tempest started.</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="Compliant">Whether the run is compliant (<see cref="Verdict"/> is <see cref="ComplianceVerdict.Compliant"/>).</param>
public sealed record RunSummary(GuidelineId Guideline, string Target, string Cpid, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, bool Compliant)
{
    /// <summary>The three-way verdict; by default compliant or not compliant from <see cref="Compliant"/>.</summary>
    public ComplianceVerdict Verdict { get; init; } = Compliant ? ComplianceVerdict.Compliant : ComplianceVerdict.NotCompliant;

    /// <summary>What would complete an incomplete run, one line per cause (<see cref="CompletionStep.Describe"/>).</summary>
    public IReadOnlyList<string> ToComplete { get; init; } = [];

    /// <summary>
    /// The summary of a run judged by <paramref name="report"/>: an interrupted run that every judged test passed is
    /// incomplete, not compliant; one a cloud miss made not compliant stays so.
    /// </summary>
    public static RunSummary Of(ComplianceReport report, string cpid, DateTimeOffset startedAt, DateTimeOffset finishedAt, bool interrupted, string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(report);
        var verdict = interrupted && report.Verdict == ComplianceVerdict.Compliant ? ComplianceVerdict.Incomplete : report.Verdict;
        List<string> steps = [.. report.ToComplete.Select(s => s.Describe(runDirectory))];
        if (interrupted && !report.ToComplete.Any(s => s.Category == NonPassCategory.Interrupted))
        {
            steps.Add($"the run was interrupted — stackmark run --resume {runDirectory}");
        }

        return new RunSummary(report.Guideline, report.Target.Key, cpid, startedAt, finishedAt, verdict == ComplianceVerdict.Compliant) { Verdict = verdict, ToComplete = steps };
    }
}
