using Stackmark.Runner.Tests.Support;
using Stackmark.Tests.Support;

namespace Stackmark.Runner.Tests;

/// <summary>The load list gives Tempest the ids it runs by under the run's own tempest.conf, not those of the early listing.</summary>
public sealed class RunIdsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("stackmark-runids").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_test_whose_id_attributes_depend_on_the_configuration_is_run_by_its_configured_id()
    {
        // Listed before tempest.conf exists (Tempest's defaults: validation on, so "slow"), then under a conf without it.
        var tempest = new ScriptedTempest([$"{Some.CreateContainer}[id-{Some.ObjectId},slow]"])
        {
            ListedWithConf = [$"{Some.CreateContainer}[id-{Some.ObjectId}]"],
        };
        var request = new RunRequest(Some.Guideline(), new TestListQuery("object", [CapabilityStatus.Required]), Path.Combine(_dir, "run"), "[validation]\nrun_validation = false\n", "", null, "cpid", 1);

        var outcome = await new RunEngine(tempest, TimeProvider.System).ExecuteAsync(request, plan => new RunProgress(plan), CancellationToken.None);

        Assert.Equal([$"{Some.CreateContainer}[id-{Some.ObjectId}]"], Assert.Single(tempest.Runs));
        Assert.Equal(TestStatus.Passed, outcome.Results.Single(r => r.Planned.Test.Name.Value == Some.CreateContainer).Status);
    }
}
