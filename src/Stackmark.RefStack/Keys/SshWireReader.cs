using System.Buffers.Binary;
using System.Text;

namespace Stackmark.RefStack;

/// <summary>
/// Reads the SSH wire encoding (RFC 4251 §5): <c>uint32</c>, length-prefixed <c>string</c> and <c>mpint</c>.
/// </summary>
/// <remarks>Throws <see cref="FormatException"/> on a length past the end of the data.</remarks>
internal ref struct SshWireReader(ReadOnlySpan<byte> data)
{
    private ReadOnlySpan<byte> _rest = data;

    public readonly bool AtEnd => _rest.IsEmpty;

    public readonly ReadOnlySpan<byte> Remaining => _rest;

    public uint ReadUInt32()
    {
        if (_rest.Length < 4)
        {
            throw new FormatException("truncated: expected a 4-byte length");
        }

        var value = BinaryPrimitives.ReadUInt32BigEndian(_rest);
        _rest = _rest[4..];
        return value;
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || count > _rest.Length)
        {
            throw new FormatException($"truncated: a field claims {count} bytes, {_rest.Length} remain");
        }

        var value = _rest[..count];
        _rest = _rest[count..];
        return value;
    }

    public ReadOnlySpan<byte> ReadString()
    {
        var length = ReadUInt32();
        return ReadBytes(length > int.MaxValue ? -1 : (int)length);
    }

    public string ReadText() => Encoding.UTF8.GetString(ReadString());

    /// <summary>A non-negative mpint as unsigned big-endian bytes without leading zeros.</summary>
    public byte[] ReadPositiveMpint()
    {
        var raw = ReadString();
        if (!raw.IsEmpty && (raw[0] & 0x80) != 0)
        {
            throw new FormatException("an RSA integer is negative");
        }

        var start = 0;
        while (start < raw.Length && raw[start] == 0)
        {
            start++;
        }

        return raw[start..].ToArray();
    }
}
