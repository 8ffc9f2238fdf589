using Stackmark.Subunit.Tests.Support;

namespace Stackmark.Subunit.Tests;

/// <summary>Real-shaped Tempest streams: the committed fixture, and any real run dropped in /tmp/stackmark-fixtures.</summary>
public sealed class FixtureTests
{
    private const string RealRuns = "/tmp/stackmark-fixtures";

    [Fact]
    public async Task The_tempest_fixture_folds_into_120_tests_with_reasons_tracebacks_and_durations()
    {
        await using var stream = File.OpenRead(PythonSubunit.FixtureFile("tempest-sample.subunit"));

        var results = await SubunitTestResults.ReadAsync(stream);

        Assert.Equal((120, 102, 6, 12), (results.Total, results.Passed, results.Failed, results.Skipped));
        Assert.Equal(["worker-0", "worker-1"], results.SeenTags);
        Assert.All(results.Tests, t => Assert.True(t.Duration > TimeSpan.Zero));
        Assert.All(results.Tests.Where(t => t.Status == SubunitStatus.Skip), t => Assert.Equal("Feature not enabled in tempest.conf", t.Attachment("reason")!.Text));
        Assert.All(results.Tests.Where(t => t.Status == SubunitStatus.Fail), t => Assert.StartsWith("Traceback", t.Attachment("traceback")!.Text, StringComparison.Ordinal));
        Assert.Equal("WARNING: stray runner output ³ on stdout\n", string.Concat(results.Output.Select(o => o.Text)));
        var first = results.Tests[0];
        Assert.Equal(new TempestTestId("tempest.api.compute.servers.test_case_0.Case0TestJSON.test_operation_0", "00000000-0000-4000-8000-000000000000"), TempestTestId.Parse(first.TestId));
        Assert.Equal(TimeSpan.FromMilliseconds(150), first.Duration);
    }

    [SkippableFact]
    public async Task Real_tempest_runs_decode_without_parser_failures()
    {
        var files = Directory.Exists(RealRuns) ? Directory.GetFiles(RealRuns, "*.subunit") : [];
        Skip.If(files.Length == 0, $"No real Tempest run in {RealRuns}");

        foreach (var file in files)
        {
            await using var stream = File.OpenRead(file);
            var results = await SubunitTestResults.ReadAsync(stream);

            Assert.False(results.TryGetValue(SubunitEvent.ParserTestId, out _), $"{file} has parser failures");
            Assert.NotEmpty(results.Tests);
            Assert.All(results.Tests.Where(t => t.Status == SubunitStatus.Skip), t => Assert.NotNull(t.Attachment("reason")));
        }
    }
}
