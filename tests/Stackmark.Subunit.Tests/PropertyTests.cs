using CsCheck;
using Stackmark.Subunit.Tests.Support;

namespace Stackmark.Subunit.Tests;

/// <summary>Round trip of random events, and arbitrary or damaged bytes that must never crash or hang the reader.</summary>
public sealed class PropertyTests
{
    private static readonly Gen<string> Text = Gen.Frequency(
        (9, Gen.String[Gen.Char["abc.[]()-_,= /é³中"], 0, 40]),
        (1, Gen.Const("emoji 😀 needs 4 bytes")));

    private static readonly Gen<SubunitEvent> Event =
        Gen.Select(
            Text.Null(0.3),
            Gen.Enum<SubunitStatus>(),
            Text.Array[0, 3],
            Gen.Bool,
            Text.Null(0.5),
            Gen.Byte.Array[0, 300],
            Gen.Bool,
            Text.Null(0.5),
            Text.Null(0.5),
            Gen.Long[0, uint.MaxValue * TimeSpan.TicksPerSecond].Nullable(0.3),
            (id, status, tags, runnable, fileName, bytes, eof, mime, route, ticks) => new SubunitEvent
            {
                TestId = id,
                Status = status,
                Tags = tags,
                Runnable = runnable,
                FileName = fileName,
                FileBytes = fileName is null ? default : bytes,
                Eof = eof,
                MimeType = string.IsNullOrEmpty(mime) ? null : mime,
                RouteCode = route,
                Timestamp = ticks is { } t ? DateTimeOffset.UnixEpoch.AddTicks(t) : null,
            });

    [Fact]
    public void Writer_then_reader_gives_back_the_same_events() =>
        Event.Array[0, 20].Sample(events =>
        {
            var bytes = Some.BytesAsync(events).GetAwaiter().GetResult();
            var read = Some.EventsAsync(bytes).GetAwaiter().GetResult();
            Assert.Equal(events, read);
        }, iter: 300);

    [Fact]
    public void Arbitrary_bytes_never_crash_or_hang_the_reader() =>
        Gen.Frequency((1, Gen.Byte), (1, Gen.Const((byte)0xB3)), (1, Gen.Byte[0, 0x45])).Array[0, 400]
            .Sample(bytes => AssertWellBehaved(bytes), iter: 2000);

    [Fact]
    public void Truncated_streams_keep_every_whole_packet_and_report_the_torn_one_with_its_offset() =>
        Gen.Select(Event.Array[1, 10], Gen.Int[0, 100]).Sample((events, percent) =>
        {
            var packets = events.Select(SubunitWriter.ToBytes).ToList();
            var bytes = packets.SelectMany(p => p).ToArray();
            var cut = bytes.Length * percent / 100;
            var read = Some.EventsAsync(bytes[..cut]).GetAwaiter().GetResult();

            var whole = 0;
            var boundary = 0;
            while (whole < packets.Count && boundary + packets[whole].Length <= cut)
            {
                boundary += packets[whole++].Length;
            }

            Assert.Equal(events.Take(whole), read.Take(whole));
            if (boundary == cut)
            {
                Assert.Equal(whole, read.Count);
            }
            else
            {
                Assert.Equal(whole + 2, read.Count);
                SubunitReaderTests.AssertParserFailure(read[^2], read[^1], packetOffset: boundary);
            }
        }, iter: 500);

    [Fact]
    public void A_damaged_byte_is_reported_after_every_packet_before_it() =>
        Gen.Select(Event.Array[1, 10], Gen.Int[0, int.MaxValue], Gen.Byte[1, 255]).Sample((events, position, xor) =>
        {
            var packets = events.Select(SubunitWriter.ToBytes).ToList();
            var bytes = packets.SelectMany(p => p).ToArray();
            var damaged = position % bytes.Length;
            bytes[damaged] ^= xor;

            var read = AssertWellBehaved(bytes);

            var whole = 0;
            var boundary = 0;
            while (boundary + packets[whole].Length <= damaged)
            {
                boundary += packets[whole++].Length;
            }

            Assert.Equal(events.Take(whole), read.Take(whole));
            var next = read[whole];
            Assert.True(
                next.TestId == SubunitEvent.ParserTestId || (next.TestId is null && next.FileName == SubunitEvent.StdoutFileName),
                $"Expected a parser failure or stray output after damage at byte {damaged}, got {next}");
        }, iter: 1000);

    /// <summary>Reads everything within a time bound; checks that every failure names an offset.</summary>
    private static List<SubunitEvent> AssertWellBehaved(byte[] bytes)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var read = Task.Run(() => Some.EventsAsync(new MemoryStream(bytes))).WaitAsync(timeout.Token).GetAwaiter().GetResult();
        Assert.True(read.Count <= (2 * bytes.Length) + 2, "More events than the bytes can hold");
        for (var i = 0; i < read.Count; i++)
        {
            if (read[i].IsParserFailure)
            {
                Assert.Equal(SubunitEvent.PacketDataFileName, read[i - 1].FileName);
                Assert.Matches(SubunitReaderTests.OffsetPattern(), read[i].Text());
            }
        }

        return read;
    }
}
