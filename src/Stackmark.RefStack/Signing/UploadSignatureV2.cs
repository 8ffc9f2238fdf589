using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Stackmark.RefStack;

/// <summary>
/// Stackmark's version 2 upload signature: the bytes a client signs so that an upload cannot be replayed. RefStack's
/// version 1 signs the body only, so a captured upload can be sent again for ever.
/// </summary>
/// <remarks>
/// <para>
/// The client sends <c>X-Stackmark-Signature-Version: 2</c>, <c>X-Stackmark-Timestamp</c> (Unix seconds, decimal
/// digits), <c>X-Stackmark-Nonce</c> (16 to 128 characters of <c>A-Z a-z 0-9 - _</c>, fresh for every upload), and, as
/// in version 1, <c>X-Public-Key</c> (<c>ssh-rsa …</c>) and <c>X-Signature</c>: lowercase hex of the RSA PKCS#1 v1.5
/// SHA-256 signature over the UTF-8 bytes of <see cref="CanonicalString"/>.
/// </para>
/// <para>
/// The canonical string is six lines joined by a single LF (0x0A), with no trailing LF:
/// <c>stackmark-upload-v2</c>, the method in upper case, the request target exactly as sent (path and query, e.g.
/// <c>/v1/results/subunit?cpid=abc</c>), the timestamp header's text, the nonce header's text, and the lowercase hex
/// SHA-256 of the exact body bytes. The registry refuses a timestamp more than <see cref="MaxClockSkew"/> from its clock
/// (401) and a nonce it has seen before (409). Pure functions; thread-safe.
/// </para>
/// </remarks>
public static class UploadSignatureV2
{
    /// <summary>The header that selects the scheme; its value is <see cref="Version"/>.</summary>
    public const string VersionHeader = "X-Stackmark-Signature-Version";

    /// <summary>The header with the signing time in Unix seconds.</summary>
    public const string TimestampHeader = "X-Stackmark-Timestamp";

    /// <summary>The header with the one-time nonce.</summary>
    public const string NonceHeader = "X-Stackmark-Nonce";

    /// <summary>The value of <see cref="VersionHeader"/>.</summary>
    public const string Version = "2";

    /// <summary>The first line of the canonical string.</summary>
    public const string Label = "stackmark-upload-v2";

    /// <summary>The shortest nonce accepted.</summary>
    public const int MinNonceLength = 16;

    /// <summary>The longest nonce accepted.</summary>
    public const int MaxNonceLength = 128;

    /// <summary>How far the timestamp may be from the registry's clock, either way.</summary>
    public static TimeSpan MaxClockSkew { get; } = TimeSpan.FromMinutes(5);

    /// <summary>The text whose UTF-8 bytes are signed.</summary>
    /// <param name="method">The HTTP method, e.g. <c>POST</c> (upper-cased here).</param>
    /// <param name="requestTarget">The path and query exactly as sent, e.g. <c>/v1/results</c>.</param>
    /// <param name="timestamp">The <see cref="TimestampHeader"/> value, decimal Unix seconds.</param>
    /// <param name="nonce">The <see cref="NonceHeader"/> value.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <returns>The six lines joined by LF.</returns>
    public static string CanonicalString(string method, string requestTarget, string timestamp, string nonce, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(requestTarget);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        return string.Join('\n', Label, method.ToUpperInvariant(), requestTarget, timestamp, nonce, Convert.ToHexStringLower(SHA256.HashData(body)));
    }

    /// <summary>The UTF-8 bytes of <see cref="CanonicalString"/>: what <c>X-Signature</c> signs.</summary>
    /// <inheritdoc cref="CanonicalString" path="/param"/>
    /// <returns>The bytes to sign.</returns>
    public static byte[] CanonicalBytes(string method, string requestTarget, string timestamp, string nonce, ReadOnlySpan<byte> body) =>
        Encoding.UTF8.GetBytes(CanonicalString(method, requestTarget, timestamp, nonce, body));

    /// <summary>Renders a time as the <see cref="TimestampHeader"/> value.</summary>
    /// <param name="time">The signing time.</param>
    /// <returns>Decimal Unix seconds.</returns>
    public static string Timestamp(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>A fresh random nonce (32 characters of base64url).</summary>
    /// <returns>The nonce.</returns>
    public static string NewNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    /// <summary>Whether <paramref name="nonce"/> has an accepted length and alphabet.</summary>
    /// <param name="nonce">The header value.</param>
    /// <returns>True when accepted.</returns>
    public static bool IsValidNonce(string nonce) =>
        nonce.Length is >= MinNonceLength and <= MaxNonceLength && nonce.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Parses a <see cref="TimestampHeader"/> value: 1 to 12 decimal digits.</summary>
    /// <param name="text">The header value.</param>
    /// <param name="time">The time, when valid.</param>
    /// <returns>Whether it parsed.</returns>
    public static bool TryParseTimestamp(string text, out DateTimeOffset time)
    {
        time = default;
        if (text.Length is 0 or > 12 || !text.All(char.IsAsciiDigit) || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        time = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }
}
