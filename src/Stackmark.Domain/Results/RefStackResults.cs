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
    public static ParseResult<RefStackResults> Parse(ReadOnlySpan<byte> utf8, string fileName)
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
