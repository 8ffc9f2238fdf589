using System.Text.Json;

namespace Stackmark.Server.Http;

/// <summary>Reads request bodies by hand: raw bytes under a size cap, and small flat JSON objects with a fixed set of string keys.</summary>
internal static class RequestBody
{
    /// <summary>The body as bytes, or null when it exceeds <paramref name="max"/> bytes.</summary>
    public static async Task<byte[]?> ReadBytesAsync(HttpRequest request, long max, CancellationToken ct)
    {
        if (request.ContentLength > max)
        {
            return null;
        }

        using var buffer = new MemoryStream(request.ContentLength is { } n and > 0 ? (int)n : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Parses a JSON object whose members are all strings, allowing only <paramref name="required"/> and
    /// <paramref name="optional"/> keys; the error names what is wrong.
    /// </summary>
    public static async Task<(Dictionary<string, string>? Values, string? Error)> ReadStringObjectAsync(
        HttpRequest request, IReadOnlyCollection<string> required, IReadOnlyCollection<string> optional, CancellationToken ct)
    {
        var bytes = await ReadBytesAsync(request, 64 * 1024, ct);
        if (bytes is null)
        {
            return (null, "the body is larger than 64 KiB");
        }

        try
        {
            using var doc = JsonDocument.Parse(bytes);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "expected a JSON object");
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (!required.Contains(p.Name) && !optional.Contains(p.Name))
                {
                    return (null, $"unexpected key \"{p.Name}\" (allowed: {string.Join(", ", required.Concat(optional))})");
                }

                if (p.Value.ValueKind != JsonValueKind.String)
                {
                    return (null, $"\"{p.Name}\" must be a string");
                }

                values[p.Name] = p.Value.GetString()!;
            }

            var missing = required.Where(k => !values.ContainsKey(k)).ToList();
            return missing.Count > 0 ? (null, $"missing {string.Join(", ", missing.Select(k => $"\"{k}\""))}") : (values, null);
        }
        catch (JsonException e)
        {
            return (null, $"not valid JSON: {e.Message}");
        }
    }

    /// <summary>
    /// Parses a JSON object allowing only <paramref name="allowed"/> keys, with values of any JSON type (cloned, so they
    /// outlive the document); the error names what is wrong.
    /// </summary>
    public static async Task<(Dictionary<string, JsonElement>? Values, string? Error)> ReadJsonObjectAsync(
        HttpRequest request, IReadOnlyCollection<string> allowed, CancellationToken ct)
    {
        var bytes = await ReadBytesAsync(request, 64 * 1024, ct);
        if (bytes is null)
        {
            return (null, "the body is larger than 64 KiB");
        }

        try
        {
            using var doc = JsonDocument.Parse(bytes);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "expected a JSON object");
            }

            var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (!allowed.Contains(p.Name))
                {
                    return (null, $"unexpected key \"{p.Name}\" (allowed: {string.Join(", ", allowed)})");
                }

                if (!values.TryAdd(p.Name, p.Value.Clone()))
                {
                    return (null, $"duplicate key \"{p.Name}\"");
                }
            }

            return (values, null);
        }
        catch (JsonException e)
        {
            return (null, $"not valid JSON: {e.Message}");
        }
    }

    /// <summary>
    /// An optional string member: absent → (false, null); JSON null → (true, null); a string → (true, trimmed); anything
    /// else → an error. Refuses values longer than <paramref name="max"/> characters or unstorable in the databases.
    /// </summary>
    public static (bool Present, string? Value, string? Error) OptionalString(Dictionary<string, JsonElement> body, string key, int max)
    {
        if (!body.TryGetValue(key, out var e))
        {
            return (false, null, null);
        }

        if (e.ValueKind == JsonValueKind.Null)
        {
            return (true, null, null);
        }

        if (e.ValueKind != JsonValueKind.String)
        {
            return (true, null, $"\"{key}\" must be a string");
        }

        var s = e.GetString()!.Trim();
        return s.Length > max || !IsStorable(s)
            ? (true, null, $"\"{key}\" must be at most {max} characters, without NUL or lone surrogates")
            : (true, s, null);
    }

    /// <summary>
    /// Whether a string can be stored in both databases: PostgreSQL refuses NUL characters, and lone UTF-16 surrogates
    /// (JSON <c>"\ud800"</c>) cannot be encoded as UTF-8.
    /// </summary>
    public static bool IsStorable(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\0')
            {
                return false;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
}
