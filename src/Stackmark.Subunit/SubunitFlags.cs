namespace Stackmark.Subunit;

/// <summary>The named bits of a subunit v2 packet's 16-bit flags field.</summary>
/// <remarks>
/// Values as in python-subunit's <c>subunit/v2.py</c>
/// (https://github.com/testing-cabal/subunit/blob/main/python/subunit/v2.py). The top nibble is the version, the low
/// three bits the <see cref="SubunitStatus"/>; bit <c>0x0008</c> is unused in v2 and ignored when read.
/// </remarks>
public static class SubunitFlags
{
    /// <summary>The first byte of every packet.</summary>
    public const byte Signature = 0xB3;

    /// <summary>The version nibble for v2 (<c>0x2</c> in the top four bits).</summary>
    public const ushort Version2 = 0x2000;

    /// <summary>Mask of the version nibble.</summary>
    public const ushort VersionMask = 0xF000;

    /// <summary>A test id follows.</summary>
    public const ushort TestId = 0x0800;

    /// <summary>A route code follows.</summary>
    public const ushort RouteCode = 0x0400;

    /// <summary>A timestamp follows.</summary>
    public const ushort Timestamp = 0x0200;

    /// <summary>The test is runnable (python-subunit's default).</summary>
    public const ushort Runnable = 0x0100;

    /// <summary>A tag list follows.</summary>
    public const ushort Tags = 0x0080;

    /// <summary>File content (name, length, bytes) follows.</summary>
    public const ushort FileContent = 0x0040;

    /// <summary>A MIME type follows.</summary>
    public const ushort MimeType = 0x0020;

    /// <summary>This packet ends the named file.</summary>
    public const ushort Eof = 0x0010;

    /// <summary>Mask of the <see cref="SubunitStatus"/> bits.</summary>
    public const ushort StatusMask = 0x0007;

    /// <summary>The largest total packet length: a three-byte varint (<c>2^22 - 1</c>, just under 4 MiB).</summary>
    public const int MaxPacketLength = 4_194_303;
}
