using System.Text;
using System.Text.Unicode;

namespace Stackmark.Subunit;

/// <summary>A small direct-mapped cache of decoded strings keyed by their UTF-8 bytes.</summary>
/// <remarks>
/// Tempest repeats each test id in two to four consecutive packets, and tags, file names and MIME types come from a
/// tiny set, so most strings are decoded once. Not thread-safe; one per reader.
/// </remarks>
internal sealed class Utf8StringCache
{
    private const int Slots = 256;
    private const int MaxCachedLength = 512;
    private readonly byte[]?[] _keys = new byte[Slots][];
    private readonly string[] _values = new string[Slots];

    /// <summary>Decodes <paramref name="utf8"/>, or returns null when it holds a NUL byte or is not valid UTF-8.</summary>
    public string? GetOrDecode(ReadOnlySpan<byte> utf8, out bool hasNul)
    {
        hasNul = false;
        if (utf8.Length > MaxCachedLength)
        {
            return Decode(utf8, out hasNul);
        }

        var hash = new HashCode();
        hash.AddBytes(utf8);
        var slot = hash.ToHashCode() & (Slots - 1);
        if (_keys[slot] is { } key && key.AsSpan().SequenceEqual(utf8))
        {
            return _values[slot];
        }

        var value = Decode(utf8, out hasNul);
        if (value is not null)
        {
            _keys[slot] = utf8.ToArray();
            _values[slot] = value;
        }

        return value;
    }

    private static string? Decode(ReadOnlySpan<byte> utf8, out bool hasNul)
    {
        // v2.py (_read_utf8) rejects NUL and anything its strict UTF-8 decoder rejects, surrogates included.
        hasNul = utf8.Contains((byte)0);
        return hasNul || !Utf8.IsValid(utf8) ? null : Encoding.UTF8.GetString(utf8);
    }
}
