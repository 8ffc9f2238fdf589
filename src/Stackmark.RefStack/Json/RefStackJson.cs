using System.Buffers;
using System.Globalization;
using System.Text;

namespace Stackmark.RefStack;

/// <summary>
/// Writes a results document as the exact bytes refstack-client uploads (and signs): Python's <c>json.dumps</c>
/// with its defaults.
/// </summary>
/// <remarks>
/// The signature covers the body bytes, so the bytes are the contract: separators <c>", "</c> and <c>": "</c>, keys in
/// the order <c>cpid</c>, <c>duration_seconds</c>, <c>results</c>, each result <c>{"name": …, "uuid": …}</c> with
/// <c>uuid</c> only when known, and <c>ensure_ascii</c> escaping (everything outside printable ASCII as lowercase
/// <c>\uXXXX</c>, astral characters as surrogate pairs). See
/// https://docs.python.org/3/library/json.html#json.dumps and refstack-client's <c>post_results</c>.
/// Stateless and thread-safe.
/// </remarks>
public static class RefStackJson
{
    /// <summary>The upload body for <paramref name="results"/>: every entry of <see cref="RefStackResults.Passed"/>, in order.</summary>
    /// <returns>UTF-8 bytes (in fact pure ASCII).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="results"/> or its cpid or list is null.</exception>
    public static byte[] Serialize(RefStackResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(results.Cpid);
        ArgumentNullException.ThrowIfNull(results.Passed);

        var buffer = new ArrayBufferWriter<byte>(64 + (results.Passed.Count * 128));
        Ascii(buffer, "{\"cpid\": ");
        String(buffer, results.Cpid);
        Ascii(buffer, ", \"duration_seconds\": ");
        Ascii(buffer, results.DurationSeconds.ToString(CultureInfo.InvariantCulture));
        Ascii(buffer, ", \"results\": [");
        for (var i = 0; i < results.Passed.Count; i++)
        {
            var test = results.Passed[i];
            Ascii(buffer, i == 0 ? "{\"name\": " : ", {\"name\": ");
            String(buffer, test.Name.Value ?? throw new ArgumentException($"results.Passed[{i}] has no name.", nameof(results)));
            if (test.Id is { } id)
            {
                Ascii(buffer, ", \"uuid\": ");
                String(buffer, id.ToString());
            }

            Ascii(buffer, "}");
        }

        Ascii(buffer, "]}");
        return buffer.WrittenSpan.ToArray();
    }

    private static void Ascii(ArrayBufferWriter<byte> buffer, string text)
    {
        var span = buffer.GetSpan(text.Length);
        var written = Encoding.ASCII.GetBytes(text, span);
        buffer.Advance(written);
    }

    // CPython's py_encode_basestring_ascii: '"' and '\\' and the five short escapes, everything else outside
    // ' '..'~' as \uXXXX over UTF-16 code units (so astral characters become surrogate pairs, lone surrogates pass).
    private static void String(ArrayBufferWriter<byte> buffer, string value)
    {
        var span = buffer.GetSpan((value.Length * 6) + 2);
        var n = 0;
        span[n++] = (byte)'"';
        foreach (var c in value)
        {
            if (c is >= ' ' and <= '~' and not '"' and not '\\')
            {
                span[n++] = (byte)c;
                continue;
            }

            span[n++] = (byte)'\\';
            switch (c)
            {
                case '"': span[n++] = (byte)'"'; break;
                case '\\': span[n++] = (byte)'\\'; break;
                case '\n': span[n++] = (byte)'n'; break;
                case '\r': span[n++] = (byte)'r'; break;
                case '\t': span[n++] = (byte)'t'; break;
                case '\b': span[n++] = (byte)'b'; break;
                case '\f': span[n++] = (byte)'f'; break;
                default:
                    span[n++] = (byte)'u';
                    ((int)c).TryFormat(span[n..], out var hex, "x4", CultureInfo.InvariantCulture);
                    n += hex;
                    break;
            }
        }

        span[n++] = (byte)'"';
        buffer.Advance(n);
    }
}
