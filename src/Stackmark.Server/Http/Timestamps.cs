using System.Globalization;

namespace Stackmark.Server.Http;

/// <summary>RefStack renders and parses times as <c>YYYY-MM-DD HH:MM:SS</c>, UTC, without a zone.</summary>
internal static class Timestamps
{
    private const string Format = "yyyy-MM-dd HH:mm:ss";

    public static string Render(DateTime utc) => utc.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Parses <c>YYYY-MM-DD HH:MM:SS</c> or a bare <c>YYYY-MM-DD</c> (midnight).</summary>
    public static bool TryParse(string text, out DateTime utc)
    {
        var ok = DateTime.TryParseExact(text.Trim(), [Format, "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ"], CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out utc);
        utc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return ok;
    }

    /// <summary>Now, truncated to microseconds: PostgreSQL keeps no more, and keyset cursors must round-trip.</summary>
    public static DateTime Now(TimeProvider clock)
    {
        var t = clock.GetUtcNow().UtcDateTime;
        return new DateTime(t.Ticks - (t.Ticks % 10), DateTimeKind.Utc);
    }
}
