using Stackmark.Runner.Tests.Support;
using Stackmark.Tests.Support;

namespace Stackmark.Runner.Tests;

/// <summary>
/// The manifest RunEngine writes is the one <see cref="RunManifest"/> reads (what `stackmark upload` turns into the
/// result's guideline, target and region meta): writer and reader live in different projects, so this pins them together.
/// </summary>
public sealed class ManifestContractTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("stackmark-manifest").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("RegionTwo")]
    [InlineData("région \"2\"")]
    [InlineData(null)]
    public async Task The_manifest_written_for_a_run_reads_back_with_its_guideline_target_and_region(string? region)
    {
        var facts = new CloudFacts("devcloud", "IdentityServiceId", ["swift"], true, [("devcloud-guest-1", "debian", "linux"), ("bare", null, null)], ["QEMU"], Region: region);
        var request = new RunRequest(Some.Guideline(), new TestListQuery("object", [CapabilityStatus.Required]), Path.Combine(_dir, "run"),
            "[identity]\n", "[identity]\n", null, "cpid-1", 1, null) with { Facts = facts };

        await new RunEngine(new ScriptedTempest([$"{Some.CreateContainer}[id-{Some.ObjectId}]"]), TimeProvider.System)
            .ExecuteAsync(request, plan => new RunProgress(plan), CancellationToken.None);

        var path = Path.Combine(request.OutputDirectory, RunEngine.Files.Manifest);
        var manifest = RunManifest.Parse(File.ReadAllBytes(path), path);
        Assert.True(manifest.Success, manifest.ToString());
        // What upload sends as the measured meta is what the run wrote.
        var measured = new Stackmark.Regions.MeasuredCloud(region, ["QEMU"], [new("devcloud-guest-1", "debian", "linux"), new("bare", null, null)], true);
        Assert.Equal(new RunManifest(Some.Guideline().Id, "object", region) { Measured = measured }, manifest.Value);
    }
}
