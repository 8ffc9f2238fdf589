using System.Text.Json;
using Stackmark.Runner.Tests.Support;
using Stackmark.Subunit;
using Stackmark.Tests.Support;

namespace Stackmark.Runner.Tests;

/// <summary>
/// Class-level fixture errors and unreachable guests, on a subunit stream recorded from Tempest 33's own code
/// (Fixtures/recorded: SSH to a closed port, a tearDownClass Conflict, a setUpClass wait_for_ssh) and through the
/// engine with a scripted Tempest.
/// </summary>
public sealed class ClassErrorTests : IDisposable
{
    private const string Recorded = "recorded.test_guest.";
    private const string TearDownSecurityGroup = """
        Traceback (most recent call last):
          File "/usr/lib/python3/dist-packages/tempest/test.py", line 241, in tearDownClass
            raise value.with_traceback(trace)
          File "/usr/lib/python3/dist-packages/tempest/test.py", line 213, in tearDownClass
            teardown()
          File "/usr/lib/python3/dist-packages/tempest/test.py", line 579, in clear_credentials
            cls._creds_provider.clear_creds()
          File "/usr/lib/python3/dist-packages/tempest/lib/common/dynamic_creds.py", line 617, in clear_creds
            self._cleanup_default_secgroup(creds.tenant_id)
          File "/usr/lib/python3/dist-packages/tempest/lib/common/dynamic_creds.py", line 558, in _cleanup_default_secgroup
            nsg_client.delete_security_group(secgroup['id'])
          File "/usr/lib/python3/dist-packages/tempest/lib/services/network/security_groups_client.py", line 56, in delete_security_group
            return self.delete_resource(uri)
          File "/usr/lib/python3/dist-packages/tempest/lib/common/rest_client.py", line 762, in _error_checker
            raise exceptions.Conflict(resp_body, resp=resp)
        tempest.lib.exceptions.Conflict: Conflict with state of target resource
        Details: {'type': 'SecurityGroupInUse', 'message': 'Security Group 3b1c6d0e-59a4-4d39-9f0e-2b7a5c1d8e44 in use.', 'detail': ''}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("stackmark-class").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // The sample guideline's compute tests, resolved to the recorded ids: the host-name test to the SSH timeout,
    // server creation to the class whose tear-down fails, and flavors to the class whose set-up waits for SSH.
    private static TestPlan RecordedPlan()
    {
        var plan = TestPlan.Create(Some.Guideline(), new TestListQuery("compute", [CapabilityStatus.Required]), Stackmark.Tempest.TempestListing.Parse([]));
        return new TestPlan([.. plan.Tests.Select(p => p with
        {
            Method = MatchMethod.Name,
            Resolved = new TestName(Recorded + (p.Test.Name.Value switch
            {
                Some.HostName => "ServersTestJSON.test_host_name_is_same_as_server_name",
                Some.CreateServer => "MultipleCreateTestJSON.test_multiple_create",
                _ => "ServersWaitSSHableTestJSON.test_list_servers",
            })),
        })]);
    }

    private static async Task<SubunitTestResults> ReadRecordedAsync()
    {
        await using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fixtures", "recorded", "guest-and-class-errors.subunit"));
        return await SubunitTestResults.ReadAsync(stream);
    }

    [Fact]
    public async Task A_guest_that_never_answers_ssh_is_a_timeout_with_the_consoles_last_lines()
    {
        var results = RunResults.Join(RecordedPlan(), await ReadRecordedAsync());

        var host = results.Single(r => r.Planned.Test.Name.Value == Some.HostName);
        Assert.Equal((TestStatus.Failed, NonPassCategory.Timeout), (host.Status, host.NonPass!.Category));
        Assert.StartsWith("guest unreachable: SSH to cirros@127.0.0.1 timed out", host.NonPass.Reason, StringComparison.Ordinal);
        Assert.Contains("console of server 5f1b2c3d-8e9f-4a0b-9c1d-2e3f4a5b6c7d", host.NonPass.Reason, StringComparison.Ordinal);
        Assert.EndsWith("use 'sudo' for root. | cirros login:", host.NonPass.Reason, StringComparison.Ordinal);

        // The set-up's wait ran outside Tempest's per-test log capture: no console, and the reason says so.
        var flavors = results.Single(r => r.Planned.Test.Name.Value == Some.ListFlavors);
        Assert.Equal((TestStatus.Failed, NonPassCategory.Timeout), (flavors.Status, flavors.NonPass!.Category));
        Assert.Equal("guest unreachable: the server never accepted SSH within [compute] build_timeout (waiters.wait_for_ssh); no console log was captured", flavors.NonPass.Reason);
    }

    [Fact]
    public async Task Fixture_errors_are_listed_apart_with_their_reason_and_a_tear_down_leaves_its_tests_results_alone()
    {
        var plan = RecordedPlan();
        var recorded = await ReadRecordedAsync();

        var results = RunResults.Join(plan, recorded);
        var errors = RunResults.ClassErrors(plan, recorded);

        Assert.Equal(TestStatus.Passed, results.Single(r => r.Planned.Test.Name.Value == Some.CreateServer).Status);
        Assert.Equal(2, errors.Count);
        var tearDown = errors.Single(e => e.Fixture == "tearDownClass");
        Assert.Equal(Recorded + "MultipleCreateTestJSON", tearDown.Scope);
        Assert.Equal(NonPassCategory.Failure, tearDown.NonPass.Category);
        Assert.Contains("SecurityGroupInUse", tearDown.NonPass.Reason, StringComparison.Ordinal);
        Assert.Equal((1, false), (tearDown.PlannedTests, tearDown.BeforeTests));
        Assert.Equal("after its 1 planned test(s) finished: their results stand", tearDown.Effect);
        var setUp = errors.Single(e => e.Fixture == "setUpClass");
        Assert.Equal((Recorded + "ServersWaitSSHableTestJSON", NonPassCategory.Timeout, true), (setUp.Scope, setUp.NonPass.Category, setUp.BeforeTests));
    }

    [Fact]
    public async Task Tempest_exiting_1_for_a_tear_down_error_does_not_cost_compliance_and_every_output_reports_it()
    {
        var tempest = new ScriptedTempest(
        [
            $"tempest.api.compute.flavors.test_flavors.FlavorsV2TestJSON.test_list_flavors[id-{Some.ListId}]",
            $"{Some.CreateServer}[id-{Some.CreateId}]",
            $"{Some.HostName}[id-{Some.FlaggedId}]",
        ]) { ExitCode = 1 };
        tempest.After.Add(("tearDownClass (tempest.api.compute.servers.test_create_server.ServersTestJSON)", SubunitStatus.Fail, TearDownSecurityGroup));
        var request = new RunRequest(Some.Guideline(), new TestListQuery("compute", [CapabilityStatus.Required]), Path.Combine(_dir, "run"), "[identity]\n", "[identity]\n", null, "cpid-1", 2);

        var outcome = await new RunEngine(tempest, TimeProvider.System).ExecuteAsync(request, plan => new RunProgress(plan), CancellationToken.None);

        Assert.Equal(1, outcome.TempestExitCode);
        Assert.True(outcome.Report.Compliant);
        var error = Assert.Single(outcome.ClassErrors);
        Assert.Equal((2, "tempest.api.compute.servers.test_create_server.ServersTestJSON"), (error.PlannedTests, error.Scope));

        using var full = JsonDocument.Parse(File.ReadAllText(Path.Combine(request.OutputDirectory, RunEngine.Files.FullResults)));
        var listed = Assert.Single(full.RootElement.GetProperty("class_errors").EnumerateArray());
        Assert.Equal("tearDownClass", listed.GetProperty("fixture").GetString());
        Assert.Equal("failure", listed.GetProperty("category").GetString());
        Assert.Contains("SecurityGroupInUse", listed.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(listed.GetProperty("counted").GetBoolean());
        Assert.Equal(3, full.RootElement.GetProperty("tests").GetArrayLength());
        Assert.All(full.RootElement.GetProperty("tests").EnumerateArray(), t => Assert.Equal("pass", t.GetProperty("status").GetString()));

        var html = File.ReadAllText(Path.Combine(request.OutputDirectory, RunEngine.Files.ReportHtml));
        Assert.Contains("Class-level errors (not counted)", html, StringComparison.Ordinal);
        Assert.Contains("tearDownClass (tempest.api.compute.servers.test_create_server.ServersTestJSON)", html, StringComparison.Ordinal);
        Assert.Contains("&#39;SecurityGroupInUse&#39;", html, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(request.OutputDirectory, RunEngine.Files.Manifest)));
        Assert.Equal(1, manifest.RootElement.GetProperty("class_errors").GetInt32());
    }
}
