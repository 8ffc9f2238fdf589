using Stackmark.Subunit;

namespace Stackmark.Runner;

/// <summary>Joins a test plan with the subunit results of a run.</summary>
public static class RunResults
{
    /// <summary>
    /// Every planned test with its result: passed, failed (with the last traceback line), skipped (with the
    /// reason), not in Tempest, or not run (the runner stopped before it).
    /// </summary>
    public static IReadOnlyList<RunTestResult> Join(TestPlan plan, SubunitTestResults results, IReadOnlyDictionary<TestName, PriorResult>? previousAttempt = null)
    {
        var byName = new Dictionary<TestName, SubunitTestResult>();
        foreach (var r in results.Tests)
        {
            var (name, _) = TestName.FromTempestId(r.TestId);
            byName[name] = r;
        }

        var list = new List<RunTestResult>(plan.Tests.Count);
        foreach (var p in plan.Tests)
        {
            var prior = previousAttempt?.GetValueOrDefault(p.Test.Name);
            if (p.Resolved is null)
            {
                list.Add(new RunTestResult(p, null, TestStatus.NotRun, new NonPass(NonPassCategory.NotInTempest, "not found in the installed Tempest by idempotent id, name or alias"), null));
                continue;
            }

            if (!byName.TryGetValue(p.Resolved.Value, out var r))
            {
                // A rerun keeps what the first attempt said of tests it did not rerun.
                list.Add(prior is not null
                    ? new RunTestResult(p, prior.TempestId, prior.Status, prior.NonPass, prior.Duration, prior.Attempts)
                    : new RunTestResult(p, null, TestStatus.NotRun, new NonPass(NonPassCategory.RunnerError, "no result: Tempest stopped before running it"), null));
                continue;
            }

            var (status, nonPass) = r.Status switch
            {
                SubunitStatus.Success or SubunitStatus.XFail => (TestStatus.Passed, (NonPass?)null),
                SubunitStatus.Skip => (TestStatus.Skipped, NonPass.ForSkip(r.Attachment("reason")?.Text)),
                SubunitStatus.InProgress => (TestStatus.Failed, new NonPass(NonPassCategory.RunnerError, "started but never finished (the worker died or was stopped)")),
                SubunitStatus.UxSuccess => (TestStatus.Failed, new NonPass(NonPassCategory.Failure, "unexpected success of a test expected to fail")),
                _ => (TestStatus.Failed, NonPass.ForFailure(r.Attachment("traceback")?.Text ?? r.Attachments.FirstOrDefault()?.Text)),
            };
            list.Add(new RunTestResult(p, r.TestId, status, nonPass, r.Duration, (prior?.Attempts ?? 0) + 1));
        }

        return list;
    }
}
