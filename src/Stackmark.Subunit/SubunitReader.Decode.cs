using System.Buffers.Binary;
using System.IO.Hashing;

namespace Stackmark.Subunit;

public sealed partial class SubunitReader
{
    /// <summary>The size of a varint, from the top two bits of its first byte.</summary>
    internal static int VarintSizeFromFirstByte(byte first) => (first >> 6) + 1;

    /// <summary>The smallest packet with a length varint of <paramref name="lengthSize"/> bytes: header plus CRC.</summary>
    private static int MinimumLength(int lengthSize) => 3 + lengthSize + 4;

    /// <summary>Reads a 1- to 3-byte varint whose size is already known.</summary>
    private static int ReadLength(ReadOnlySpan<byte> varint) => varint.Length switch
    {
        1 => varint[0],
        2 => BinaryPrimitives.ReadUInt16BigEndian(varint) & 0x3FFF,
        _ => ((varint[0] & 0x3F) << 16) | BinaryPrimitives.ReadUInt16BigEndian(varint[1..]),
    };

    /// <summary>Checks and decodes the fully buffered packet at <c>_start</c>, then consumes it.</summary>
    private SubunitEvent DecodePacket(int length, int lengthSize)
    {
        var packetOffset = Position;
        var packet = _buffer.AsSpan(_start, length);
        var body = packet[..^4];
        var stored = BinaryPrimitives.ReadUInt32BigEndian(packet[^4..]);
        var computed = Crc32.HashToUInt32(body);
        if (stored != computed)
        {
            return Fail(
                length,
                packetOffset + length - 4,
                $"Bad checksum - calculated (0x{computed:x}), stored (0x{stored:x}) for packet at byte offset {packetOffset}");
        }

        var flags = BinaryPrimitives.ReadUInt16BigEndian(packet[1..]);
        if ((flags & SubunitFlags.VersionMask) != SubunitFlags.Version2)
        {
            return Fail(
                length,
                packetOffset + 1,
                $"Unsupported subunit version {flags >> 12} in packet at byte offset {packetOffset}; expected 2");
        }

        var fields = new FieldReader(body, 3 + lengthSize, packetOffset, _strings);
        var decoded = fields.TryDecode(flags);
        if (decoded is null)
        {
            return Fail(length, fields.ErrorOffset, fields.Error!);
        }

        _start += length;
        return decoded;
    }

    /// <summary>Decodes the optional fields of one CRC-checked packet body, in v2.py's order.</summary>
    private ref struct FieldReader(ReadOnlySpan<byte> body, int position, long packetOffset, Utf8StringCache strings)
    {
        private readonly ReadOnlySpan<byte> _body = body;
        private int _pos = position;

        public string? Error { get; private set; }

        public long ErrorOffset { get; private set; }

        public SubunitEvent? TryDecode(ushort flags)
        {
            DateTimeOffset? timestamp = null;
            if ((flags & SubunitFlags.Timestamp) != 0)
            {
                if (!TryReadUInt32(out var seconds) || !TryReadVarint(out var nanoseconds))
                {
                    return null;
                }

                timestamp = new DateTimeOffset(
                    SubunitPacket.EpochTicks + (seconds * TimeSpan.TicksPerSecond) + (nanoseconds / 100), TimeSpan.Zero);
            }

            string? testId = null;
            if ((flags & SubunitFlags.TestId) != 0 && !TryReadString("test id", out testId))
            {
                return null;
            }

            IReadOnlyList<string> tags = [];
            if ((flags & SubunitFlags.Tags) != 0)
            {
                var countOffset = _pos;
                if (!TryReadVarint(out var count))
                {
                    return null;
                }

                // Each tag takes at least one byte: refuse absurd counts before allocating for them.
                if (count > _body.Length - _pos)
                {
                    return Fault(countOffset, $"Tag count {count} at byte offset {{0}} exceeds the packet");
                }

                if (count > 0)
                {
                    var list = new string[count];
                    for (var i = 0; i < count; i++)
                    {
                        if (!TryReadString("tag", out list[i]!))
                        {
                            return null;
                        }
                    }

                    tags = list;
                }
            }

            string? mimeType = null;
            if ((flags & SubunitFlags.MimeType) != 0 && !TryReadString("MIME type", out mimeType))
            {
                return null;
            }

            string? fileName = null;
            ReadOnlyMemory<byte> fileBytes = default;
            if ((flags & SubunitFlags.FileContent) != 0)
            {
                if (!TryReadString("file name", out fileName))
                {
                    return null;
                }

                var lengthOffset = _pos;
                if (!TryReadVarint(out var fileLength))
                {
                    return null;
                }

                if (fileLength > _body.Length - _pos)
                {
                    return Fault(
                        lengthOffset,
                        $"File content at byte offset {{0}} extends past end of packet: claimed {fileLength} bytes, {_body.Length - _pos} available");
                }

                fileBytes = _body.Slice(_pos, fileLength).ToArray();
                _pos += fileLength;
            }

            string? routeCode = null;
            if ((flags & SubunitFlags.RouteCode) != 0 && !TryReadString("route code", out routeCode))
            {
                return null;
            }

            return new SubunitEvent
            {
                TestId = testId,
                Status = (SubunitStatus)(flags & SubunitFlags.StatusMask),
                Tags = tags,
                Runnable = (flags & SubunitFlags.Runnable) != 0,
                FileName = fileName,
                FileBytes = fileBytes,
                Eof = (flags & SubunitFlags.Eof) != 0,
                MimeType = mimeType,
                RouteCode = routeCode,
                Timestamp = timestamp,
            };
        }

        private bool TryReadUInt32(out uint value)
        {
            if (_body.Length - _pos < 4)
            {
                value = 0;
                Fault(_pos, "Timestamp at byte offset {0} extends past end of packet");
                return false;
            }

            value = BinaryPrimitives.ReadUInt32BigEndian(_body[_pos..]);
            _pos += 4;
            return true;
        }

        private bool TryReadVarint(out int value)
        {
            value = 0;
            if (_pos >= _body.Length)
            {
                Fault(_pos, "Number at byte offset {0} extends past end of packet");
                return false;
            }

            var size = VarintSizeFromFirstByte(_body[_pos]);
            if (_body.Length - _pos < size)
            {
                Fault(_pos, $"{size}-byte number at byte offset {{0}} extends past end of packet");
                return false;
            }

            var varint = _body.Slice(_pos, size);
            value = size == 4
                ? (int)(BinaryPrimitives.ReadUInt32BigEndian(varint) & 0x3FFF_FFFF)
                : ReadLength(varint);
            _pos += size;
            return true;
        }

        private bool TryReadString(string what, out string? value)
        {
            value = null;
            var start = _pos;
            if (!TryReadVarint(out var length))
            {
                return false;
            }

            if (length > _body.Length - _pos)
            {
                Fault(
                    start,
                    $"UTF8 {what} at byte offset {{0}} extends past end of packet: claimed {length} bytes, {_body.Length - _pos} available");
                return false;
            }

            value = strings.GetOrDecode(_body.Slice(_pos, length), out var hasNul);
            if (value is null)
            {
                Fault(start, hasNul ? $"UTF8 {what} at byte offset {{0}} contains NUL byte" : $"UTF8 {what} at byte offset {{0}} is not UTF8");
                return false;
            }

            _pos += length;
            return true;
        }

        /// <summary>Records an error; <c>{0}</c> in <paramref name="format"/> becomes the absolute byte offset.</summary>
        private SubunitEvent? Fault(int position, string format)
        {
            ErrorOffset = packetOffset + position;
            Error = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, ErrorOffset)
                + $" (packet at byte offset {packetOffset})";
            return null;
        }
    }
}
