using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Community;

/// <summary>
/// <c>stackmark scoring deployed</c> end to end against a real registry, through <see cref="StackmarkCli"/>.
/// </summary>
public sealed class DeployedCommandTests(SqliteRegistry registry) : IClassFixture<SqliteRegistry>
{
    private static readonly Guideline G = Interop.Load("2020.06");
    private static readonly IReadOnlyList<TargetCapability> Caps = G.CapabilitiesOf("platform");
    private static readonly TargetCapability X = Caps.First(c => c.Tests.Count(t => !t.IsFlagged) >= 1 && c.Status == CapabilityStatus.Required);
    private static readonly TargetCapability Y = Caps.First(c => c.Id != X.Id && c.Tests.Any(t => !t.IsFlagged) && !c.Tests.Any(t => X.Tests.Any(x => x.Name == t.Name)));

    [SkippableFact]
    public async Task Sets_the_deployed_column_from_the_registry_and_recomputes_changed_lines()
    {
        registry.RequireServer();
        var run = StackmarkCli.Load();
        var (_, _, key) = await registry.NewSignerAsync();
        static List<TestOutcome> Passing(params TargetCapability[] caps) =>
            [.. caps.SelectMany(c => c.Tests).Where(t => !t.IsFlagged).DistinctBy(t => t.Name).Select(t => new TestOutcome(t.Name, t.Id, TestStatus.Passed))];
        Assert.True((await registry.UploadAsync(new RefStackResults(Some.Cpid(), 60, Passing(X, Y)), key)).Success);
        Assert.True((await registry.UploadAsync(new RefStackResults(Some.Cpid(), 60, Passing(Y)), key)).Success);

        var dir = Directory.CreateTempSubdirectory("stackmark-deployed-");
        try
        {
            var sheet = Path.Combine(dir.FullName, "scoring.txt");
            await File.WriteAllTextAsync(sheet, $"""
                Compute
                -------
                {X.Id}: [0,1,1] [1,1,1] [1,1,0] [0,1,0] [1] [66]
                {Y.Id}: [0,1,1] [1,1,1] [1,1,0] [0,1,0] [1] [66]
                not-in-2020-06: [0,1,1] [1,1,1] [1,1,0] [0,1,0] [1] [66]

                """);
            var outFile = Path.Combine(dir.FullName, "out.txt");
            var registryUrl = registry.BaseUrl.ToString();

            // 75%: X (1 of 2 clouds) stays 0, Y (2 of 2) becomes 1 and its total 74 with a star (known core weights).
            var (code, stdout, stderr) = await run(["scoring", "deployed", sheet, "--registry", registryUrl, "--guideline", "2020.06", "--threshold", "0.75", "--out", outFile]);
            Assert.True(code == 0, stderr);
            var written = await File.ReadAllTextAsync(outFile);
            Assert.Contains($"{X.Id}: [0,1,1] [1,1,1] [1,1,0] [0,1,0] [1] [66]\n", written, StringComparison.Ordinal);
            Assert.Contains($"{Y.Id}: [1,1,1] [1,1,1] [1,1,0] [0,1,0] [1] [74]*\n", written, StringComparison.Ordinal);
            Assert.Contains("not-in-2020-06: [0,1,1] [1,1,1] [1,1,0] [0,1,0] [1] [66]\n", written, StringComparison.Ordinal);
            Assert.Contains("1 changed, 1 confirmed, 0 without data, 1 not in 2020.06 platform", stdout, StringComparison.Ordinal);

            // 50% (the default), to standard output: X becomes 1 too; the summary goes to standard error.
            (code, stdout, stderr) = await run(["scoring", "deployed", sheet, "--registry", registryUrl, "-g", "2020.06"]);
            Assert.True(code == 0, stderr);
            Assert.Contains($"{X.Id}: [1,1,1] [1,1,1] [1,1,0] [0,1,0] [1] [74]*\n", stdout, StringComparison.Ordinal);
            Assert.Contains($"{X.Id}: deployed 0 -> 1 (1/2 clouds), total 66 -> 74", stderr, StringComparison.Ordinal);
            Assert.Contains($"{X.Id}: [0,1,1] [1,1,1] [1,1,0] [0,1,0] [1] [66]\n", await File.ReadAllTextAsync(sheet), StringComparison.Ordinal); // input untouched

            (code, _, stderr) = await run(["scoring", "deployed", sheet, "--registry", registryUrl, "-g", "1999.01"]);
            Assert.Equal(2, code);
            Assert.Contains("404", stderr, StringComparison.Ordinal);

            (code, _, _) = await run(["scoring", "deployed", sheet, "--registry", registryUrl, "-g", "2020.06", "--threshold", "0"]);
            Assert.Equal(2, code);

            (code, _, stderr) = await run(["scoring", "deployed", sheet, "--registry", "http://127.0.0.1:1", "-g", "2020.06"]);
            Assert.Equal(3, code);
            Assert.Contains("unreachable", stderr, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
