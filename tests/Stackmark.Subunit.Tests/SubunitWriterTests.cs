namespace Stackmark.Subunit.Tests;

public sealed class SubunitWriterTests
{
    [Fact]
    public void Writer_rejects_nul_in_strings() =>
        Assert.Throws<ArgumentException>(() => SubunitWriter.ToBytes(new SubunitEvent { TestId = "a\0b" }));

    [Fact]
    public void Writer_rejects_lone_surrogates() =>
        Assert.ThrowsAny<ArgumentException>(() => SubunitWriter.ToBytes(new SubunitEvent { TestId = "a\uD800" }));

    [Fact]
    public void Writer_rejects_file_bytes_without_a_file_name() =>
        Assert.Throws<ArgumentException>(() => SubunitWriter.ToBytes(new SubunitEvent { FileBytes = new byte[] { 1 } }));

    [Fact]
    public void Writer_rejects_timestamps_before_1970() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SubunitWriter.ToBytes(new SubunitEvent { Timestamp = new DateTimeOffset(1969, 12, 31, 0, 0, 0, TimeSpan.Zero) }));

    [Fact]
    public void Writer_rejects_packets_over_the_4_MiB_limit() =>
        Assert.Throws<ArgumentException>(() => SubunitWriter.ToBytes(new SubunitEvent { FileName = "f", FileBytes = new byte[SubunitFlags.MaxPacketLength] }));

    [Fact]
    public void Writer_omits_empty_tags_and_mime_type_like_python_subunit() =>
        Assert.Equal(SubunitWriter.ToBytes(new SubunitEvent()), SubunitWriter.ToBytes(new SubunitEvent { Tags = [], MimeType = "" }));

    [Fact]
    public async Task Writer_keeps_sub_microsecond_timestamps()
    {
        var e = new SubunitEvent { Timestamp = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.FromHours(2)).AddTicks(1) };

        var events = await Support.Some.EventsAsync(SubunitWriter.ToBytes(e));

        Assert.Equal(e, Assert.Single(events));
        Assert.Equal(TimeSpan.Zero, events[0].Timestamp!.Value.Offset);
    }

    [Fact]
    public async Task Writer_writes_nothing_for_an_invalid_event()
    {
        var stream = new MemoryStream();
        var writer = new SubunitWriter(stream, leaveOpen: true);

        await Assert.ThrowsAsync<ArgumentException>(async () => await writer.WriteAsync(new SubunitEvent { RouteCode = "\0" }));

        Assert.Equal(0, stream.Length);
    }
}
