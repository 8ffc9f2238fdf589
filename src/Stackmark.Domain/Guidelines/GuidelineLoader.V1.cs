using Stackmark.Json;

namespace Stackmark;

public static partial class GuidelineLoader
{
    private static readonly HashSet<string> V1TopKeys =
    [
        "id", "schema", "reference", "source", "status", "replaces", "target_approval", "cutoff_score", "releases",
        "platform", "components", "capabilities", "designated-sections", "criteria", "test-repositories",
    ];

    /// <summary>Schemas 1.2–1.6: <c>platform</c>/<c>components</c> with status lists, top-level metadata.</summary>
    private static Guideline BuildV1(JObject top, LoadContext cx, string schema, GuidelineId id, string? declaredId)
    {
        WarnUnknownKeys(cx, top, V1TopKeys, "top-level");
        var criteria = new List<Criterion>();
        if (cx.OptionalObject(top, "criteria") is { } criteriaObj)
        {
            foreach (var (key, node) in criteriaObj.Members)
            {
                var c = cx.AsObject(node);
                // 1.x writes "Description"; accept either spelling.
                var description = cx.OptionalString(c, "Description") ?? cx.OptionalString(c, "description");
                criteria.Add(new Criterion(key, cx.OptionalString(c, "name") ?? key, description, cx.OptionalInt(c, "weight") ?? 0));
            }
        }

        var metadata = new GuidelineMetadata(
            declaredId ?? id.ToString(),
            cx.OptionalString(top, "status") ?? "draft",
            cx.OptionalString(top, "replaces"),
            cx.OptionalString(top, "target_approval"),
            cx.StringList(top, "releases"),
            cx.OptionalString(top, "source"),
            cx.OptionalString(top, "reference"),
            cx.OptionalInt(top, "cutoff_score"),
            criteria);

        var componentsObj = cx.RequiredObject(top, "components");
        var components = new List<Component>();
        foreach (var (name, node) in componentsObj.Members)
        {
            components.Add(new Component(name, ReadStatusLists(cx, cx.AsObject(node)), new Dictionary<string, IReadOnlyList<string>>()));
        }

        var platformObj = cx.RequiredObject(top, "platform");
        var platformComponents = cx.StringList(platformObj, "required");
        var targets = new List<Target>
        {
            new("platform", "OpenStack Powered Platform", null, [.. platformComponents.Select(c => new ComponentRef(c, null))], []),
        };

        // RefStack takes any other target as a component name: compute and object are the programs.
        foreach (var component in components)
        {
            var name = component.Name switch
            {
                "compute" => "OpenStack Powered Compute",
                "object" => "OpenStack Powered Object Storage",
                _ => component.Name,
            };
            targets.Add(new Target(component.Name, name, null, [new ComponentRef(component.Name, null)], []));
        }

        var capabilities = ReadCapabilities(cx, cx.RequiredObject(top, "capabilities"), schema);
        CheckLegacyCapabilityStatus(cx, top, components);
        CheckReferences(cx, top, components, capabilities, targets);

        var sections = new List<DesignatedSection>();
        if (cx.OptionalObject(top, "designated-sections") is { } ds)
        {
            foreach (var (status, byProject) in ds.Members)
            {
                foreach (var (project, node) in cx.AsObject(byProject).Members)
                {
                    if (ReadSection(cx, project, status, cx.AsObject(node)) is { } section)
                    {
                        sections.Add(section);
                    }
                }
            }
        }

        var repositories = new List<TestRepository>();
        if (cx.OptionalObject(top, "test-repositories") is { } repos)
        {
            foreach (var (name, node) in repos.Members)
            {
                var r = cx.AsObject(node);
                repositories.Add(new TestRepository(name, cx.OptionalString(r, "url"), cx.OptionalString(r, "git-sha")));
            }
        }

        return new Guideline(id, schema, GuidelineKind.Core, metadata, targets, components, capabilities, sections, repositories, cx.Warnings);
    }

    private static Dictionary<CapabilityStatus, IReadOnlyList<CapabilityId>> ReadStatusLists(LoadContext cx, JObject lists)
    {
        var result = new Dictionary<CapabilityStatus, IReadOnlyList<CapabilityId>>();
        foreach (var (key, node) in lists.Members)
        {
            if (!CapabilityStatuses.TryParse(key, out var status))
            {
                cx.Warn("unknown-status", $"unknown status list \"{key}\" is ignored", node);
                continue;
            }

            result[status] = [.. cx.StringList(lists, key).Select(n => new CapabilityId(n))];
        }

        return result;
    }

    /// <summary>1.2 capabilities carry their own status; the component lists win (2015.05 identity-auth disagrees).</summary>
    private static void CheckLegacyCapabilityStatus(LoadContext cx, JObject top, List<Component> components)
    {
        if (top["capabilities"] is not JObject caps)
        {
            return;
        }

        foreach (var (name, node) in caps.Members)
        {
            if (node is not JObject cap || cap["status"] is not JString statusNode || !CapabilityStatuses.TryParse(statusNode.Value, out var own))
            {
                continue;
            }

            foreach (var component in components)
            {
                foreach (var status in CapabilityStatuses.All.Where(s => s != own && component.With(s).Contains(new CapabilityId(name))))
                {
                    cx.Warn("status-disagrees", $"capability says status \"{own.ToWord()}\" but component {component.Name} lists it as {status.ToWord()}; the component list wins", statusNode);
                }
            }
        }
    }

    private static DesignatedSection? ReadSection(LoadContext cx, string project, string status, JObject node)
    {
        if (!SectionStatuses.TryParse(status, out var parsed))
        {
            cx.Warn("unknown-section-status", $"designated sections of {project} under unknown status \"{status}\" are ignored", node);
            return null;
        }

        var sections = new List<CodeSection>();
        if (node["sections"] is JArray array)
        {
            // 2015.0x files write "sections": [] where the schema has an object of sections.
            cx.Warn("sections-array", "\"sections\" is a list, not an object of named sections; its strings are taken as section names", array);
            foreach (var item in array.Items)
            {
                sections.Add(new CodeSection(item is JString str ? str.Value : item.Path, null, null, null));
            }
        }
        else if (cx.OptionalObject(node, "sections") is { } s)
        {
            foreach (var (name, value) in s.Members)
            {
                var sec = cx.AsObject(value);
                sections.Add(new CodeSection(name, cx.OptionalString(sec, "description"), sec["designated"] is JBool b ? b.Value : null, cx.OptionalString(sec, "comment")));
            }
        }

        return new DesignatedSection(project, parsed, cx.OptionalString(node, "guidance"), cx.OptionalString(node, "comment"), sections);
    }
}
