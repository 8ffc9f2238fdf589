using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Stackmark.Json;

/// <summary>Parses UTF-8 JSON into <see cref="JNode"/>s with paths and offsets.</summary>
internal static class JParser
{
    // Deeper documents than any guideline are refused rather than risking stack exhaustion.
    private const int MaxDepth = 64;

    /// <summary>Parses a whole document; throws <see cref="JsonException"/> (with line and byte position) on bad JSON.</summary>
    public static JNode Parse(ReadOnlySpan<byte> utf8, LineMap lines)
    {
        try
        {
            return ParseDocument(utf8);
        }
        catch (InvalidOperationException e) when (e.InnerException is System.Text.DecoderFallbackException or null)
        {
            // Utf8JsonReader validates structure but leaves string transcoding to GetString, which throws here.
            var offset = e.InnerException is System.Text.DecoderFallbackException d ? d.Index : 0;
            throw new JsonException("a string is not valid UTF-8", "$", lines.LineOf(Math.Max(0, offset)) - 1, null, e);
        }
    }

    private static JNode ParseDocument(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read())
        {
            throw new JsonException("The document is empty.", "$", 0, 0);
        }

        var root = ReadValue(ref reader, "$");
        if (reader.Read())
        {
            throw new JsonException("Unexpected data after the end of the document.", "$", null, null);
        }

        return root;
    }

    private static JNode ReadValue(ref Utf8JsonReader reader, string path)
    {
        var offset = (int)reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var members = new List<KeyValuePair<string, JNode>>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = reader.GetString()!;
                    reader.Read();
                    members.Add(new(key, ReadValue(ref reader, Child(path, key))));
                }

                return new JObject(path, offset, members);
            case JsonTokenType.StartArray:
                var items = new List<JNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, path + "[" + items.Count.ToString(CultureInfo.InvariantCulture) + "]"));
                }

                return new JArray(path, offset, items);
            case JsonTokenType.String:
                return new JString(path, offset, reader.GetString()!);
            case JsonTokenType.Number:
                var isInteger = reader.TryGetInt64(out var l);
                var value = isInteger ? l : reader.TryGetDecimal(out var d) ? d : 0m;
                return new JNumber(path, offset, value, isInteger);
            case JsonTokenType.True:
            case JsonTokenType.False:
                return new JBool(path, offset, reader.GetBoolean());
            default:
                return new JNull(path, offset);
        }
    }

    /// <summary>The path of a member: dotted for plain identifiers, bracketed and quoted otherwise.</summary>
    public static string Child(string path, string key)
    {
        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                var sb = new StringBuilder(path.Length + key.Length + 4).Append(path).Append("[\"");
                foreach (var k in key)
                {
                    _ = k is '"' or '\\' ? sb.Append('\\').Append(k) : sb.Append(k);
                }

                return sb.Append("\"]").ToString();
            }
        }

        return key.Length == 0 ? path + "[\"\"]" : path + "." + key;
    }
}
