using System.Text.Json;
using Stackmark.Runner.Tests.Support;
using Stackmark.Subunit;
using Stackmark.Tests.Support;

namespace Stackmark.Runner.Tests;

/// <summary>The run engine with a scripted Tempest: planning, streaming, verdicts, outputs, interruption, reruns.</summary>
public sealed class RunEngineTests : IDisposable
{
    // What the installed Tempest lists: the flavors test under a new class name (same id), the rest as named.
    private const string RenamedFlavors = "tempest.api.compute.flavors.test_flavors.FlavorsV3TestJSON.test_list_flavors";
    private static readonly string[] Listed =
    [
        $"{RenamedFlavors}[id-{Some.ListId},smoke]",
        $"{Some.CreateServer}[id-{Some.CreateId}]",
        $"{Some.HostName}[id-{Some.FlaggedId}]",
        $"{Some.CreateContainer}[id-{Some.ObjectId}]",
        "tempest.api.compute.other.Other.test_unrelated[id-00000000-0000-4000-8000-000000000000]",
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("stackmark-run").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private RunRequest Request(string target = "compute", IReadOnlyDictionary<TestName, PriorResult>? rerunOf = null, string sub = "run") =>
        new(Some.Guideline(), new TestListQuery(target, [CapabilityStatus.Required]), Path.Combine(_dir, sub), "[identity]\npassword = s3cret\n", "[identity]\npassword = <redacted>\n", null, "cpid-123", 2, rerunOf);

    private static Task<RunOutcome> Run(ITempestRunner tempest, RunRequest request, CancellationToken ct = default) =>
        new RunEngine(tempest, TimeProvider.System).ExecuteAsync(request, plan => new RunProgress(plan), ct);

    [Fact]
    public async Task A_run_where_everything_passes_is_compliant_and_resolves_the_renamed_test_by_id()
    {
        var tempest = new ScriptedTempest(Listed);
        var outcome = await Run(tempest, Request());
        Assert.True(outcome.Report.Compliant);
        Assert.Equal(0, outcome.TempestExitCode);
        var flavors = outcome.Results.Single(r => r.Planned.Test.Name.Value == Some.ListFlavors);
        Assert.Equal((RenamedFlavors, MatchMethod.IdempotentId, TestStatus.Passed), (flavors.Planned.Resolved!.Value.Value, flavors.Planned.Method, flavors.Status));
        // The load list has exact ids of the planned tests only, flagged included (they run, but do not count).
        Assert.Equal(3, Assert.Single(tempest.Runs).Count);
        Assert.DoesNotContain(tempest.Runs[0], id => id.Contains("test_unrelated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_run_writes_every_output_file_with_consistent_content()
    {
        var outcome = await Run(new ScriptedTempest(Listed), Request());
        var dir = Path.Combine(_dir, "run");
        foreach (var f in new[] { RunEngine.Files.Subunit, RunEngine.Files.Results, RunEngine.Files.FullResults, RunEngine.Files.JUnit, RunEngine.Files.ReportJson, RunEngine.Files.ReportHtml, RunEngine.Files.Manifest, RunEngine.Files.TempestConf, RunEngine.Files.RedactedConf, RunEngine.Files.LoadList })
        {
            Assert.True(File.Exists(Path.Combine(dir, f)), f);
        }

        var results = RefStackResults.Parse(File.ReadAllBytes(Path.Combine(dir, RunEngine.Files.Results)), "results.json");
        Assert.True(results.Success, results.ToString());
        Assert.Equal("cpid-123", results.Value!.Cpid);
        Assert.Contains(results.Value.Passed, p => p.Name.Value == RenamedFlavors && p.Id == IdempotentId.Parse(Some.ListId));

        await using (var raw = File.OpenRead(Path.Combine(dir, RunEngine.Files.Subunit)))
        {
            var replay = await SubunitTestResults.ReadAsync(raw);
            Assert.Equal(3, replay.Passed);
        }

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, RunEngine.Files.Manifest)));
        Assert.Equal("cpid-123", manifest.RootElement.GetProperty("cpid").GetString());
        Assert.Equal(64, manifest.RootElement.GetProperty("sha256").GetProperty(RunEngine.Files.RedactedConf).GetString()!.Length);
        // The runner's own cost: Tempest's share of the wall, and this process's peak memory (the test host's here).
        var runner = manifest.RootElement.GetProperty("runner");
        Assert.InRange(runner.GetProperty("tempest_seconds").GetDouble(), 0, (outcome.Summary.FinishedAt - outcome.Summary.StartedAt).TotalSeconds + 0.05);
        using (var self = System.Diagnostics.Process.GetCurrentProcess())
        {
            Assert.InRange(runner.GetProperty("peak_memory_mb").GetDouble(), 1, self.PeakWorkingSet64 / 1048576.0 + 0.05);
        }

        Assert.DoesNotContain("s3cret", File.ReadAllText(Path.Combine(dir, RunEngine.Files.RedactedConf)), StringComparison.Ordinal);
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, RunEngine.Files.TempestConf)));
        }
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, RunEngine.Files.ReportJson)));
        Assert.True(report.RootElement.GetProperty("compliant").GetBoolean());
        Assert.Contains("testsuite name=\"compute-servers-create\"", File.ReadAllText(Path.Combine(dir, RunEngine.Files.JUnit)), StringComparison.Ordinal);
        Assert.Equal(outcome.Results.Count, JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, RunEngine.Files.FullResults))).RootElement.GetProperty("tests").GetArrayLength());
    }

    [Fact]
    public async Task Failures_and_skips_are_explained_and_make_the_run_not_compliant()
    {
        var tempest = new ScriptedTempest(Listed);
        tempest.Script[$"{Some.CreateServer}[id-{Some.CreateId}]"] = (SubunitStatus.Fail, "Traceback (most recent call last):\n  File \"x.py\", line 1, in f\ntempest.lib.exceptions.TimeoutException: Request timed out\nDetails: server abc failed to reach ACTIVE status");
        tempest.Script[$"{RenamedFlavors}[id-{Some.ListId},smoke]"] = (SubunitStatus.Skip, "Instance validation tests are disabled.");
        tempest.ExitCode = 1;
        var outcome = await Run(tempest, Request());
        Assert.False(outcome.Report.Compliant);
        var create = outcome.Results.Single(r => r.Planned.Test.Name.Value == Some.CreateServer);
        Assert.Equal(NonPassCategory.Timeout, create.NonPass!.Category);
        Assert.StartsWith("Details: server abc failed", create.NonPass.Reason, StringComparison.Ordinal);
        var flavors = outcome.Results.Single(r => r.Planned.Test.Name.Value == Some.ListFlavors);
        Assert.Equal((TestStatus.Skipped, NonPassCategory.GuestAccess), (flavors.Status, flavors.NonPass!.Category));
    }

    [Fact]
    public async Task A_per_test_limit_reaches_tempest_and_a_test_stopped_by_it_is_a_timeout()
    {
        var tempest = new ScriptedTempest(Listed);
        tempest.Script[$"{Some.CreateServer}[id-{Some.CreateId}]"] = (SubunitStatus.Fail,
            "Traceback (most recent call last):\n  File \"/usr/lib/python3/dist-packages/fixtures/_fixtures/timeout.py\", line 52, in signal_handler\n    raise TimeoutException()\nfixtures._fixtures.timeout.TimeoutException");
        var request = Request() with { TestTimeout = TimeSpan.FromSeconds(90) };
        var outcome = await Run(tempest, request);
        Assert.Equal(new TempestRunOptions(2, TimeSpan.FromSeconds(90)), Assert.Single(tempest.Options));
        var create = outcome.Results.Single(r => r.Planned.Test.Name.Value == Some.CreateServer);
        Assert.Equal(NonPassCategory.Timeout, create.NonPass!.Category);
        Assert.Contains("--test-timeout", create.NonPass.Reason, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(request.OutputDirectory, RunEngine.Files.Manifest)));
        Assert.Equal(90, manifest.RootElement.GetProperty("test_timeout_seconds").GetInt32());
    }

    [Fact]
    public async Task A_test_missing_from_tempest_is_reported_loudly_and_fails_its_capability()
    {
        var outcome = await Run(new ScriptedTempest(Listed.Where(l => !l.Contains(Some.CreateId, StringComparison.Ordinal)).ToList()), Request());
        var missing = Assert.Single(outcome.Plan.Missing);
        Assert.Equal(Some.CreateServer, missing.Test.Name.Value);
        Assert.Equal(NonPassCategory.NotInTempest, outcome.Results.Single(r => r.Planned == missing).NonPass!.Category);
        Assert.False(outcome.Report.Compliant);
    }

    [Fact]
    public async Task Stray_bytes_after_the_stream_do_not_lose_results()
    {
        var tempest = new ScriptedTempest(Listed) { Garbage = "Traceback: worker crashed\n\u00b3\u0000garbage"u8.ToArray() };
        var outcome = await Run(tempest, Request());
        Assert.Equal(3, outcome.Results.Count(r => r.Status == TestStatus.Passed));
    }

    [Fact]
    public async Task An_interrupted_run_keeps_the_finished_results_and_says_it_is_partial()
    {
        var tempest = new ScriptedTempest(Listed) { HangAfter = 1 };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var outcome = await Run(tempest, Request(), cts.Token);
        Assert.True(outcome.Interrupted);
        Assert.False(outcome.Summary.Compliant);
        Assert.Equal(1, outcome.Results.Count(r => r.Status == TestStatus.Passed));
        // The tests Tempest never reached are the stop's, not the runner's error nor the cloud's failure.
        Assert.All(outcome.Results.Where(r => r.Status != TestStatus.Passed), r => Assert.Equal(new NonPass(NonPassCategory.Interrupted, RunResults.NotRunInterrupted), r.NonPass));
        Assert.True(File.Exists(Path.Combine(_dir, "run", RunEngine.Files.FullResults)));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "run", RunEngine.Files.Manifest)));
        Assert.True(manifest.RootElement.GetProperty("interrupted").GetBoolean());
        Assert.Equal("cancelled", manifest.RootElement.GetProperty("interruption").GetProperty("cause").GetString());
    }

    [Fact]
    public async Task Rerun_failed_runs_only_the_failures_and_records_both_attempts()
    {
        var tempest = new ScriptedTempest(Listed);
        tempest.Script[$"{Some.CreateServer}[id-{Some.CreateId}]"] = (SubunitStatus.Fail, "AssertionError: flaky");
        var first = await Run(tempest, Request());
        Assert.False(first.Report.Compliant);

        tempest.Script.Clear();
        var prior = FullResultsJson.Read(File.OpenRead(Path.Combine(_dir, "run", RunEngine.Files.FullResults)));
        Assert.Equal(first.Results.Count, prior.Count);
        var second = await Run(tempest, Request(rerunOf: prior, sub: "rerun"));
        Assert.Equal([$"{Some.CreateServer}[id-{Some.CreateId}]"], tempest.Runs[1]);
        Assert.True(second.Report.Compliant);
        Assert.Equal(2, second.Results.Single(r => r.Planned.Test.Name.Value == Some.CreateServer).Attempts);
    }

    [Fact]
    public async Task Progress_decides_capabilities_as_their_tests_finish()
    {
        RunProgress? progress = null;
        var tempest = new ScriptedTempest(Listed);
        tempest.Script[$"{Some.CreateServer}[id-{Some.CreateId}]"] = (SubunitStatus.Fail, "AssertionError: no");
        await new RunEngine(tempest, TimeProvider.System).ExecuteAsync(Request(), plan => progress = new RunProgress(plan), CancellationToken.None);
        Assert.Equal((3, 2, 1, 0), (progress!.Done, progress.Passed, progress.Failed, progress.Skipped));
        Assert.Equal((2, 1, 1), (progress.Capabilities, progress.DecidedPassing, progress.DecidedFailing));
    }

    [Fact]
    public async Task A_skip_by_a_tempest_option_names_the_option_and_the_override_read_from_the_tempest_source()
    {
        var tempest = new ScriptedTempest(Listed) { SourceTree = Path.Combine(AppContext.BaseDirectory, "Fixtures", "tempest") };
        tempest.Script[$"{Some.CreateServer}[id-{Some.CreateId}]"] = (SubunitStatus.Skip, "Feature not enabled in tempest.conf");
        var outcome = await Run(tempest, Request());
        var create = outcome.Results.Single(r => r.Planned.Test.Name.Value == Some.CreateServer);
        Assert.Equal(NonPassCategory.TempestConfig, create.NonPass!.Category);
        Assert.Contains("[compute-feature-enabled] xenapi_apis", create.NonPass.Reason, StringComparison.Ordinal);
        Assert.Contains("--override compute-feature-enabled.xenapi_apis=true", create.NonPass.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_manifest_records_each_feature_flag_with_its_reason_and_the_planned_tests_it_gates()
    {
        var tempest = new ScriptedTempest(Listed) { SourceTree = Path.Combine(AppContext.BaseDirectory, "Fixtures", "tempest") };
        var flags = new[]
        {
            new OpenStack.FeatureFlagDecision("compute-feature-enabled.xenapi_apis", "true", OpenStack.FeatureFlagSource.Discovery, "nova is in the catalog"),
            new OpenStack.FeatureFlagDecision("compute-feature-enabled.resize", null, OpenStack.FeatureFlagSource.TempestDefault, "one host; --override compute-feature-enabled.resize=true would run them"),
        };
        var request = Request() with { Facts = new CloudFacts("c", "IdentityServiceId", ["nova"], false, [], [], flags) };

        await Run(tempest, request);

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(request.OutputDirectory, RunEngine.Files.Manifest)));
        var listed = manifest.RootElement.GetProperty("feature_flags").EnumerateArray().ToList();
        Assert.Equal(2, listed.Count);
        Assert.Equal(("compute-feature-enabled.xenapi_apis", "true", "discovery", "nova is in the catalog"),
            (listed[0].GetProperty("option").GetString(), listed[0].GetProperty("value").GetString(), listed[0].GetProperty("set_by").GetString(), listed[0].GetProperty("reason").GetString()));
        Assert.Equal([Some.CreateServer], listed[0].GetProperty("gates_planned_tests").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(JsonValueKind.Null, listed[1].GetProperty("value").ValueKind);
        Assert.Equal("tempest-default", listed[1].GetProperty("set_by").GetString());
        Assert.Empty(listed[1].GetProperty("gates_planned_tests").EnumerateArray());
    }

    [Fact]
    public async Task The_manifest_records_the_guest_validation_decision_with_its_reasons()
    {
        var plan = new OpenStack.GuestValidationPlan
        {
            Mode = OpenStack.GuestValidationMode.Auto,
            Enabled = true,
            Reason = "auto: compute and network are there",
            ConnectMethod = "fixed",
            Network = "rg-shared",
            NetworkReason = "the fixed address on shared network rg-shared: 10.77.0.0/24 overlaps 10.77.0.0/24",
            SshUser = "cirros",
            SshUserSource = "image cirros: os_distro=cirros (well-known distro table)",
            Image = new OpenStack.GuestOsImage("i1", "cirros", "cirros", "linux", null, "cirros", true),
            HypervisorTypes = ["QEMU"],
            TimeoutReason = "QEMU",
            Settings = [new OpenStack.ConfigOverride("validation", "connect_method", "fixed"), new OpenStack.ConfigOverride("compute", "build_timeout", "600")],
        };
        var request = Request() with { Facts = new CloudFacts("c", "IdentityServiceId", ["nova", "neutron"], true, [("cirros", "cirros", "linux")], ["QEMU"], [], plan) };

        await Run(new ScriptedTempest(Listed), request);

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(request.OutputDirectory, RunEngine.Files.Manifest)));
        var v = manifest.RootElement.GetProperty("validation");
        Assert.Equal(("auto", true, "fixed", "rg-shared"), (v.GetProperty("mode").GetString(), v.GetProperty("enabled").GetBoolean(), v.GetProperty("connect_method").GetString(), v.GetProperty("network").GetString()));
        Assert.Equal(("cirros", "image cirros: os_distro=cirros (well-known distro table)"), (v.GetProperty("ssh_user").GetString(), v.GetProperty("ssh_user_source").GetString()));
        Assert.Equal(("cirros", "linux"), (v.GetProperty("image").GetProperty("os_distro").GetString(), v.GetProperty("image").GetProperty("os_type").GetString()));
        Assert.Equal(["QEMU"], v.GetProperty("hypervisor_types").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal("600", v.GetProperty("settings").GetProperty("compute.build_timeout").GetString());
        Assert.True(manifest.RootElement.GetProperty("cloud").GetProperty("guest_validation").GetBoolean());
    }

    [Theory]
    [InlineData("Nova is not available", NonPassCategory.ServiceUnavailable)]
    [InlineData("Xen APIs not available.", NonPassCategory.TempestConfig)]
    public async Task A_service_switch_in_the_reason_wins_over_feature_flags_and_otherwise_the_flag_wins_over_wording(string reason, NonPassCategory expected)
    {
        var tempest = new ScriptedTempest(Listed) { SourceTree = Path.Combine(AppContext.BaseDirectory, "Fixtures", "tempest") };
        tempest.Script[$"{Some.CreateServer}[id-{Some.CreateId}]"] = (SubunitStatus.Skip, reason);
        var outcome = await Run(tempest, Request());
        Assert.Equal(expected, outcome.Results.Single(r => r.Planned.Test.Name.Value == Some.CreateServer).NonPass!.Category);
    }
}
