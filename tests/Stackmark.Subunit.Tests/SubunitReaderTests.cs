using System.Text;
using System.Text.RegularExpressions;
using Stackmark.Subunit.Tests.Support;

namespace Stackmark.Subunit.Tests;

public sealed partial class SubunitReaderTests
{
    private static readonly SubunitEvent First = new() { TestId = "a", Status = SubunitStatus.Success };
    private static readonly SubunitEvent Second = new() { TestId = "b", Status = SubunitStatus.Fail };

    [Fact]
    public async Task Reader_reports_bad_crc_as_parser_failure_and_keeps_going()
    {
        var first = SubunitWriter.ToBytes(First);
        var corrupt = SubunitWriter.ToBytes(Second);
        corrupt[^1] ^= 0xFF;

        var events = await Some.EventsAsync([.. first, .. corrupt, .. first]);

        Assert.Equal(4, events.Count);
        Assert.Equal(First, events[0]);
        AssertParserFailure(events[1], events[2], packetOffset: first.Length);
        Assert.Equal(corrupt, events[1].FileBytes.ToArray());
        Assert.Contains("Bad checksum", events[2].Text(), StringComparison.Ordinal);
        Assert.Equal(First, events[3]);
    }

    [Fact]
    public async Task Reader_keeps_packets_before_a_truncated_packet_and_names_its_offset()
    {
        var bytes = await Some.BytesAsync([First, Second, First]);
        var cut = bytes.AsSpan(0, bytes.Length - 3).ToArray();
        var reader = new SubunitReader(new MemoryStream(cut));

        var events = await reader.ReadAllAsync().ToListAsync();

        var thirdPacket = SubunitWriter.ToBytes(First).Length + SubunitWriter.ToBytes(Second).Length;
        Assert.Equal([First, Second], events.Take(2));
        Assert.Equal(4, events.Count);
        AssertParserFailure(events[2], events[3], thirdPacket);
        Assert.Contains("Truncated packet", events[3].Text(), StringComparison.Ordinal);
        Assert.Equal(new SubunitParseError(thirdPacket, cut.Length, events[3].Text()), reader.LastParseError);
        Assert.Equal(1, reader.ParseErrorCount);
    }

    [Fact]
    public async Task Reader_reports_a_stream_ending_inside_a_packet_header()
    {
        var events = await Some.EventsAsync([.. SubunitWriter.ToBytes(First), 0xB3, 0x29]);

        Assert.Equal(First, events[0]);
        AssertParserFailure(events[1], events[2], packetOffset: SubunitWriter.ToBytes(First).Length);
        Assert.Contains("inside its header", events[2].Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reader_turns_stray_output_into_stdout_attachments()
    {
        var packet = SubunitWriter.ToBytes(First);

        var events = await Some.EventsAsync([.. "hello\n"u8, .. packet, .. "bye"u8]);

        Assert.Equal(
            [
                new SubunitEvent { FileName = "stdout", FileBytes = "hello\n"u8.ToArray() },
                First,
                new SubunitEvent { FileName = "stdout", FileBytes = "bye"u8.ToArray() },
            ],
            events);
    }

    [Fact]
    public async Task Reader_treats_0xB3_inside_a_utf8_character_as_text()
    {
        // "³" is C2 B3: the B3 continues a character, so it is not a packet signature (v2.py tracks this too).
        var events = await Some.EventsAsync([.. "x³y"u8, .. SubunitWriter.ToBytes(First)]);

        Assert.Equal([new SubunitEvent { FileName = "stdout", FileBytes = "x³y"u8.ToArray() }, First], events);
    }

    [Theory]
    [InlineData(new byte[] { 0x02, (byte)'a', 0x00 }, "contains NUL byte")]
    [InlineData(new byte[] { 0x02, 0xC3, 0x28 }, "is not UTF8")]
    [InlineData(new byte[] { 0x09, (byte)'a' }, "extends past end of packet")]
    [InlineData(new byte[] { 0x40 }, "extends past end of packet")]
    public async Task Reader_is_strict_about_test_id_strings(byte[] field, string problem)
    {
        var packet = Some.RawPacket(SubunitFlags.Version2 | SubunitFlags.TestId, field);

        var events = await Some.EventsAsync(packet);

        AssertParserFailure(events[0], events[1], packetOffset: 0);
        Assert.Contains(problem, events[1].Text(), StringComparison.Ordinal);
        Assert.Contains("byte offset 4 ", events[1].Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reader_rejects_file_content_longer_than_the_packet()
    {
        var packet = Some.RawPacket(SubunitFlags.Version2 | SubunitFlags.FileContent, 0x01, (byte)'f', 0x05, (byte)'x');

        var events = await Some.EventsAsync(packet);

        Assert.Contains("File content at byte offset 6 extends past end of packet: claimed 5 bytes, 1 available", events[1].Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reader_rejects_a_tag_count_larger_than_the_packet()
    {
        var packet = Some.RawPacket(SubunitFlags.Version2 | SubunitFlags.Tags, 0xFF, 0xFF, 0xFF, 0xFF);

        var events = await Some.EventsAsync(packet);

        Assert.Contains("Tag count", events[1].Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reader_rejects_a_four_byte_packet_length()
    {
        var events = await Some.EventsAsync([0xB3, 0x21, 0x00, 0xC0, 0x00, 0x00, 0x08, .. SubunitWriter.ToBytes(First)]);

        Assert.Contains("4-byte number", events[1].Text(), StringComparison.Ordinal);
        Assert.Equal(First, events[2]);
    }

    [Fact]
    public async Task Reader_rejects_a_length_shorter_than_the_header()
    {
        var events = await Some.EventsAsync([0xB3, 0x21, 0x00, 0x03, .. SubunitWriter.ToBytes(First)]);

        Assert.Contains("shorter than the packet's own header", events[1].Text(), StringComparison.Ordinal);
        Assert.Equal(First, events[2]);
    }

    [Fact]
    public async Task Reader_rejects_versions_other_than_2()
    {
        var events = await Some.EventsAsync(Some.RawPacket(0x1100));

        Assert.Contains("Unsupported subunit version 1", events[1].Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reader_handles_packets_larger_than_its_initial_buffer()
    {
        var big = new SubunitEvent { TestId = "big", FileName = "log", FileBytes = Enumerable.Range(0, 3_000_000).Select(i => (byte)i).ToArray() };

        var events = await Some.EventsAsync(await Some.BytesAsync([First, big, Second]));

        Assert.Equal([First, big, Second], events);
    }

    [Fact]
    public async Task Reader_yields_nothing_for_an_empty_stream()
    {
        Assert.Empty(await Some.EventsAsync([]));
    }

    [Fact]
    public async Task Reader_throws_only_operation_cancelled_when_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await using var reader = new SubunitReader(new OneByteStream(SubunitWriter.ToBytes(First)));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await reader.ReadAsync(cancelled.Token));
    }

    [Fact]
    public async Task Reader_position_counts_consumed_bytes()
    {
        var bytes = await Some.BytesAsync([First, Second]);
        await using var reader = new SubunitReader(new MemoryStream(bytes));

        await reader.ReadAsync();

        Assert.Equal(SubunitWriter.ToBytes(First).Length, reader.Position);
    }

    internal static void AssertParserFailure(SubunitEvent packetData, SubunitEvent error, long packetOffset)
    {
        Assert.Equal(SubunitEvent.ParserTestId, packetData.TestId);
        Assert.Equal(SubunitEvent.PacketDataFileName, packetData.FileName);
        Assert.Equal("application/octet-stream", packetData.MimeType);
        Assert.True(error.IsParserFailure);
        Assert.Equal(SubunitEvent.ParserErrorFileName, error.FileName);
        Assert.Equal("text/plain;charset=utf8", error.MimeType);
        Assert.Contains($"packet at byte offset {packetOffset}", Encoding.UTF8.GetString(error.FileBytes.Span), StringComparison.Ordinal);
        Assert.Matches(OffsetPattern(), Encoding.UTF8.GetString(error.FileBytes.Span));
    }

    [GeneratedRegex(@"byte offset \d+")]
    internal static partial Regex OffsetPattern();
}
