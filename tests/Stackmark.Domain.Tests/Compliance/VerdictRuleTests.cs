using CsCheck;
using Stackmark.Tests.Support;

namespace Stackmark.Tests.Compliance;

/// <summary>
/// The three-way verdict (<see cref="VerdictRule"/>) on the official Powered Storage 2019.11 guideline (58 counted
/// required tests, flagged and advisory ones besides) with generated results: every test passes, is absent, or misses
/// with any category or none.
/// </summary>
public sealed class VerdictRuleTests
{
    private static readonly Guideline Storage = InteropData.Load("2019.11.json");

    // A Platform with flagged tests and advisory capabilities, for the rule that they never count.
    private static readonly Guideline Platform2018 = InteropData.Load("2018.02.json");

    private static readonly IReadOnlyList<(GuidelineTest Test, bool Required)> Tests = TestsOf(Storage, "object");

    private static IReadOnlyList<(GuidelineTest Test, bool Required)> TestsOf(Guideline g, string target) =>
        [.. g.CapabilitiesOf(target).SelectMany(c => c.Tests.Select(t => (t, c.Status == CapabilityStatus.Required))).DistinctBy(x => x.t.Name)];

    private static readonly NonPassCategory[] RunnersOwn =
        [NonPassCategory.Accounts, NonPassCategory.Precondition, NonPassCategory.Interrupted, NonPassCategory.RunnerError, NonPassCategory.NotInTempest];

    private static readonly NonPassCategory[] Clouds =
        [NonPassCategory.Failure, NonPassCategory.Timeout, NonPassCategory.ServiceUnavailable, NonPassCategory.GuestAccess, NonPassCategory.TempestConfig, NonPassCategory.Skipped];

    private static readonly Gen<TestOutcome?[]> Results = ResultsOf(Tests);

    // One result per test: absent (null), passed, or a miss with any category or none.
    private static Gen<TestOutcome?[]> ResultsOf(IReadOnlyList<(GuidelineTest Test, bool Required)> tests) => Gen.Frequency(
            (6, Gen.Const<Func<GuidelineTest, TestOutcome?>>(t => TestOutcome.Passed(t.Name.Value))),
            (1, Gen.Const<Func<GuidelineTest, TestOutcome?>>(_ => null)),
            (3, Gen.Select(Gen.OneOf(TestStatus.Failed, TestStatus.Skipped, TestStatus.NotRun), Gen.OneOf(RunnersOwn.Concat(RunnersOwn).Concat(Clouds).ToArray()), Gen.Bool)
                .Select((status, category, withCategory) => (Func<GuidelineTest, TestOutcome?>)(t =>
                    new TestOutcome(t.Name, t.Id, status, "why", Category: withCategory ? new NonPass(category, "").CategoryWord : null)))))
        .Array[tests.Count]
        .Select(makers => makers.Select((make, i) => make(tests[i].Test)).ToArray<TestOutcome?>());

    private static ComplianceReport Judge(IEnumerable<TestOutcome?> results) => ComplianceEvaluator.Evaluate(Storage, "object", results.OfType<TestOutcome>());

    private static IEnumerable<TestVerdict> CountedRequired(ComplianceReport r) =>
        r.With(CapabilityStatus.Required).SelectMany(c => c.Tests).Where(t => !t.Test.IsFlagged);

    [Fact]
    public void The_guidelines_under_test_have_58_counted_required_tests_and_flagged_and_advisory_ones()
    {
        Assert.Equal(58, CountedRequired(Judge([])).Select(t => t.Test.Name).Distinct().Count());
        var platform = TestsOf(Platform2018, "platform");
        Assert.Contains(platform, t => t.Test.IsFlagged);
        Assert.Contains(platform, t => !t.Required);
    }

    [Fact]
    public void Compliant_iff_every_counted_required_test_passed_and_the_old_bool_agrees()
    {
        Results.Sample(results =>
        {
            var report = Judge(results);
            var allPassed = CountedRequired(report).All(t => t.Status == TestStatus.Passed);
            Assert.Equal(allPassed, report.Verdict == ComplianceVerdict.Compliant);
            Assert.Equal(report.Compliant, report.Verdict == ComplianceVerdict.Compliant);
        });
    }

    [Fact]
    public void Never_not_compliant_when_every_counted_required_miss_is_the_runners()
    {
        Results.Sample(results =>
        {
            var report = Judge(results);
            var misses = CountedRequired(report).Where(t => t.Status != TestStatus.Passed).ToList();
            if (misses.All(t => t.Outcome?.Category is { } c && NonPass.TryParseCategory(c, out var cat) && RunnersOwn.Contains(cat)))
            {
                Assert.NotEqual(ComplianceVerdict.NotCompliant, report.Verdict);
                Assert.Equal(misses.Count == 0 ? ComplianceVerdict.Compliant : ComplianceVerdict.Incomplete, report.Verdict);
            }
            else
            {
                Assert.Equal(ComplianceVerdict.NotCompliant, report.Verdict);
            }
        });
    }

    [Fact]
    public void One_cloud_miss_in_a_required_capability_makes_the_run_not_compliant()
    {
        var required = Tests.Select((t, i) => (t, i)).Where(x => x.t.Required && !x.t.Test.IsFlagged).Select(x => x.i).ToArray();
        Gen.Select(Results, Gen.OneOf(required), Gen.OneOf(Clouds), Gen.OneOf(TestStatus.Failed, TestStatus.Skipped, TestStatus.NotRun), Gen.Bool)
            .Sample((results, at, category, status, withCategory) =>
            {
                var test = Tests[at].Test;
                // Every result of the test goes (a rerun's pass would win), then one cloud miss or an unexplained one.
                results[at] = new TestOutcome(test.Name, test.Id, status, "boom", Category: withCategory ? new NonPass(category, "").CategoryWord : null);
                Assert.Equal(ComplianceVerdict.NotCompliant, Judge(results).Verdict);
            });
    }

    [Fact]
    public void A_required_test_absent_from_pass_only_results_is_not_compliant_as_RefStack_judges()
    {
        var counted = Tests.Where(t => t.Required && !t.Test.IsFlagged).ToList();
        var report = Judge(counted.Skip(1).Select(t => TestOutcome.Passed(t.Test.Name.Value)));
        Assert.Equal(ComplianceVerdict.NotCompliant, report.Verdict);
        Assert.Empty(report.ToComplete);
    }

    [Fact]
    public void Flagged_and_advisory_tests_never_change_the_run_verdict()
    {
        var tests = TestsOf(Platform2018, "platform");
        Gen.Select(ResultsOf(tests), ResultsOf(tests)).Sample((results, other) =>
        {
            var mixed = results.Select((r, i) => tests[i].Required && !tests[i].Test.IsFlagged ? r : other[i]).ToArray();
            Assert.Equal(
                ComplianceEvaluator.Evaluate(Platform2018, "platform", results.OfType<TestOutcome>()).Verdict,
                ComplianceEvaluator.Evaluate(Platform2018, "platform", mixed.OfType<TestOutcome>()).Verdict);
        }, iter: 30);
    }

    [Fact]
    public void To_complete_names_each_not_judged_required_test_once_and_nothing_else()
    {
        Results.Sample(results =>
        {
            var report = Judge(results);
            var notJudged = CountedRequired(report).Where(t => t.NotJudged).Select(t => t.Test.Name).Distinct().Order().ToList();
            var listed = report.ToComplete.SelectMany(s => s.Tests).Order().ToList();
            Assert.Equal(notJudged, listed);
            Assert.Equal(report.Verdict == ComplianceVerdict.Incomplete, notJudged.Count > 0 && report.Verdict != ComplianceVerdict.NotCompliant);
            Assert.All(report.ToComplete, s => Assert.True(VerdictRule.IsRunnersOwn(s.Category)));
        });
    }

    [Fact]
    public void Capability_verdicts_combine_to_the_worst_of_the_required_ones()
    {
        Results.Sample(results =>
        {
            var report = Judge(results);
            var required = report.With(CapabilityStatus.Required).Select(c => c.Verdict).ToList();
            var expected = required.Contains(ComplianceVerdict.NotCompliant) ? ComplianceVerdict.NotCompliant
                : required.Contains(ComplianceVerdict.Incomplete) ? ComplianceVerdict.Incomplete : ComplianceVerdict.Compliant;
            Assert.Equal(expected, report.Verdict);
        });
    }

    [Fact]
    public void The_rule_sorts_every_category_into_exactly_one_class()
    {
        Assert.Equal(Enum.GetValues<NonPassCategory>().Where(c => c != NonPassCategory.None).Order(), RunnersOwn.Concat(Clouds).Order());
        Assert.All(RunnersOwn, c => Assert.True(VerdictRule.IsRunnersOwn(c)));
        Assert.All(Clouds, c => Assert.False(VerdictRule.IsRunnersOwn(c)));
        Assert.False(VerdictRule.IsRunnersOwn((string?)null));
        Assert.False(VerdictRule.IsRunnersOwn("not-a-category"));
    }

    [Fact]
    public void An_incomplete_report_says_what_would_complete_it_grouped_by_cause()
    {
        var byName = Tests.Where(t => t.Required && !t.Test.IsFlagged).Select(t => t.Test).ToList();
        var results = byName.Select(t => TestOutcome.Passed(t.Name.Value)).ToList();
        TestOutcome Miss(int i, NonPass np) => new(byName[i].Name, byName[i].Id, TestStatus.Skipped, np.Reason, Category: np.CategoryWord);
        results[0] = Miss(0, NonPass.NeedsRole("ResellerAdmin", "Tempest: no account with role ResellerAdmin"));
        results[1] = Miss(1, NonPass.NeedsRole("ResellerAdmin", "Tempest: no account with role ResellerAdmin"));
        for (var i = 2; i < 16; i++)
        {
            results[i] = Miss(i, NonPass.NeedsSecondAccount("Tempest: Missing a 2nd set of API credentials in configuration"));
        }

        results[16] = Miss(16, new NonPass(NonPassCategory.Interrupted, "the run was stopped before it ran"));
        results[17] = Miss(17, new NonPass(NonPassCategory.NotInTempest, "not found in the installed Tempest"));

        var report = Judge(results);

        Assert.Equal(ComplianceVerdict.Incomplete, report.Verdict);
        Assert.False(report.Compliant);
        Assert.Equal(
            [
                "14 tests need a second account (alternate credentials)",
                "2 tests need an account with role ResellerAdmin",
                "1 test did not run: the run was interrupted — stackmark run --resume /runs/a",
                "1 test is not in the installed Tempest (install a Tempest or plugin that has it)",
            ],
            report.ToComplete.Select(s => s.Describe("/runs/a")));
    }
}
