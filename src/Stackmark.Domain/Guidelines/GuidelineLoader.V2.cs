using Stackmark.Json;

namespace Stackmark;

public static partial class GuidelineLoader
{
    private static readonly HashSet<string> V2TopKeys =
        ["metadata", "platforms", "add-ons", "components", "capabilities", "designated_sections", "test_repositories"];

    private static readonly Dictionary<string, string> CorePrograms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["OpenStack Powered Platform"] = "platform",
        ["OpenStack Powered Compute"] = "compute",
        ["OpenStack Powered Storage"] = "object",
    };

    /// <summary>Schema 2.0: <c>metadata</c>, <c>platforms</c> or <c>add-ons</c>, components with nested capabilities.</summary>
    private static Guideline BuildV2(JObject top, LoadContext cx, GuidelineId id, string? declaredId)
    {
        WarnUnknownKeys(cx, top, V2TopKeys, "top-level");
        var meta = cx.RequiredObject(top, "metadata");
        var criteria = new List<Criterion>();
        int? cutoff = null;
        if (cx.OptionalObject(meta, "scoring") is { } scoring)
        {
            cutoff = cx.OptionalInt(scoring, "cutoff_score");
            if (cx.OptionalObject(scoring, "criteria") is { } criteriaObj)
            {
                foreach (var (key, node) in criteriaObj.Members)
                {
                    var c = cx.AsObject(node);
                    criteria.Add(new Criterion(key, cx.OptionalString(c, "name") ?? key, cx.OptionalString(c, "description"), cx.OptionalInt(c, "weight") ?? 0));
                }
            }
        }

        var approval = cx.OptionalObject(meta, "os_trademark_approval");
        if (approval is null)
        {
            cx.Warn("no-approval-block", "metadata has no os_trademark_approval block; the guideline is taken as a draft", meta);
        }

        var metadata = new GuidelineMetadata(
            declaredId ?? id.ToString(),
            (approval is null ? null : cx.OptionalString(approval, "status")) ?? "draft",
            approval is null ? null : cx.OptionalString(approval, "replaces"),
            approval is null ? null : cx.OptionalString(approval, "target_approval"),
            approval is null ? [] : cx.StringList(approval, "releases"),
            cx.OptionalString(meta, "source"),
            cx.OptionalString(meta, "reference"),
            cutoff,
            criteria);

        var platforms = cx.OptionalObject(top, "platforms");
        var addOns = cx.OptionalObject(top, "add-ons");
        if (platforms is null && addOns is null)
        {
            throw cx.Fail("a 2.0 guideline needs \"platforms\" (core) or \"add-ons\"", top);
        }

        var kind = addOns is not null && platforms is null ? GuidelineKind.AddOn : GuidelineKind.Core;
        var targets = new List<Target>();
        foreach (var (name, node) in platforms?.Members ?? [])
        {
            var p = cx.AsObject(node);
            if (!CorePrograms.TryGetValue(name, out var key))
            {
                key = Slug(name);
                cx.Warn("unknown-program", $"program \"{name}\" is not one of the known core programs; its target key is \"{key}\"", node);
            }

            targets.Add(new Target(key, name, cx.OptionalString(p, "description"), ReadComponentRefs(cx, p, "components"), []));
        }

        foreach (var (name, node) in addOns?.Members ?? [])
        {
            var a = cx.AsObject(node);
            targets.Add(new Target(Slug(name), name, cx.OptionalString(a, "description"), ReadComponentRefs(cx, a, "components"), ReadComponentRefs(cx, a, "required_platform_components")));
        }

        var components = new List<Component>();
        foreach (var (name, node) in cx.RequiredObject(top, "components").Members)
        {
            var c = cx.AsObject(node);
            var lists = cx.OptionalObject(c, "capabilities") ?? throw cx.Fail("component has no \"capabilities\"", c);
            var designated = new Dictionary<string, IReadOnlyList<string>>();
            if (cx.OptionalObject(c, "designated_sections") is { } ds)
            {
                foreach (var (status, _) in ds.Members)
                {
                    designated[status] = cx.StringList(ds, status);
                }
            }

            components.Add(new Component(name, ReadStatusLists(cx, lists), designated));
        }

        var capabilities = ReadCapabilities(cx, cx.RequiredObject(top, "capabilities"), "2.0");
        CheckReferences(cx, top, components, capabilities, targets);

        var sections = new List<DesignatedSection>();
        if (cx.OptionalObject(top, "designated_sections") is { } sectionsObj)
        {
            // 2.0 inverts 1.x: project first, then status.
            foreach (var (project, byStatus) in sectionsObj.Members)
            {
                foreach (var (status, node) in cx.AsObject(byStatus).Members)
                {
                    if (ReadSection(cx, project, status, cx.AsObject(node)) is { } section)
                    {
                        sections.Add(section);
                    }
                }
            }
        }

        var repositories = new List<TestRepository>();
        if (cx.OptionalObject(top, "test_repositories") is { } repos)
        {
            foreach (var (name, node) in repos.Members)
            {
                var r = cx.AsObject(node);
                repositories.Add(new TestRepository(name, cx.OptionalString(r, "repository"), cx.OptionalString(r, "reference")));
            }
        }

        return new Guideline(id, "2.0", kind, metadata, targets, components, capabilities, sections, repositories, cx.Warnings);
    }

    private static List<ComponentRef> ReadComponentRefs(LoadContext cx, JObject parent, string key)
    {
        var list = new List<ComponentRef>();
        switch (parent[key])
        {
            case null or JNull:
                break;
            case JArray array:
                foreach (var item in array.Items)
                {
                    var o = cx.AsObject(item);
                    list.Add(new ComponentRef(cx.RequiredString(o, "name"), cx.OptionalString(o, "source")));
                }

                break;
            case var other:
                throw cx.Fail($"\"{key}\" must be a list of {{\"name\": …}} objects, found {other.Kind}", other);
        }

        return list;
    }

    private static string Slug(string name)
    {
        var s = name.StartsWith("OpenStack Powered ", StringComparison.OrdinalIgnoreCase) ? name[18..] : name;
        return s.Trim().ToLowerInvariant().Replace(' ', '-');
    }
}
