using System.Text.Json;
using Stackmark.Runner.Tests.Support;
using Stackmark.Tests.Support;

namespace Stackmark.Runner.Tests;

/// <summary>Tests the accounts cannot serve are not sent to Tempest, are recorded with their reason, and the manifest says why.</summary>
public sealed class NotServedTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("stackmark-notserved").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_test_the_accounts_cannot_serve_is_not_run_and_is_recorded_as_accounts()
    {
        var tempest = new ScriptedTempest([$"{Some.CreateContainer}[id-{Some.ObjectId}]", $"{Some.CreateServer}[id-{Some.CreateId}]"]);
        var why = new NonPass(NonPassCategory.Accounts, "not run: needs an account with role ResellerAdmin");
        var evidence = new AccountsEvidence([("demo@demo", ["member"], "private")], 1, 2, "1 account(s) serve 1 of the 2 workers asked for", ["an account with role ResellerAdmin"],
            [new UnservedClass("tempest.api.object_storage.test_container_services.ContainerTest", "needs reseller (ResellerAdmin)")]);
        var request = new RunRequest(Some.Guideline(), new TestListQuery("object", [CapabilityStatus.Required]), Path.Combine(_dir, "run"), "", "", "- username: demo\n", "cpid", 1,
            Withheld: new Dictionary<TestName, NonPass> { [new TestName(Some.CreateContainer)] = why })
        {
            Accounts = evidence,
        };

        var outcome = await new RunEngine(tempest, TimeProvider.System).ExecuteAsync(request, plan => new RunProgress(plan), CancellationToken.None);

        Assert.Empty(tempest.Runs.SelectMany(r => r));
        var result = outcome.Results.Single(r => r.Planned.Test.Name.Value == Some.CreateContainer);
        Assert.Equal((TestStatus.NotRun, why), (result.Status, result.NonPass));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(request.OutputDirectory, RunEngine.Files.Manifest)));
        var accounts = manifest.RootElement.GetProperty("accounts");
        Assert.Equal("demo@demo", accounts.GetProperty("accounts")[0].GetProperty("name").GetString());
        Assert.Equal("private", accounts.GetProperty("accounts")[0].GetProperty("network").GetString());
        Assert.Equal(1, accounts.GetProperty("concurrency").GetInt32());
        Assert.Equal("an account with role ResellerAdmin", accounts.GetProperty("missing")[0].GetString());
        Assert.DoesNotContain("password", manifest.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("\"accounts\"", File.ReadAllText(Path.Combine(request.OutputDirectory, RunEngine.Files.FullResults)), StringComparison.Ordinal);
    }
}
