using Stackmark.Subunit.Tests.Support;

namespace Stackmark.Subunit.Tests;

/// <summary>Real-shaped Tempest streams: the committed fixture, and any real run dropped in /tmp/stackmark-fixtures.</summary>
public sealed class FixtureTests
{

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
        Assert.Equal("tempest.api.compute.servers.test_case_0.Case0TestJSON.test_operation_0[compute,id-00000000-0000-4000-8000-000000000000,network]", first.TestId);
        Assert.Equal(TimeSpan.FromMilliseconds(150), first.Duration);
    }

    // A real stream: Debian's Tempest 33 running the 2019.11 Platform required list on the devcloud (Keystone,
    // Swift, Glance only), so it has passes, a failure, class-level skips and log attachments.
    [Fact]
    public async Task A_real_tempest_stream_decodes_without_parser_failures_and_matches_subunit_stats()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Fixtures", "tempest-2019.11-platform-devcloud.subunit");
        await using var stream = File.OpenRead(file);
        var results = await SubunitTestResults.ReadAsync(stream);

        Assert.False(results.TryGetValue(SubunitEvent.ParserTestId, out _), "parser failures in a real stream");
        // The figures Debian's subunit-stats prints for this file.
        Assert.Equal((123, 81, 1, 41), (results.Total, results.Passed, results.Failed, results.Skipped));
        Assert.All(results.Tests.Where(t => t.Status == SubunitStatus.Skip), t => Assert.NotNull(t.Attachment("reason")));
        Assert.Contains(results.Tests, t => t.TestId == "setUpClass (tempest.api.compute.servers.test_create_server.ServersTestJSON)" && t.Status == SubunitStatus.Skip);
    }
}
