using Stackmark.Subunit.Tests.Support;

namespace Stackmark.Subunit.Tests;

/// <summary>One packet per flag and field, produced by the real python-subunit (Golden/golden.py → golden.txt).</summary>
public sealed class GoldenBytesTests
{
    private static readonly Dictionary<string, byte[]> Golden = File.ReadAllLines(PythonSubunit.GoldenFile("golden.txt"))
        .Select(line => line.Split(' '))
        .ToDictionary(parts => parts[0], parts => Convert.FromHexString(parts[1]));

    private static readonly Dictionary<string, SubunitEvent> Cases = new()
    {
        ["empty"] = new SubunitEvent(),
        ["not_runnable"] = new SubunitEvent { Runnable = false },
        ["test_id"] = new SubunitEvent { TestId = "foo" },
        ["test_id_unicode"] = new SubunitEvent { TestId = "tëst³" },
        ["status_exists"] = new SubunitEvent { TestId = "t", Status = SubunitStatus.Exists },
        ["status_inprogress"] = new SubunitEvent { TestId = "t", Status = SubunitStatus.InProgress },
        ["status_success"] = new SubunitEvent { TestId = "t", Status = SubunitStatus.Success },
        ["status_uxsuccess"] = new SubunitEvent { TestId = "t", Status = SubunitStatus.UxSuccess },
        ["status_skip"] = new SubunitEvent { TestId = "t", Status = SubunitStatus.Skip },
        ["status_fail"] = new SubunitEvent { TestId = "t", Status = SubunitStatus.Fail },
        ["status_xfail"] = new SubunitEvent { TestId = "t", Status = SubunitStatus.XFail },
        ["timestamp"] = new SubunitEvent { Timestamp = new DateTimeOffset(2020, 6, 1, 12, 34, 56, 789, TimeSpan.Zero).AddTicks(120) },
        ["timestamp_whole_second"] = new SubunitEvent { Timestamp = new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.Zero) },
        ["tags"] = new SubunitEvent { Tags = ["worker-0"] },
        ["mime_type"] = new SubunitEvent { MimeType = "text/plain;charset=utf8" },
        ["file"] = new SubunitEvent { FileName = "traceback", FileBytes = "boom\n"u8.ToArray() },
        ["file_empty"] = new SubunitEvent { FileName = "reason" },
        ["eof"] = new SubunitEvent { FileName = "stdout", FileBytes = "x"u8.ToArray(), Eof = true },
        ["route_code"] = new SubunitEvent { RouteCode = "0/1" },
        ["length_62"] = FileEvent("f", Enumerable.Repeat((byte)'a', 51)),
        ["length_63"] = FileEvent("f", Enumerable.Repeat((byte)'a', 52)),
        ["length_2_bytes"] = FileEvent("f", Enumerable.Repeat((byte)'a', 53)),
        ["file_length_64"] = FileEvent("f", Enumerable.Range(0, 64).Select(i => (byte)i)),
        ["length_3_bytes"] = FileEvent("f", Enumerable.Repeat((byte)'z', 20000)),
        ["everything"] = new SubunitEvent
        {
            TestId = "tempest.api.compute.test_x.T.test_y[id-6f0a4e5b-1c2d-4e3f-8a9b-0c1d2e3f4a5b,smoke]",
            Status = SubunitStatus.Fail,
            Tags = ["worker-1"],
            FileName = "traceback",
            FileBytes = "Traceback (most recent call last):\n"u8.ToArray(),
            Eof = true,
            MimeType = "text/x-traceback;charset=utf8",
            RouteCode = "1",
            Timestamp = new DateTimeOffset(2024, 2, 29, 23, 59, 59, 999, TimeSpan.Zero).AddTicks(9990),
        },
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Fact]
    public void Every_golden_vector_has_a_case_and_every_case_a_golden_vector() =>
        Assert.Equal(Golden.Keys.Order(), Cases.Keys.Order());

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Writer_produces_the_golden_bytes(string name)
    {
        var bytes = await Some.BytesAsync([Cases[name]]);

        Assert.Equal(Convert.ToHexString(Golden[name]), Convert.ToHexString(bytes));
        Assert.Equal(Golden[name], SubunitWriter.ToBytes(Cases[name]));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Reader_decodes_the_golden_bytes(string name)
    {
        var events = await Some.EventsAsync(Golden[name]);

        Assert.Equal([Cases[name]], events);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Reader_decodes_the_golden_bytes_arriving_one_byte_at_a_time(string name)
    {
        var events = await Some.EventsAsync(new OneByteStream(Golden[name]));

        Assert.Equal([Cases[name]], events);
    }

    [SkippableFact]
    public async Task Golden_vectors_match_what_the_installed_python_subunit_writes()
    {
        PythonSubunit.Require(PythonSubunit.Python);

        var output = await PythonSubunit.RunTextAsync(PythonSubunit.Python, [], PythonSubunit.GoldenFile("golden.py"));

        Assert.Equal(
            File.ReadAllText(PythonSubunit.GoldenFile("golden.txt")).ReplaceLineEndings("\n"),
            output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Flags_constants_match_the_golden_everything_packet()
    {
        var flags = (ushort)((Golden["everything"][1] << 8) | Golden["everything"][2]);

        Assert.Equal(
            SubunitFlags.Version2 | SubunitFlags.TestId | SubunitFlags.RouteCode | SubunitFlags.Timestamp
            | SubunitFlags.Runnable | SubunitFlags.Tags | SubunitFlags.FileContent | SubunitFlags.MimeType
            | SubunitFlags.Eof | (ushort)SubunitStatus.Fail,
            flags);
    }

    private static SubunitEvent FileEvent(string name, IEnumerable<byte> bytes) =>
        new() { FileName = name, FileBytes = bytes.ToArray() };
}
