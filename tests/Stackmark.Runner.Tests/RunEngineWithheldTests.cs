using System.Text.Json;
using Stackmark.Runner.Tests.Support;
using Stackmark.Tests.Support;

namespace Stackmark.Runner.Tests;

/// <summary>Tests withheld before the run (an account that is not pristine): never given to Tempest, reported with their reason.</summary>
public sealed class RunEngineWithheldTests : IDisposable
{
    private static readonly string[] Listed =
    [
        $"{Some.ListFlavors}[id-{Some.ListId},smoke]",
        $"{Some.CreateServer}[id-{Some.CreateId}]",
        $"{Some.HostName}[id-{Some.FlaggedId}]",
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("stackmark-withheld").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Withheld_tests_are_left_out_of_the_load_list_and_carry_their_precondition()
    {
        var tempest = new ScriptedTempest(Listed);
        var why = new NonPass(NonPassCategory.Precondition, "not run: account demo@demo holds containers photos");
        var request = new RunRequest(Some.Guideline(), new TestListQuery("compute", [CapabilityStatus.Required]), Path.Combine(_dir, "run"), "[identity]\n", "[identity]\n", null, "cpid-1", 2,
            Withheld: new Dictionary<TestName, NonPass> { [new TestName(Some.CreateServer)] = why });

        var outcome = await new RunEngine(tempest, TimeProvider.System).ExecuteAsync(request, plan => new RunProgress(plan), CancellationToken.None);

        var loaded = Assert.Single(tempest.Runs);
        Assert.DoesNotContain(loaded, id => id.StartsWith(Some.CreateServer, StringComparison.Ordinal));
        Assert.Contains(loaded, id => id.StartsWith(Some.ListFlavors, StringComparison.Ordinal));
        var withheld = outcome.Results.Single(r => r.Planned.Test.Name.Value == Some.CreateServer);
        Assert.Equal((TestStatus.NotRun, why, 0), (withheld.Status, withheld.NonPass, withheld.Attempts));
        Assert.Equal(TestStatus.Passed, outcome.Results.Single(r => r.Planned.Test.Name.Value == Some.ListFlavors).Status);
        using var full = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "run", RunEngine.Files.FullResults)));
        var entry = full.RootElement.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("name").GetString() == Some.CreateServer);
        Assert.Equal(("precondition", why.Reason), (entry.GetProperty("category").GetString(), entry.GetProperty("reason").GetString()));
    }
}
