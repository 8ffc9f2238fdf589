using System.Buffers.Binary;
using System.Text;

namespace Stackmark.RefStack;

/// <summary>Writes the SSH wire encoding (RFC 4251 §5): length-prefixed <c>string</c> and <c>mpint</c>.</summary>
internal sealed class SshWireWriter
{
    private readonly MemoryStream _stream = new();

    public void WriteString(ReadOnlySpan<byte> value)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)value.Length);
        _stream.Write(length);
        _stream.Write(value);
    }

    public void WriteText(string value) => WriteString(Encoding.UTF8.GetBytes(value));

    /// <summary>
    /// Writes an unsigned big-endian integer as an mpint: leading zeros dropped, then one 0x00 added if the top bit
    /// is set so the value stays positive.
    /// </summary>
    public void WritePositiveMpint(ReadOnlySpan<byte> unsignedBigEndian)
    {
        var start = 0;
        while (start < unsignedBigEndian.Length && unsignedBigEndian[start] == 0)
        {
            start++;
        }

        var value = unsignedBigEndian[start..];
        if (!value.IsEmpty && (value[0] & 0x80) != 0)
        {
            var padded = new byte[value.Length + 1];
            value.CopyTo(padded.AsSpan(1));
            WriteString(padded);
        }
        else
        {
            WriteString(value);
        }
    }

    public byte[] ToArray() => _stream.ToArray();
}
