using System.Buffers.Binary;

namespace Stackmark.Server.Results;

/// <summary>
/// The keyset position after a listed run: its (created_at, id). Opaque to clients: base64url of the ticks and the
/// UUID bytes.
/// </summary>
internal readonly record struct ListCursor(DateTime CreatedAt, Guid Id)
{
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[24];
        BinaryPrimitives.WriteInt64BigEndian(bytes, CreatedAt.Ticks);
        Id.TryWriteBytes(bytes[8..], bigEndian: true, out _);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool TryParse(string text, out ListCursor cursor)
    {
        cursor = default;
        Span<byte> bytes = stackalloc byte[24];
        var b64 = text.Trim().Replace('-', '+').Replace('_', '/');
        b64 += new string('=', (4 - (b64.Length % 4)) % 4);
        if (b64.Length != 32 || !Convert.TryFromBase64String(b64, bytes, out var n) || n != 24)
        {
            return false;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        cursor = new ListCursor(new DateTime(ticks, DateTimeKind.Utc), new Guid(bytes[8..], bigEndian: true));
        return true;
    }
}
