using Stackmark.Tests.Support;

namespace Stackmark.Tests.Compliance;

/// <summary>Verdicts: every counted test of every required capability must pass; ids survive renames.</summary>
public sealed class ComplianceEvaluatorTests
{
    [Fact]
    public void All_counted_required_tests_passing_is_compliant_and_flagged_tests_do_not_count()
    {
        var g = Some.Guideline();
        var report = ComplianceEvaluator.Evaluate(g, "compute", [TestOutcome.Passed(Some.ListFlavors), TestOutcome.Passed(Some.CreateServer)]);
        Assert.True(report.Compliant);
        var create = report.Capabilities.Single(c => c.Id.Value == "compute-servers-create");
        Assert.Equal((1, 1, 1), (create.Counted, create.Passed, create.Flagged));
        var resize = report.Capabilities.Single(c => c.Id.Value == "compute-servers-resize");
        Assert.Equal(CapabilityStatus.Advisory, resize.Status);
        Assert.False(resize.Pass);
    }

    [Fact]
    public void A_missing_required_test_makes_it_not_compliant_and_is_named()
    {
        var report = ComplianceEvaluator.Evaluate(Some.Guideline(), "compute", [TestOutcome.Passed(Some.ListFlavors)]);
        Assert.False(report.Compliant);
        var failing = Assert.Single(report.FailingRequired);
        Assert.Equal("compute-servers-create", failing.Id.Value);
        Assert.Equal(Some.CreateServer, Assert.Single(failing.Failing).Test.Name.Value);
        Assert.Equal(TestStatus.NotRun, failing.Failing.Single().Status);
    }

    [Fact]
    public void A_renamed_test_counts_by_its_idempotent_id()
    {
        var renamed = new TestOutcome(new TestName("tempest.api.compute.servers.test_create_server.ServersV3Test.test_create_server"), IdempotentId.Parse(Some.CreateId), TestStatus.Passed);
        var report = ComplianceEvaluator.Evaluate(Some.Guideline(), "compute", [TestOutcome.Passed(Some.ListFlavors), renamed]);
        Assert.True(report.Compliant);
        var verdict = report.Capabilities.Single(c => c.Id.Value == "compute-servers-create").Tests.Single(t => !t.Test.IsFlagged);
        Assert.Equal(MatchMethod.IdempotentId, verdict.MatchedBy);
    }

    [Fact]
    public void An_alias_counts_when_there_is_no_id()
    {
        var report = ComplianceEvaluator.Evaluate(Some.Guideline(), "compute", [TestOutcome.Passed(Some.ListFlavorsOldName), TestOutcome.Passed(Some.CreateServer)]);
        Assert.True(report.Compliant);
        Assert.Equal(MatchMethod.Alias, report.Capabilities[0].Tests[0].MatchedBy);
    }

    [Fact]
    public void Failed_and_skipped_results_do_not_pass_and_a_rerun_pass_wins()
    {
        var g = Some.Guideline();
        var failed = new TestOutcome(new TestName(Some.CreateServer), null, TestStatus.Failed, "boom");
        Assert.False(ComplianceEvaluator.Evaluate(g, "compute", [TestOutcome.Passed(Some.ListFlavors), failed]).Compliant);
        var rerun = TestOutcome.Passed(Some.CreateServer);
        Assert.True(ComplianceEvaluator.Evaluate(g, "compute", [TestOutcome.Passed(Some.ListFlavors), failed, rerun]).Compliant);
    }

    [Fact]
    public void Results_outside_the_target_are_counted_as_unmatched()
    {
        var report = ComplianceEvaluator.Evaluate(Some.Guideline(), "object", [TestOutcome.Passed(Some.CreateContainer), TestOutcome.Passed(Some.ListFlavors)]);
        Assert.True(report.Compliant);
        Assert.Equal(1, report.UnmatchedResults);
    }

    [Fact]
    public void Official_2020_06_platform_is_compliant_with_exactly_its_counted_required_tests()
    {
        var g = InteropData.Load("2020.06.json");
        var counted = g.Tests(new TestListQuery("platform", [CapabilityStatus.Required], IncludeFlagged: false)).ToList();
        Assert.Equal(273, counted.Count);
        var all = counted.Select(t => TestOutcome.Passed(t.Test.Name.Value)).ToList();
        Assert.True(ComplianceEvaluator.Evaluate(g, "platform", all).Compliant);
        var withoutOne = all.Skip(1).ToList();
        var report = ComplianceEvaluator.Evaluate(g, "platform", withoutOne);
        Assert.False(report.Compliant);
        Assert.Contains(report.FailingRequired.SelectMany(c => c.Failing), f => f.Test.Name == counted[0].Test.Name);
    }

    [Fact]
    public void An_unknown_target_is_a_caller_error()
    {
        Assert.Throws<ArgumentException>(() => ComplianceEvaluator.Evaluate(Some.Guideline(), "dns", []));
    }
}
