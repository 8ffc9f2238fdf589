using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Stackmark.Json;

namespace Stackmark;

/// <summary>
/// Reads a file of approved flags, JSON or YAML, each entry with <c>test</c> (name or idempotent id),
/// <c>reason</c> (D400–D406), <c>rationale</c>, <c>date</c> (YYYY-MM-DD) and an optional <c>action</c>.
/// </summary>
/// <remarks>
/// JSON: an array of objects, or <c>{"flags": [...]}</c>. YAML: the same as a block list (<c>- test: …</c> then
/// indented <c>key: value</c> lines, values plain or quoted, <c># comments</c>), optionally under <c>flags:</c>; that
/// subset is all a flags file needs, and keeps the domain free of packages. Errors carry the line and column.
/// Thread-safe.
/// </remarks>
public static partial class FlagsFileParser
{
    private static readonly string[] Keys = ["test", "reason", "rationale", "date", "action"];

    /// <summary>Parses a flags file.</summary>
    /// <param name="utf8">The file's bytes.</param>
    /// <param name="fileName">Its name, for locations; <c>.json</c> or a leading <c>[</c>/<c>{</c> selects JSON.</param>
    public static TextParseResult<IReadOnlyList<ApprovedFlag>> Parse(ReadOnlySpan<byte> utf8, string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var text = Encoding.UTF8.GetString(utf8);
        var first = text.TrimStart().FirstOrDefault();
        return first is '[' or '{' || fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? ParseJson(utf8, fileName)
            : ParseYaml(text, fileName);
    }

    private sealed record Entry(TextLocation Location, Dictionary<string, (string Value, TextLocation At)> Fields);

    private static TextParseResult<IReadOnlyList<ApprovedFlag>> Fail(string message, TextLocation at) =>
        TextParseResult<IReadOnlyList<ApprovedFlag>>.Fail(message, at);

    private static TextParseResult<IReadOnlyList<ApprovedFlag>> Build(List<Entry> entries, string fileName)
    {
        var flags = new List<ApprovedFlag>();
        foreach (var e in entries)
        {
            foreach (var required in Keys.Take(4))
            {
                if (!e.Fields.TryGetValue(required, out var v) || string.IsNullOrWhiteSpace(v.Value))
                {
                    return Fail($"flag entry lacks \"{required}\" (needs test, reason, rationale, date)", e.Location);
                }
            }

            var (code, codeAt) = e.Fields["reason"];
            code = code.Trim().Trim('[', ']');
            if (!Flag.KnownReasonCodes.ContainsKey(code))
            {
                return Fail($"\"{code}\" is not a reason code (D400–D406: {string.Join(", ", Flag.KnownReasonCodes.Select(k => $"{k.Key} {k.Value}"))})", codeAt);
            }

            var (date, dateAt) = e.Fields["date"];
            if (!DatePattern().IsMatch(date.Trim()) || !DateOnly.TryParseExact(date.Trim(), "yyyy-MM-dd", out _))
            {
                return Fail($"\"{date}\" is not a date (YYYY-MM-DD)", dateAt);
            }

            var action = e.Fields.TryGetValue("action", out var a) && !string.IsNullOrWhiteSpace(a.Value) ? a.Value.Trim() : "Flagged";
            flags.Add(new ApprovedFlag(e.Fields["test"].Value.Trim(), code, e.Fields["rationale"].Value.Trim(), date.Trim(), action, e.Location));
        }

        return TextParseResult<IReadOnlyList<ApprovedFlag>>.Ok(flags);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DatePattern();

    private static TextParseResult<IReadOnlyList<ApprovedFlag>> ParseJson(ReadOnlySpan<byte> utf8, string fileName)
    {
        var lines = new LineMap(utf8);
        var bytes = utf8.ToArray();
        TextLocation At(int offset)
        {
            var line = lines.LineOf(offset);
            var start = Array.LastIndexOf(bytes, (byte)'\n', Math.Max(0, Math.Min(offset, bytes.Length) - 1)) + 1;
            return new TextLocation(fileName, line, offset - start + 1);
        }

        JNode root;
        try
        {
            root = JParser.Parse(utf8, lines);
        }
        catch (JsonException e)
        {
            var message = e.Message.Split(" Path:")[0];
            return Fail($"not valid JSON: {message}", new TextLocation(fileName, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1));
        }

        if (root is JObject obj)
        {
            if (obj["flags"] is not { } inner)
            {
                return Fail("expected an array of flags, or an object with \"flags\"", At(obj.Offset));
            }

            root = inner;
        }

        if (root is not JArray array)
        {
            return Fail($"expected an array of flags, found {root.Kind}", At(root.Offset));
        }

        var entries = new List<Entry>();
        foreach (var item in array.Items)
        {
            if (item is not JObject o)
            {
                return Fail($"a flag must be an object, found {item.Kind}", At(item.Offset));
            }

            var fields = new Dictionary<string, (string, TextLocation)>();
            foreach (var (key, value) in o.Members)
            {
                if (!Keys.Contains(key))
                {
                    return Fail($"unknown key \"{key}\" (known: {string.Join(", ", Keys)})", At(value.Offset));
                }

                if (value is not JString s)
                {
                    return Fail($"\"{key}\" must be a string, found {value.Kind}", At(value.Offset));
                }

                fields[key] = (s.Value, At(value.Offset));
            }

            entries.Add(new Entry(At(o.Offset), fields));
        }

        return Build(entries, fileName);
    }

    private static TextParseResult<IReadOnlyList<ApprovedFlag>> ParseYaml(string text, string fileName)
    {
        var entries = new List<Entry>();
        Entry? current = null;
        var itemIndent = -1;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var content = StripComment(line);
            if (content.Trim().Length == 0)
            {
                continue;
            }

            var indent = content.Length - content.TrimStart(' ').Length;
            if (content[indent] == '\t')
            {
                return Fail("tabs are not allowed for indentation in YAML", new TextLocation(fileName, i + 1, indent + 1));
            }

            var body = content[indent..];
            if (entries.Count == 0 && current is null && indent == 0 && body.TrimEnd() == "flags:")
            {
                continue;
            }

            var column = indent;
            if (body.StartsWith('-'))
            {
                if (body.Length > 1 && body[1] != ' ')
                {
                    return Fail("expected '- key: value'", new TextLocation(fileName, i + 1, indent + 1));
                }

                current = new Entry(new TextLocation(fileName, i + 1, indent + 1), []);
                entries.Add(current);
                itemIndent = indent;
                var rest = body[1..];
                column = indent + 1 + (rest.Length - rest.TrimStart(' ').Length);
                body = rest.TrimStart(' ');
                if (body.Length == 0)
                {
                    continue;
                }
            }
            else if (current is null || indent <= itemIndent)
            {
                return Fail("expected a list item '- test: …' (optionally under 'flags:')", new TextLocation(fileName, i + 1, indent + 1));
            }

            var colon = body.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || (colon + 1 < body.Length && body[colon + 1] != ' '))
            {
                return Fail("expected 'key: value'", new TextLocation(fileName, i + 1, column + 1));
            }

            var key = body[..colon].Trim();
            if (!Keys.Contains(key))
            {
                return Fail($"unknown key \"{key}\" (known: {string.Join(", ", Keys)})", new TextLocation(fileName, i + 1, column + 1));
            }

            var raw = body[(colon + 1)..];
            var valueColumn = column + colon + 2 + (raw.Length - raw.TrimStart(' ').Length);
            var at = new TextLocation(fileName, i + 1, valueColumn);
            if (!TryScalar(raw.Trim(), out var value, out var error))
            {
                return Fail(error!, at);
            }

            if (!current!.Fields.TryAdd(key, (value, at)))
            {
                return Fail($"\"{key}\" given twice in one flag", new TextLocation(fileName, i + 1, column + 1));
            }
        }

        return Build(entries, fileName);
    }

    private static string StripComment(string line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || line[i - 1] == ' '))
            {
                return line[..i];
            }
        }

        return line;
    }

    private static bool TryScalar(string raw, out string value, out string? error)
    {
        error = null;
        value = raw;
        if (raw.Length == 0 || (raw[0] != '"' && raw[0] != '\''))
        {
            return true;
        }

        var q = raw[0];
        if (raw.Length < 2 || raw[^1] != q)
        {
            error = $"unterminated {(q == '"' ? "double" : "single")}-quoted string";
            return false;
        }

        var inner = raw[1..^1];
        value = q == '\'' ? inner.Replace("''", "'", StringComparison.Ordinal) : inner.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        return true;
    }
}
