using Stackmark.Json;

namespace Stackmark;

public static partial class GuidelineLoader
{
    private static readonly HashSet<string> CapabilityKeys =
    [
        "achievements", "admin", "description", "project", "required-since", "required_since", "tests",
        "name", "status", "guidelines", "flagged",
    ];

    private static readonly HashSet<string> TestKeys = ["idempotent_id", "flagged", "flag", "aliases"];

    private static List<Capability> ReadCapabilities(LoadContext cx, JObject capsObj, string schema)
    {
        var capabilities = new List<Capability>(capsObj.Members.Count);
        var ids = new IdTracker();
        var testHomes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, node) in capsObj.Members)
        {
            var cap = cx.AsObject(node);
            foreach (var (key, value) in cap.Members)
            {
                // Typos that sit in official files from 2018.02 on.
                if (key == "acheivements")
                {
                    cx.Warn("key-typo", "\"acheivements\" is read as \"achievements\"", value);
                }
                else if (key == "descriptin")
                {
                    cx.Warn("key-typo", "\"descriptin\" is read as \"description\"", value);
                }
                else if (!CapabilityKeys.Contains(key))
                {
                    cx.Warn("unknown-key", $"unknown capability key \"{key}\" is ignored", value);
                }
            }

            var requiredSince = ReadRequiredSince(cx, cap, schema);
            var tests = schema == "1.2" ? ReadV12Tests(cx, cap) : ReadTests(cx, cap, ids);
            foreach (var t in tests)
            {
                if (testHomes.TryGetValue(t.Name.Value, out var other))
                {
                    cx.Warn("test-in-several-capabilities", $"test {t.Name} is listed by both {other} and {name}", cap["tests"]!);
                }
                else
                {
                    testHomes[t.Name.Value] = name;
                }
            }

            capabilities.Add(new Capability(
                new CapabilityId(name),
                cx.OptionalString(cap, "project"),
                cx.OptionalString(cap, "description") ?? cx.OptionalString(cap, "descriptin"),
                cx.OptionalBool(cap, "admin"),
                cap["achievements"] is not null ? cx.StringList(cap, "achievements") : cx.StringList(cap, "acheivements"),
                requiredSince,
                tests));
        }

        ids.ReportMixedForms(cx);
        return capabilities;
    }

    private static string? ReadRequiredSince(LoadContext cx, JObject cap, string schema)
    {
        var dashed = cap["required-since"];
        var underscored = cap["required_since"];
        var expected = schema == "2.0" ? "required_since" : "required-since";
        var used = dashed ?? underscored;
        if (used is null)
        {
            return null;
        }

        var usedKey = dashed is not null ? "required-since" : "required_since";
        if (usedKey != expected)
        {
            cx.Warn("required-since-spelling", $"\"{usedKey}\" in a {schema} file (the schema says \"{expected}\")", used);
        }

        var value = cx.OptionalString(cap, usedKey);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>1.2: tests are a name list, flags a parallel name list without reasons.</summary>
    private static List<GuidelineTest> ReadV12Tests(LoadContext cx, JObject cap)
    {
        var names = cx.StringList(cap, "tests");
        var flagged = cx.StringList(cap, "flagged").ToHashSet(StringComparer.Ordinal);
        foreach (var f in flagged.Where(f => !names.Contains(f)))
        {
            cx.Warn("flag-without-test", $"flagged test {f} is not among the capability's tests", cap["flagged"]!);
        }

        return [.. names.Distinct(StringComparer.Ordinal).Select(n => new GuidelineTest(
            new TestName(n), null, null, [],
            flagged.Contains(n) ? new Flag("flagged (schema 1.2 records no reason)", null, null) : null))];
    }

    private static List<GuidelineTest> ReadTests(LoadContext cx, JObject cap, IdTracker ids)
    {
        var testsNode = cap["tests"] ?? throw cx.Fail("capability has no \"tests\"", cap);
        if (testsNode is JArray)
        {
            throw cx.Fail("\"tests\" must map test names to {\"idempotent_id\": …} (a bare name list is schema 1.2)", testsNode);
        }

        var tests = cx.AsObject(testsNode);
        var list = new List<GuidelineTest>(tests.Members.Count);
        foreach (var (name, node) in tests.Members)
        {
            var t = cx.AsObject(node);
            WarnUnknownKeys(cx, t, TestKeys, "test");
            var rawId = cx.OptionalString(t, "idempotent_id");
            IdempotentId? id = null;
            if (string.IsNullOrWhiteSpace(rawId))
            {
                cx.Warn("missing-idempotent-id", $"test {name} has no idempotent_id; it can be matched by name only", t);
            }
            else if (IdempotentId.TryParse(rawId, out var parsed))
            {
                id = parsed;
                ids.Add(cx, parsed, rawId, name, t["idempotent_id"]!);
            }
            else if (rawId.Split(',') is [var first, ..] && IdempotentId.TryParse(first, out parsed))
            {
                // 2016.01 copied Tempest attributes along: "id-27fb…,smoke".
                cx.Warn("id-with-attributes", $"idempotent_id \"{rawId}\" carries test attributes after the UUID; the UUID is used", t["idempotent_id"]!);
                id = parsed;
                ids.Add(cx, parsed, first, name, t["idempotent_id"]!);
            }
            else
            {
                cx.Warn("invalid-idempotent-id", $"idempotent_id \"{rawId}\" of {name} is not a UUID; it can be matched by name only", t["idempotent_id"]!);
            }

            var aliases = cx.StringList(t, "aliases");
            foreach (var alias in aliases.Where(tests.Members.Select(m => m.Key).Contains))
            {
                cx.Warn("alias-collides", $"alias {alias} of {name} is also a test of its own in this capability", t["aliases"]!);
            }

            list.Add(new GuidelineTest(new TestName(name), id, rawId, [.. aliases.Select(a => new TestName(a))], ReadFlag(cx, t)));
        }

        return list;
    }

    private static Flag? ReadFlag(LoadContext cx, JObject test)
    {
        var node = test["flagged"];
        if (node is null && test["flag"] is { } schemaSpelling)
        {
            // The 2.0 schema names it "flag"; every official file and RefStack use "flagged".
            cx.Warn("flag-key", "\"flag\" is read as \"flagged\" (RefStack only recognises \"flagged\")", schemaSpelling);
            node = schemaSpelling;
        }

        switch (node)
        {
            case null or JNull or JBool { Value: false }:
                return null;
            case JObject f:
                return new Flag(cx.OptionalString(f, "reason") ?? "", cx.OptionalString(f, "action"), cx.OptionalString(f, "date"));
            case JString s:
                cx.Warn("flag-shape", "a flag should be {\"reason\", \"action\", \"date\"}; the text is taken as the reason", s);
                return new Flag(s.Value, null, null);
            default:
                cx.Warn("flag-shape", $"a flag should be {{\"reason\", \"action\", \"date\"}}, found {node.Kind}; the test is taken as flagged", node);
                return new Flag("", null, null);
        }
    }

    private static void CheckReferences(LoadContext cx, JObject top, List<Component> components, List<Capability> capabilities, List<Target> targets)
    {
        var componentsObj = (JObject)top["components"]!;
        var capsObj = (JObject)top["capabilities"]!;
        var programs = top["platforms"] ?? top["add-ons"] ?? top["platform"] ?? top;
        var defined = capabilities.Select(c => c.Id).ToHashSet();
        var referenced = new HashSet<CapabilityId>();
        foreach (var component in components)
        {
            foreach (var status in CapabilityStatuses.All)
            {
                foreach (var cap in component.With(status))
                {
                    referenced.Add(cap);
                    if (!defined.Contains(cap))
                    {
                        cx.Warn("undefined-capability", $"component {component.Name} lists {status.ToWord()} capability {cap}, which the file does not define; it counts as 0 tests", componentsObj[component.Name]!);
                    }
                }
            }
        }

        foreach (var cap in capabilities.Where(c => !referenced.Contains(c.Id)))
        {
            cx.Warn("unreferenced-capability", $"capability {cap.Id} is defined but no component lists it", capsObj[cap.Id.Value]!);
        }

        var componentNames = components.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            foreach (var c in target.Components.Where(c => c.Source is null && !componentNames.Contains(c.Name)))
            {
                throw cx.Fail($"program \"{target.Name}\" names component \"{c.Name}\", which the file does not define", programs);
            }
        }
    }

    /// <summary>Tracks idempotent ids: one id under several names, and the mix of <c>id-</c> and bare forms.</summary>
    private sealed class IdTracker
    {
        private readonly Dictionary<IdempotentId, string> _names = [];
        private readonly List<(JNode Node, bool Prefixed)> _forms = [];

        public void Add(LoadContext cx, IdempotentId id, string raw, string name, JNode node)
        {
            var trimmed = raw.Trim();
            _forms.Add((node, trimmed.StartsWith("id-", StringComparison.Ordinal)));
            if (trimmed.Any(char.IsAsciiLetterUpper))
            {
                cx.Warn("id-case", $"idempotent_id \"{raw}\" is not lowercase; it is compared without case", node);
            }

            if (_names.TryGetValue(id, out var other))
            {
                if (other != name)
                {
                    cx.Warn("id-under-several-names", $"idempotent id {id} belongs to both {other} and {name}", node);
                }
            }
            else
            {
                _names[id] = name;
            }
        }

        public void ReportMixedForms(LoadContext cx)
        {
            var prefixed = _forms.Count(f => f.Prefixed);
            if (prefixed == 0 || prefixed == _forms.Count)
            {
                return;
            }

            var minorityPrefixed = prefixed * 2 < _forms.Count;
            foreach (var (node, isPrefixed) in _forms.Where(f => f.Prefixed == minorityPrefixed))
            {
                cx.Warn("id-prefix-mixed", isPrefixed
                    ? "idempotent_id has the id- prefix where most of this file's ids are bare"
                    : "idempotent_id lacks the id- prefix that most of this file's ids have", node);
            }
        }
    }
}
