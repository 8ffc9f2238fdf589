using Stackmark.Tempest;
using Stackmark.Subunit;

namespace Stackmark.Runner;

/// <summary>Joins a test plan with the subunit results of a run.</summary>
public static class RunResults
{
    /// <summary>The reason of a planned test that has no result because the run was stopped.</summary>
    public const string NotRunInterrupted = "not run: the run was interrupted";

    /// <summary>
    /// Every planned test with its result: passed, failed (with the last traceback line), skipped (with the
    /// reason), not in Tempest, not run (the runner stopped before it), or withheld before the run with its reason. When
    /// the run was <paramref name="interrupted"/>, a test without a result, or one that started and never finished, is
    /// <see cref="NonPassCategory.Interrupted"/> rather than the runner's error.
    /// </summary>
    public static IReadOnlyList<RunTestResult> Join(TestPlan plan, SubunitTestResults results, IReadOnlyDictionary<TestName, PriorResult>? previousAttempt = null, TempestTree? source = null, bool interrupted = false, IReadOnlyDictionary<TestName, NonPass>? withheld = null)
    {
        var byName = new Dictionary<TestName, SubunitTestResult>();
        var fixtures = new Dictionary<string, SubunitTestResult>(StringComparer.Ordinal);
        foreach (var r in results.Tests)
        {
            if (ClassError.TryParseId(r.TestId, out var fixture, out var scope))
            {
                // Only a set-up decides for the tests; a tear-down comes after them (see ClassErrors).
                if (fixture.StartsWith("setUp", StringComparison.Ordinal))
                {
                    fixtures[scope] = r;
                }

                continue;
            }

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

            if (withheld?.GetValueOrDefault(p.Test.Name) is { } why)
            {
                list.Add(new RunTestResult(p, null, TestStatus.NotRun, why, null, 0));
                continue;
            }

            if ((!byName.TryGetValue(p.Resolved.Value, out var r) || !r.IsFinished)
                && (fixtures.GetValueOrDefault(ClassOf(p.Resolved.Value)) ?? fixtures.GetValueOrDefault(ModuleOf(p.Resolved.Value))) is { IsFinished: true } setUp)
            {
                // The class (or module) fixture decided for all its tests (e.g. "Nova is not available" skips the class).
                r = setUp;
            }

            if (r is null)
            {
                // A rerun keeps what the first attempt said of tests it did not rerun.
                list.Add(prior is not null
                    ? new RunTestResult(p, prior.TempestId, prior.Status, prior.NonPass, prior.Duration, prior.Attempts)
                    : interrupted
                        ? new RunTestResult(p, null, TestStatus.NotRun, new NonPass(NonPassCategory.Interrupted, NotRunInterrupted), null, 0)
                        : new RunTestResult(p, null, TestStatus.NotRun, new NonPass(NonPassCategory.RunnerError, "no result: Tempest stopped before running it"), null));
                continue;
            }

            // stestr announces the tests it will run ("exists"); one the stop came before never ran.
            if (interrupted && (r.Status is SubunitStatus.InProgress or SubunitStatus.Exists or SubunitStatus.Undefined || r.Status == SubunitStatus.Fail && IsKeyboardInterrupt(r)))
            {
                // Stopped mid-test (a worker's KeyboardInterrupt is the stop, not the cloud's answer): no result from
                // this attempt, so an earlier attempt's stands.
                list.Add(prior is not null
                    ? new RunTestResult(p, prior.TempestId, prior.Status, prior.NonPass, prior.Duration, prior.Attempts)
                    : new RunTestResult(p, r.TestId, TestStatus.NotRun, r.Status == SubunitStatus.InProgress || r.Status == SubunitStatus.Fail
                        ? new NonPass(NonPassCategory.Interrupted, "started but not finished: the run was interrupted")
                        : new NonPass(NonPassCategory.Interrupted, NotRunInterrupted), null, 0));
                continue;
            }

            var (status, nonPass) = r.Status switch
            {
                SubunitStatus.Success or SubunitStatus.XFail => (TestStatus.Passed, (NonPass?)null),
                SubunitStatus.Skip => (TestStatus.Skipped, NonPass.ForSkip(r.Attachment("reason")?.Text, FeatureGate(source, p.Resolved.Value, r.Attachment("reason")?.Text))),
                SubunitStatus.InProgress => (TestStatus.Failed, new NonPass(NonPassCategory.RunnerError, "started but never finished (the worker died or was stopped)")),
                SubunitStatus.Undefined or SubunitStatus.Exists => (TestStatus.NotRun, new NonPass(NonPassCategory.RunnerError, "listed but never run")),
                SubunitStatus.UxSuccess => (TestStatus.Failed, new NonPass(NonPassCategory.Failure, "unexpected success of a test expected to fail")),
                _ => (TestStatus.Failed, FailureOf(r)),
            };
            // An attempt that never finished (not run, stopped mid-test) does not count as one.
            list.Add(new RunTestResult(p, r.TestId, status, nonPass, r.Duration, (prior is { Status: not TestStatus.NotRun } ? prior.Attempts : 0) + 1));
        }

        return list;
    }

    /// <summary>
    /// The class- and module-level fixture errors of a run (<c>tearDownClass (pkg.module.Class)</c> and the like):
    /// unittest reports them under ids of their own, which match no planned test. They are listed with their reason
    /// and never counted: a failed set-up already fails its tests, and a tear-down runs after its tests finished.
    /// </summary>
    public static IReadOnlyList<ClassError> ClassErrors(TestPlan plan, SubunitTestResults results)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(results);
        var errors = new List<ClassError>();
        foreach (var r in results.Tests)
        {
            if (r.Status is SubunitStatus.Fail or SubunitStatus.InProgress && ClassError.TryParseId(r.TestId, out var fixture, out var scope))
            {
                var module = fixture.EndsWith("Module", StringComparison.Ordinal);
                var planned = plan.ToRun.Count(n => (module ? ModuleOf(n) : ClassOf(n)) == scope);
                var nonPass = r.Status == SubunitStatus.InProgress
                    ? new NonPass(NonPassCategory.RunnerError, "started but never finished (the worker died or was stopped)")
                    : FailureOf(r);
                errors.Add(new ClassError(fixture, scope, nonPass, planned));
            }
        }

        return errors;
    }

    /// <summary>
    /// Whether a test has a result a resumed run keeps: it passed, failed or was skipped. Not run, stopped by an
    /// interruption, or started and never finished (the runner's error) is no result: <c>--resume</c> runs it.
    /// </summary>
    public static bool HasResult(RunTestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status != TestStatus.NotRun && result.NonPass?.Category is not (NonPassCategory.RunnerError or NonPassCategory.Interrupted);
    }

    private static bool IsKeyboardInterrupt(SubunitTestResult r) =>
        r.Attachment("traceback")?.Text is { } traceback && traceback.TrimEnd().EndsWith("KeyboardInterrupt", StringComparison.Ordinal);

    // The traceback says what failed; the captured log (pythonlogging) may hold the guest's console.
    private static NonPass FailureOf(SubunitTestResult r)
    {
        var log = string.Join("\n", r.Attachments.Where(a => a.Name.StartsWith("pythonlogging", StringComparison.Ordinal)).Select(a => a.Text));
        return NonPass.ForFailure(r.Attachment("traceback")?.Text ?? r.Attachments.FirstOrDefault()?.Text, log.Length == 0 ? null : log);
    }

    internal static string ClassOf(TestName name)
    {
        var dot = name.Value.LastIndexOf('.');
        return dot > 0 ? name.Value[..dot] : name.Value;
    }

    internal static string ModuleOf(TestName name) => ClassOf(new TestName(ClassOf(name)));

    /// <summary>
    /// The option that most specifically gates a test in Tempest's source: guest validation, else a feature flag
    /// (…-feature-enabled), else any option but service availability and API version bounds.
    /// </summary>
    internal static (string Option, string Override, bool GuestValidation)? FeatureGate(TempestTree? source, TestName test, string? reason = null)
    {
        var gates = source?.GatesOf(test) ?? [];
        if (reason is not null && gates.Any(g => g.IsServiceAvailability && reason.Contains(g.Key, StringComparison.OrdinalIgnoreCase)))
        {
            // "Nova is not available": the service switch decided, whatever feature flags the class also has.
            return null;
        }

        var gate = gates.FirstOrDefault(g => g.IsGuestValidation)
            ?? gates.FirstOrDefault(g => g.Section.EndsWith("feature-enabled", StringComparison.Ordinal) && !g.Key.StartsWith("api_v", StringComparison.Ordinal))
            ?? gates.FirstOrDefault(g => !g.IsServiceAvailability && !g.Key.EndsWith("microversion", StringComparison.Ordinal) && !g.Key.StartsWith("api_v", StringComparison.Ordinal));
        return gate is null ? null : (gate.ToString(), gate.ToOverride(), gate.IsGuestValidation);
    }
}
