using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Stackmark.Subunit;

/// <summary>Encodes one <see cref="SubunitEvent"/> into packet bytes, byte for byte as python-subunit does.</summary>
/// <remarks>Wire format: https://github.com/testing-cabal/subunit/blob/main/python/subunit/v2.py (_write_packet).</remarks>
internal static class SubunitPacket
{
    /// <summary>Strict UTF-8: lone surrogates throw instead of silently becoming U+FFFD.</summary>
    internal static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The Unix epoch in ticks: subunit timestamps count seconds from it.</summary>
    internal static readonly long EpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    private const int MaxVarint = 0x3FFF_FFFF;

    /// <summary>The encoded size of <paramref name="value"/> as a subunit varint (1 to 4 bytes).</summary>
    internal static int VarintSize(int value) => value switch
    {
        < 0 => throw new ArgumentOutOfRangeException(nameof(value), value, "Subunit numbers are non-negative."),
        < 0x40 => 1,
        < 0x4000 => 2,
        < 0x40_0000 => 3,
        <= MaxVarint => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Too large for a subunit number."),
    };

    /// <summary>Writes a varint: the top two bits of the first byte give its size, the rest is big-endian.</summary>
    internal static int WriteVarint(Span<byte> destination, int value)
    {
        switch (VarintSize(value))
        {
            case 1:
                destination[0] = (byte)value;
                return 1;
            case 2:
                BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(value | 0x4000));
                return 2;
            case 3:
                destination[0] = (byte)((value >> 16) | 0x80);
                BinaryPrimitives.WriteUInt16BigEndian(destination[1..], (ushort)value);
                return 3;
            default:
                BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)value | 0xC000_0000);
                return 4;
        }
    }

    /// <summary>Encodes <paramref name="e"/> into a new array.</summary>
    /// <exception cref="ArgumentException">The event cannot be encoded; see <see cref="SubunitWriter"/>.</exception>
    internal static byte[] ToArray(SubunitEvent e)
    {
        var plan = Plan(e);
        var bytes = new byte[plan.Length];
        Write(e, plan, bytes);
        return bytes;
    }

    /// <summary>The sizes needed to encode an event, computed once before writing.</summary>
    internal readonly record struct Layout(int Length, int LengthSize, ushort Flags);

    /// <summary>Validates <paramref name="e"/> and computes its packet length and flags.</summary>
    internal static Layout Plan(SubunitEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Status is < SubunitStatus.Undefined or > SubunitStatus.XFail)
        {
            throw new ArgumentException($"Unknown status {(int)e.Status}.", nameof(e));
        }

        if (e.FileName is null && !e.FileBytes.IsEmpty)
        {
            throw new ArgumentException("FileBytes needs a FileName.", nameof(e));
        }

        var flags = (ushort)(SubunitFlags.Version2 | (ushort)e.Status);
        var size = 1 + 2 + 4; // signature, flags, CRC; the length varint is added below
        if (e.Timestamp is { } timestamp)
        {
            flags |= SubunitFlags.Timestamp;
            var (_, nanoseconds) = SplitTimestamp(timestamp);
            size += 4 + VarintSize(nanoseconds);
        }

        if (e.TestId is not null)
        {
            flags |= SubunitFlags.TestId;
            size += StringSize(e.TestId);
        }

        if (e.Tags.Count > 0)
        {
            flags |= SubunitFlags.Tags;
            size += VarintSize(e.Tags.Count);
            foreach (var tag in e.Tags)
            {
                size += StringSize(tag);
            }
        }

        if (e.Runnable)
        {
            flags |= SubunitFlags.Runnable;
        }

        if (!string.IsNullOrEmpty(e.MimeType))
        {
            flags |= SubunitFlags.MimeType;
            size += StringSize(e.MimeType);
        }

        if (e.FileName is not null)
        {
            flags |= SubunitFlags.FileContent;
            size += StringSize(e.FileName) + VarintSize(e.FileBytes.Length) + e.FileBytes.Length;
        }

        if (e.Eof)
        {
            flags |= SubunitFlags.Eof;
        }

        if (e.RouteCode is not null)
        {
            flags |= SubunitFlags.RouteCode;
            size += StringSize(e.RouteCode);
        }

        // Same thresholds as v2.py: the length counts itself, so pick the varint size that fits the final total.
        var lengthSize = size switch
        {
            <= 62 => 1,
            <= 16_381 => 2,
            <= 4_194_300 => 3,
            _ => throw new ArgumentException(
                $"Packet of {size} bytes exceeds the subunit limit of {SubunitFlags.MaxPacketLength}; split the file content.",
                nameof(e)),
        };
        return new Layout(size + lengthSize, lengthSize, flags);

        static int StringSize(string value)
        {
            if (value.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException("Subunit strings cannot contain NUL.", nameof(e));
            }

            var byteCount = StrictUtf8.GetByteCount(value);
            return VarintSize(byteCount) + byteCount;
        }
    }

    /// <summary>Writes the packet planned by <paramref name="layout"/> into <paramref name="destination"/>.</summary>
    internal static void Write(SubunitEvent e, Layout layout, Span<byte> destination)
    {
        var packet = destination[..layout.Length];
        packet[0] = SubunitFlags.Signature;
        BinaryPrimitives.WriteUInt16BigEndian(packet[1..], layout.Flags);
        var pos = 3 + WriteVarint(packet[3..], layout.Length);
        if (e.Timestamp is { } timestamp)
        {
            var (seconds, nanoseconds) = SplitTimestamp(timestamp);
            BinaryPrimitives.WriteUInt32BigEndian(packet[pos..], seconds);
            pos += 4;
            pos += WriteVarint(packet[pos..], nanoseconds);
        }

        if (e.TestId is not null)
        {
            pos += WriteString(packet[pos..], e.TestId);
        }

        if (e.Tags.Count > 0)
        {
            pos += WriteVarint(packet[pos..], e.Tags.Count);
            foreach (var tag in e.Tags)
            {
                pos += WriteString(packet[pos..], tag);
            }
        }

        if (!string.IsNullOrEmpty(e.MimeType))
        {
            pos += WriteString(packet[pos..], e.MimeType);
        }

        if (e.FileName is not null)
        {
            pos += WriteString(packet[pos..], e.FileName);
            pos += WriteVarint(packet[pos..], e.FileBytes.Length);
            e.FileBytes.Span.CopyTo(packet[pos..]);
            pos += e.FileBytes.Length;
        }

        if (e.RouteCode is not null)
        {
            pos += WriteString(packet[pos..], e.RouteCode);
        }

        // zlib's CRC-32 (what python's zlib.crc32 computes), stored big-endian like every other subunit number.
        BinaryPrimitives.WriteUInt32BigEndian(packet[pos..], Crc32.HashToUInt32(packet[..pos]));
    }

    /// <summary>Splits a timestamp into the wire's uint32 seconds and nanoseconds since the Unix epoch.</summary>
    internal static (uint Seconds, int Nanoseconds) SplitTimestamp(DateTimeOffset timestamp)
    {
        var ticks = timestamp.UtcTicks - EpochTicks;
        if (ticks < 0 || ticks / TimeSpan.TicksPerSecond > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(
                nameof(timestamp), timestamp, "Subunit timestamps are unsigned 32-bit seconds since 1970.");
        }

        return ((uint)(ticks / TimeSpan.TicksPerSecond), (int)(ticks % TimeSpan.TicksPerSecond * 100));
    }

    private static int WriteString(Span<byte> destination, string value)
    {
        var byteCount = StrictUtf8.GetByteCount(value);
        var pos = WriteVarint(destination, byteCount);
        return pos + StrictUtf8.GetBytes(value, destination[pos..]);
    }
}
