using System.Text.Json;
using System.Xml.Linq;
using Stackmark.Runner.Tests.Support;
using Stackmark.Subunit;
using Stackmark.Tests.Support;

namespace Stackmark.Runner.Tests;

/// <summary>
/// The three-way verdict in every output of a run, with a scripted Tempest whose pre-provisioned accounts lack a
/// second account: full-results.json, report.json, report.html, junit.xml and manifest.json all say incomplete and
/// what would complete it, and a cloud failure beside it still makes the run not compliant.
/// </summary>
public sealed class VerdictOutputTests : IDisposable
{
    private const string RenamedFlavors = "tempest.api.compute.flavors.test_flavors.FlavorsV3TestJSON.test_list_flavors";
    private static readonly string[] Listed =
    [
        $"{RenamedFlavors}[id-{Some.ListId},smoke]",
        $"{Some.CreateServer}[id-{Some.CreateId}]",
        $"{Some.HostName}[id-{Some.FlaggedId}]",
    ];

    // Tempest 33's PreProvisionedCredentialProvider with one account, asked for a second by the same class.
    private const string Insufficient = """
        Traceback (most recent call last):
          File "/usr/lib/python3/dist-packages/tempest/lib/common/preprov_creds.py", line 219, in _get_free_hash
            raise lib_exc.InvalidCredentials(msg)
        tempest.lib.exceptions.InvalidCredentials: Invalid Credentials
        Details: Insufficient number of users provided. ServersTestJSON have allocated all the credentials for this allocation request
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("stackmark-verdict").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(RunOutcome Outcome, string Dir)> RunAsync(ScriptedTempest tempest, CancellationToken ct = default)
    {
        var dir = Path.Combine(_dir, "run");
        var request = new RunRequest(Some.Guideline(), new TestListQuery("compute", [CapabilityStatus.Required]), dir, "[auth]\n", "[auth]\n", null, "cpid-1", 2);
        var outcome = await new RunEngine(tempest, TimeProvider.System).ExecuteAsync(request, plan => new RunProgress(plan), ct);
        return (outcome, dir);
    }

    private static JsonElement Json(string dir, string file) => JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, file))).RootElement;

    [Fact]
    public async Task A_run_short_of_accounts_is_incomplete_in_every_output_and_names_what_to_add()
    {
        var tempest = new ScriptedTempest(Listed) { ExitCode = 1 };
        tempest.Script[$"{Some.CreateServer}[id-{Some.CreateId}]"] = (SubunitStatus.Fail, Insufficient);

        var (outcome, dir) = await RunAsync(tempest);

        var create = outcome.Results.Single(r => r.Planned.Test.Name.Value == Some.CreateServer);
        Assert.Equal((TestStatus.Failed, NonPassCategory.Accounts), (create.Status, create.NonPass!.Category));
        Assert.Equal(ComplianceVerdict.Incomplete, outcome.Summary.Verdict);
        Assert.False(outcome.Summary.Compliant);
        string[] steps = ["1 test needs a second account (alternate credentials)"];
        Assert.Equal(steps, outcome.Summary.ToComplete);

        var full = Json(dir, RunEngine.Files.FullResults);
        Assert.Equal(("incomplete", false), (full.GetProperty("verdict").GetString(), full.GetProperty("compliant").GetBoolean()));
        Assert.Equal(steps, full.GetProperty("to_complete").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("incomplete", Json(dir, RunEngine.Files.Manifest).GetProperty("verdict").GetString());

        var report = Json(dir, RunEngine.Files.ReportJson);
        Assert.Equal("incomplete", report.GetProperty("verdict").GetString());
        Assert.Equal(steps, report.GetProperty("to_complete").EnumerateArray().Select(s => s.GetString()));
        var cap = report.GetProperty("capabilities").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "compute-servers-create");
        Assert.Equal("incomplete", cap.GetProperty("verdict").GetString());
        var failing = cap.GetProperty("failing").EnumerateArray().Single();
        Assert.Equal(("accounts", false), (failing.GetProperty("category").GetString(), failing.GetProperty("judged").GetBoolean()));

        var html = File.ReadAllText(Path.Combine(dir, RunEngine.Files.ReportHtml));
        Assert.Contains("class=\"verdict incomplete\"", html, StringComparison.Ordinal);
        Assert.Contains("<li>1 test needs a second account (alternate credentials)</li>", html, StringComparison.Ordinal);

        // CI reads junit.xml: the runner's miss is skipped with its category, never a failure of the cloud.
        var junit = XDocument.Load(Path.Combine(dir, RunEngine.Files.JUnit)).Root!;
        Assert.Equal(("incomplete", "0"), (junit.Attribute("verdict")!.Value, junit.Attribute("failures")!.Value));
        var suite = junit.Elements("testsuite").Single(s => s.Attribute("name")!.Value == "compute-servers-create");
        Assert.Equal("incomplete", suite.Element("properties")!.Elements("property").Single(p => p.Attribute("name")!.Value == "verdict").Attribute("value")!.Value);
        var skipped = suite.Elements("testcase").Single(t => t.Attribute("name")!.Value == "test_create_server").Element("skipped")!;
        Assert.StartsWith("accounts: needs a second account", skipped.Attribute("message")!.Value, StringComparison.Ordinal);

        // The run record reads back what the files say.
        var record = RunRecord.Parse(File.ReadAllBytes(Path.Combine(dir, RunEngine.Files.FullResults)), "full-results.json", File.ReadAllBytes(Path.Combine(dir, RunEngine.Files.ReportJson)), "report.json");
        Assert.True(record.Success, record.ToString());
        Assert.Equal(ComplianceVerdict.Incomplete, record.Value!.Verdict);
        Assert.Equal(steps, record.Value.ToComplete);
    }

    [Fact]
    public async Task A_cloud_failure_beside_a_missing_account_is_not_compliant_and_fails_in_junit()
    {
        var tempest = new ScriptedTempest(Listed) { ExitCode = 1 };
        tempest.Script[$"{Some.CreateServer}[id-{Some.CreateId}]"] = (SubunitStatus.Fail, Insufficient);
        tempest.Script[$"{RenamedFlavors}[id-{Some.ListId},smoke]"] = (SubunitStatus.Fail, "Traceback (most recent call last):\nAssertionError: 3 != 4");

        var (outcome, dir) = await RunAsync(tempest);

        Assert.Equal(ComplianceVerdict.NotCompliant, outcome.Summary.Verdict);
        Assert.Equal("not-compliant", Json(dir, RunEngine.Files.FullResults).GetProperty("verdict").GetString());
        Assert.Equal("not-compliant", Json(dir, RunEngine.Files.Manifest).GetProperty("verdict").GetString());
        var junit = XDocument.Load(Path.Combine(dir, RunEngine.Files.JUnit)).Root!;
        Assert.Equal(("not-compliant", "1"), (junit.Attribute("verdict")!.Value, junit.Attribute("failures")!.Value));
        // The account's miss is still listed: fixing the cloud alone would leave the run incomplete.
        Assert.Equal(["1 test needs a second account (alternate credentials)"], outcome.Summary.ToComplete);
    }

    [Fact]
    public async Task A_compliant_run_says_so_everywhere_with_nothing_to_complete()
    {
        var (outcome, dir) = await RunAsync(new ScriptedTempest(Listed));

        Assert.Equal(ComplianceVerdict.Compliant, outcome.Summary.Verdict);
        var full = Json(dir, RunEngine.Files.FullResults);
        Assert.Equal(("compliant", true, 0), (full.GetProperty("verdict").GetString(), full.GetProperty("compliant").GetBoolean(), full.GetProperty("to_complete").GetArrayLength()));
        Assert.Equal("compliant", XDocument.Load(Path.Combine(dir, RunEngine.Files.JUnit)).Root!.Attribute("verdict")!.Value);
    }

    [Fact]
    public async Task An_interrupted_run_is_incomplete_and_says_how_to_resume_it()
    {
        var tempest = new ScriptedTempest(Listed) { HangAfter = 1 };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        var (outcome, dir) = await RunAsync(tempest, cts.Token);

        Assert.True(outcome.Interrupted);
        Assert.Equal(ComplianceVerdict.Incomplete, outcome.Summary.Verdict);
        Assert.Contains(outcome.Summary.ToComplete, s => s.EndsWith($"stackmark run --resume {dir}", StringComparison.Ordinal));
        Assert.Equal("incomplete", Json(dir, RunEngine.Files.Manifest).GetProperty("verdict").GetString());
    }
}
