using System.Text.Json;
using Stackmark.Json;

namespace Stackmark;

/// <summary>
/// A results document in RefStack's upload format: <c>{"cpid", "duration_seconds", "results": [{"name", "uuid"?}]}</c>.
/// Only passed tests are listed.
/// </summary>
/// <param name="Cpid">The cloud's id (Keystone's identity service id, by refstack-client's rules).</param>
/// <param name="DurationSeconds">Wall-clock seconds of the run.</param>
/// <param name="Passed">The passed tests, de-duplicated by name.</param>
public sealed record RefStackResults(string Cpid, long DurationSeconds, IReadOnlyList<TestOutcome> Passed)
{
    /// <summary>The longest cpid RefStack's database column holds.</summary>
    public const int MaxCpidLength = 128;

    /// <summary>
    /// Parses and validates a results document, checking every entry (RefStack checked only the first).
    /// </summary>
    /// <returns>The document, or an error naming the file, JSON path and line.</returns>
    public static ParseResult<RefStackResults> Parse(ReadOnlySpan<byte> utf8, string fileName) =>
        ReadValid(utf8) is { } valid ? ParseResult<RefStackResults>.Ok(valid) : ParseWithLocations(utf8, fileName);

    /// <summary>
    /// The document when it is valid, read straight from the bytes (no tree, paths or line map: a registry reads
    /// hundreds of uploads a second); null for anything else, duplicate keys included, which
    /// <see cref="ParseWithLocations"/> then reports or decides.
    /// </summary>
    internal static RefStackResults? ReadValid(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? cpid = null;
            long? duration = null;
            List<TestOutcome>? passed = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("cpid"u8) && cpid is null)
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.GetString() is not { } raw || string.IsNullOrWhiteSpace(raw)
                        || (cpid = raw.Trim()).Length > MaxCpidLength)
                    {
                        return null;
                    }
                }
                else if (reader.ValueTextEquals("duration_seconds"u8) && duration is null)
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var seconds) || seconds < 0)
                    {
                        return null;
                    }

                    duration = seconds;
                }
                else if (reader.ValueTextEquals("results"u8) && passed is null)
                {
                    if ((passed = ReadValidResults(ref reader)) is null)
                    {
                        return null;
                    }
                }
                else
                {
                    return null;
                }
            }

            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() && cpid is not null && duration is { } d && passed is not null
                ? new RefStackResults(cpid, d, passed)
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Malformed JSON or a string that is not UTF-8: the located parse says where.
            return null;
        }
    }

    // The "results" array, valid and de-duplicated as ParseWithLocations does it, or null.
    private static List<TestOutcome>? ReadValidResults(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        var passed = new List<TestOutcome>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? name = null;
            IdempotentId? id = null;
            var hasUuid = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("name"u8) && name is null)
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.String || (name = reader.GetString()) is null || string.IsNullOrWhiteSpace(name))
                    {
                        return null;
                    }
                }
                else if (reader.ValueTextEquals("uuid"u8) && !hasUuid)
                {
                    hasUuid = true;
                    if (!reader.Read())
                    {
                        return null;
                    }

                    if (reader.TokenType == JsonTokenType.String && IdempotentId.TryParse(reader.GetString(), out var parsed))
                    {
                        id = parsed;
                    }
                    else if (reader.TokenType != JsonTokenType.Null)
                    {
                        return null;
                    }
                }
                else
                {
                    return null;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || name is null)
            {
                return null;
            }

            var (testName, attrId) = TestName.FromTempestId(name.Trim());
            if (names.Add(testName.Value))
            {
                passed.Add(new TestOutcome(testName, id ?? attrId, TestStatus.Passed));
            }
        }

        return reader.TokenType == JsonTokenType.EndArray && passed.Count > 0 ? passed : null;
    }

    /// <summary>The parse that builds a tree with paths and lines, so that an error can say where it is.</summary>
    internal static ParseResult<RefStackResults> ParseWithLocations(ReadOnlySpan<byte> utf8, string fileName)
    {
        var lines = new LineMap(utf8);
        JNode root;
        try
        {
            root = JParser.Parse(utf8, lines);
        }
        catch (JsonException e)
        {
            return ParseResult<RefStackResults>.Fail($"not valid JSON: {e.Message.Split(" Path:")[0]}", new SourceLocation(fileName, e.Path ?? "$", (int)(e.LineNumber ?? -1) + 1));
        }

        ParseResult<RefStackResults> Fail(string message, JNode node) =>
            ParseResult<RefStackResults>.Fail(message, new SourceLocation(fileName, node.Path, lines.LineOf(node.Offset)));

        if (root is not JObject top)
        {
            return Fail($"expected an object with cpid, duration_seconds and results, found {root.Kind}", root);
        }

        foreach (var (key, value) in top.Members)
        {
            if (key is not ("cpid" or "duration_seconds" or "results"))
            {
                return Fail($"unexpected key \"{key}\" (RefStack allows only cpid, duration_seconds and results)", value);
            }
        }

        if (top["cpid"] is not JString { Value: var rawCpid } || string.IsNullOrWhiteSpace(rawCpid))
        {
            return Fail("\"cpid\" must be a non-empty string", top["cpid"] ?? top);
        }

        var cpid = rawCpid.Trim();
        if (cpid.Length > MaxCpidLength)
        {
            return Fail($"\"cpid\" is longer than {MaxCpidLength} characters", top["cpid"]!);
        }

        if (top["duration_seconds"] is not JNumber { IsInteger: true, Value: >= 0 } duration)
        {
            return Fail("\"duration_seconds\" must be a whole number of seconds, 0 or more", top["duration_seconds"] ?? top);
        }

        if (top["results"] is not JArray { Items.Count: > 0 } results)
        {
            return Fail("\"results\" must be a non-empty list of {\"name\", \"uuid\"} objects (at least one passing test)", top["results"] ?? top);
        }

        var passed = new List<TestOutcome>(results.Items.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in results.Items)
        {
            if (item is not JObject entry)
            {
                return Fail($"expected {{\"name\", \"uuid\"}}, found {item.Kind}", item);
            }

            foreach (var (key, value) in entry.Members)
            {
                if (key is not ("name" or "uuid"))
                {
                    return Fail($"unexpected key \"{key}\" (a result has only name and uuid)", value);
                }
            }

            if (entry["name"] is not JString { Value: var name } || string.IsNullOrWhiteSpace(name))
            {
                return Fail("\"name\" must be a non-empty string", entry["name"] ?? entry);
            }

            IdempotentId? id = null;
            switch (entry["uuid"])
            {
                case null or JNull:
                    break;
                case JString s when IdempotentId.TryParse(s.Value, out var parsed):
                    id = parsed;
                    break;
                case var bad:
                    return Fail("\"uuid\" must be a UUID (e.g. e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59)", bad);
            }

            // A full Tempest id (name[attrs]) is accepted too; its id- attribute fills a missing uuid.
            var (testName, attrId) = TestName.FromTempestId(name.Trim());
            if (names.Add(testName.Value))
            {
                passed.Add(new TestOutcome(testName, id ?? attrId, TestStatus.Passed));
            }
        }

        return ParseResult<RefStackResults>.Ok(new RefStackResults(cpid, (long)duration.Value, passed));
    }
}
