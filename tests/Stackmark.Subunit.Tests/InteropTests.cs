using System.Globalization;
using System.Text;
using System.Text.Json;
using Stackmark.Subunit.Tests.Support;

namespace Stackmark.Subunit.Tests;

/// <summary>Our writer against Debian's python-subunit tools, and our reader against python-subunit's own decoding.</summary>
public sealed class InteropTests
{
    private static readonly SubunitEvent[] Run = [.. Some.TempestRun(40)];

    [SkippableFact]
    public async Task Subunit_stats_counts_a_stream_from_our_writer()
    {
        PythonSubunit.Require(PythonSubunit.Tool("subunit-stats"));
        var bytes = await Some.BytesAsync(Run);
        var ours = await SubunitTestResults.ReadAsync(new MemoryStream(bytes));

        var stats = await PythonSubunit.RunTextAsync(PythonSubunit.Tool("subunit-stats"), bytes);

        Assert.Equal((40, 6, 3), (ours.Total, ours.Skipped, ours.Failed));
        Assert.Equal(
            $"Total tests:   {ours.Total,5}\nPassed tests:  {ours.Passed,5}\nFailed tests:  {ours.Failed,5}\nSkipped tests: {ours.Skipped,5}\nSeen tags: {string.Join(", ", ours.SeenTags)}\n",
            stats);
    }

    [SkippableFact]
    public async Task Subunit2csv_lists_every_test_from_our_writer_with_its_status()
    {
        PythonSubunit.Require(PythonSubunit.Tool("subunit2csv"));

        var csv = await PythonSubunit.RunTextAsync(PythonSubunit.Tool("subunit2csv"), await Some.BytesAsync(Run));

        var rows = csv.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(40, rows.Count);
        Assert.Equal(3, rows.Count(r => r.Contains(",failure,", StringComparison.Ordinal)));
        Assert.Equal(6, rows.Count(r => r.Contains(",skip,", StringComparison.Ordinal)));
        Assert.Contains($"\"{Some.TempestId(0)}\",success,2024-05-06 07:08:09+00:00,2024-05-06 07:08:09.100000+00:00", rows);
    }

    [SkippableFact]
    public async Task Subunit_2to1_converts_our_stream_to_v1_outcomes()
    {
        PythonSubunit.Require(PythonSubunit.Tool("subunit-2to1"));

        var v1 = await PythonSubunit.RunTextAsync(PythonSubunit.Tool("subunit-2to1"), await Some.BytesAsync(Run));

        Assert.Contains($"test: {Some.TempestId(1)}\n", v1, StringComparison.Ordinal);
        Assert.Contains($"successful: {Some.TempestId(1)}", v1, StringComparison.Ordinal);
        Assert.Contains($"skip: {Some.TempestId(3)} [", v1, StringComparison.Ordinal);
        Assert.Contains($"failure: {Some.TempestId(5)} [", v1, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Reader_decodes_what_subunit_1to2_produces()
    {
        PythonSubunit.Require(PythonSubunit.Tool("subunit-1to2"));
        var v1 = "time: 2024-05-06 07:08:09.000000Z\ntest: pkg.T.test_a[id-1,smoke]\ntime: 2024-05-06 07:08:10.500000Z\n"
            + "success: pkg.T.test_a[id-1,smoke]\ntest: pkg.T.test_b\nskip: pkg.T.test_b [\nnot enabled\n]\n";

        var v2 = await PythonSubunit.RunAsync(PythonSubunit.Tool("subunit-1to2"), Encoding.UTF8.GetBytes(v1));
        var results = await SubunitTestResults.ReadAsync(new MemoryStream(v2));

        Assert.True(results.TryGetValue("pkg.T.test_a[id-1,smoke]", out var a));
        Assert.Equal(SubunitStatus.Success, a.Status);
        Assert.Equal(TimeSpan.FromSeconds(1.5), a.Duration);
        Assert.True(results.TryGetValue("pkg.T.test_b", out var b));
        Assert.Equal(SubunitStatus.Skip, b.Status);
        Assert.Equal("not enabled\n", b.Attachment("reason")!.Text);
    }

    [SkippableFact]
    public async Task Reader_agrees_with_python_subunit_on_the_tempest_fixture()
    {
        PythonSubunit.Require(PythonSubunit.Python);
        var bytes = await File.ReadAllBytesAsync(PythonSubunit.FixtureFile("tempest-sample.subunit"));

        await AssertSameDecodingAsPythonAsync(bytes);
    }

    [SkippableFact]
    public async Task Reader_agrees_with_python_subunit_on_our_own_stream_with_stray_output_and_corruption()
    {
        PythonSubunit.Require(PythonSubunit.Python);
        var packets = await Some.BytesAsync(Run);
        var corrupt = SubunitWriter.ToBytes(Run[0]);
        corrupt[^2] ^= 1;

        await AssertSameDecodingAsPythonAsync([.. "noise ³\n"u8, .. packets, .. corrupt, .. "tail"u8]);
    }

    private static async Task AssertSameDecodingAsPythonAsync(byte[] bytes)
    {
        var python = await PythonSubunit.RunTextAsync(PythonSubunit.Python, bytes, PythonSubunit.GoldenFile("dump_events.py"));
        var pythonEvents = python.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(line)!)
            .Select(FromPython);
        var ours = await Some.EventsAsync(bytes);

        // Python cuts stray output wherever its pipe reads happen to end, and its parser messages carry no offset.
        Assert.Equal(Normalise(pythonEvents), Normalise(ours));
    }

    private static List<string> Normalise(IEnumerable<SubunitEvent> events)
    {
        var lines = new List<string>();
        foreach (var e in events)
        {
            var line = e.FileName == SubunitEvent.ParserErrorFileName
                ? $"parser error {e.Status}"
                : $"{e.TestId}|{e.Status}|{string.Join(",", e.Tags.Order(StringComparer.Ordinal))}|{e.Runnable}|{e.FileName}|{e.Eof}|{e.MimeType}|{e.RouteCode}|{e.Timestamp:O}|";
            var content = e.FileName == SubunitEvent.ParserErrorFileName ? "" : Convert.ToHexString(e.FileBytes.Span);
            if (e.TestId is null && e.FileName == SubunitEvent.StdoutFileName && lines.Count > 0 && lines[^1].StartsWith(line, StringComparison.Ordinal))
            {
                lines[^1] += content;
            }
            else
            {
                lines.Add(line + content);
            }
        }

        return lines;
    }

    private static SubunitEvent FromPython(Dictionary<string, JsonElement> e) => new()
    {
        TestId = e["id"].GetString(),
        Status = e["status"].GetString() switch
        {
            null => SubunitStatus.Undefined,
            "exists" => SubunitStatus.Exists,
            "inprogress" => SubunitStatus.InProgress,
            "success" => SubunitStatus.Success,
            "uxsuccess" => SubunitStatus.UxSuccess,
            "skip" => SubunitStatus.Skip,
            "fail" => SubunitStatus.Fail,
            "xfail" => SubunitStatus.XFail,
            var other => throw new InvalidOperationException(other),
        },
        Tags = [.. e["tags"].EnumerateArray().Select(t => t.GetString()!)],
        Runnable = e["runnable"].GetBoolean(),
        FileName = e["file"].GetString(),
        FileBytes = Convert.FromHexString(e["bytes"].GetString()!),
        Eof = e["eof"].GetBoolean(),
        MimeType = e["mime"].GetString(),
        RouteCode = e["route"].GetString(),
        Timestamp = e["time"].GetString() is { } time
            ? DateTimeOffset.ParseExact(time, "yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : null,
    };
}
