using Stackmark.Tests.Support;

namespace Stackmark.EndToEnd.Tests;

/// <summary>One real Powered Storage 2019.11 run on the devcloud, shared by the tests that inspect and upload it.</summary>
public sealed class StorageRun
{
    private readonly Lazy<Task<(int Exit, string Out, string Err, string Dir)>> _run = new(async () =>
    {
        var dir = RunTests.NewRunDir();
        var (exit, output, err) = await DevCloud.StackmarkAsync("run", "--os-cloud", "devcloud-admin", "--guideline", "2019.11", "--target", "object", "--source", InteropData.Directory, "--out", dir, "--progress", "plain");
        return (exit, output, err, dir);
    });

    public Task<(int Exit, string Out, string Err, string Dir)> RunAsync() => _run.Value;
}

/// <summary>Tests on the devcloud share one storage run and never run in parallel (two cores, one cloud).</summary>
[CollectionDefinition(Name)]
public sealed class DevCloudCollection : ICollectionFixture<StorageRun>
{
    public const string Name = "devcloud";
}
