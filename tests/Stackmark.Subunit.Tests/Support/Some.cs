using System.Text;

namespace Stackmark.Subunit.Tests.Support;

/// <summary>Object mother: realistic events and streams.</summary>
internal static class Some
{
    public static readonly DateTimeOffset Start = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

    public static string TempestId(int i) =>
        $"tempest.api.compute.servers.test_servers.ServersTestJSON.test_operation_{i}[id-{i:x8}-0000-4000-8000-000000000000,smoke]";

    /// <summary>A Tempest-shaped run: inprogress, attachment, final status; every 7th skips, every 11th fails.</summary>
    public static IEnumerable<SubunitEvent> TempestRun(int tests)
    {
        var clock = Start;
        for (var i = 0; i < tests; i++)
        {
            var id = TempestId(i);
            var route = (i % 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
            yield return new SubunitEvent { TestId = id, Status = SubunitStatus.InProgress, Timestamp = clock, RouteCode = route };
            clock = clock.AddMilliseconds(100 + i);
            var status = SubunitStatus.Success;
            if (i % 7 == 3)
            {
                status = SubunitStatus.Skip;
                yield return Attachment(id, "reason", "Feature not enabled") with { RouteCode = route };
            }
            else if (i % 11 == 5)
            {
                status = SubunitStatus.Fail;
                yield return Attachment(id, "traceback", "Traceback (most recent call last):\nAssertionError\n") with { RouteCode = route };
            }

            yield return new SubunitEvent
            {
                TestId = id, Status = status, Timestamp = clock, Tags = [$"worker-{i % 2}"], RouteCode = route,
            };
        }
    }

    public static SubunitEvent Attachment(string testId, string name, string text) => new()
    {
        TestId = testId,
        FileName = name,
        FileBytes = Encoding.UTF8.GetBytes(text),
        MimeType = "text/plain;charset=utf8",
        Eof = true,
    };

    public static async Task<byte[]> BytesAsync(IEnumerable<SubunitEvent> events)
    {
        using var buffer = new MemoryStream();
        var writer = new SubunitWriter(buffer, leaveOpen: true);
        await using (writer)
        {
            foreach (var e in events)
            {
                await writer.WriteAsync(e);
            }
        }

        return buffer.ToArray();
    }

    public static async Task<List<SubunitEvent>> EventsAsync(byte[] bytes) => await EventsAsync(new MemoryStream(bytes));

    public static async Task<List<SubunitEvent>> EventsAsync(Stream stream)
    {
        var events = new List<SubunitEvent>();
        await foreach (var e in SubunitReader.ReadAllAsync(stream))
        {
            events.Add(e);
        }

        return events;
    }

    /// <summary>Builds a packet around a hand-made body, with a correct length and CRC (one-byte length only).</summary>
    public static byte[] RawPacket(ushort flags, params byte[] fields)
    {
        var length = 1 + 2 + 1 + fields.Length + 4;
        Assert.True(length < 64);
        var packet = new byte[length];
        packet[0] = 0xB3;
        packet[1] = (byte)(flags >> 8);
        packet[2] = (byte)flags;
        packet[3] = (byte)length;
        fields.CopyTo(packet, 4);
        var crc = System.IO.Hashing.Crc32.HashToUInt32(packet.AsSpan(0, length - 4));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(length - 4), crc);
        return packet;
    }

    public static string Text(this SubunitEvent e) => Encoding.UTF8.GetString(e.FileBytes.Span);
}
