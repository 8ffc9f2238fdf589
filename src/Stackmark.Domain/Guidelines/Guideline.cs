namespace Stackmark;

/// <summary>
/// One interoperability guideline (core or add-on), normalized from any schema (1.2 to 2.0) into one shape:
/// targets → components → capabilities by status → tests.
/// </summary>
/// <remarks>
/// Immutable. Build it with <see cref="GuidelineLoader"/>. Capability lookups go through
/// <see cref="TryGetCapability"/>; components may name capabilities that the file does not define (the official
/// data does), which count as having no tests.
/// </remarks>
public sealed class Guideline
{
    private readonly Dictionary<CapabilityId, Capability> _capabilities;
    private readonly Dictionary<string, Component> _components;

    /// <summary>Creates a guideline from normalized parts.</summary>
    public Guideline(
        GuidelineId id,
        string schema,
        GuidelineKind kind,
        GuidelineMetadata metadata,
        IReadOnlyList<Target> targets,
        IReadOnlyList<Component> components,
        IReadOnlyList<Capability> capabilities,
        IReadOnlyList<DesignatedSection> designatedSections,
        IReadOnlyList<TestRepository> testRepositories,
        IReadOnlyList<GuidelineWarning> warnings)
    {
        Id = id;
        Schema = schema;
        Kind = kind;
        Metadata = metadata;
        Targets = targets;
        Components = components;
        Capabilities = capabilities;
        DesignatedSections = designatedSections;
        TestRepositories = testRepositories;
        Warnings = warnings;
        _capabilities = [];
        foreach (var c in capabilities)
        {
            _capabilities.TryAdd(c.Id, c);
        }

        _components = [];
        foreach (var c in components)
        {
            _components.TryAdd(c.Name, c);
        }
    }

    /// <summary>Which guideline this is (from the file name).</summary>
    public GuidelineId Id { get; }

    /// <summary>The schema version the file declares: 1.2 … 2.0.</summary>
    public string Schema { get; }

    /// <summary>Core or add-on.</summary>
    public GuidelineKind Kind { get; }

    /// <summary>Status, dates, releases, scoring and provenance.</summary>
    public GuidelineMetadata Metadata { get; }

    /// <summary>The programs the file defines.</summary>
    public IReadOnlyList<Target> Targets { get; }

    /// <summary>The components, in file order.</summary>
    public IReadOnlyList<Component> Components { get; }

    /// <summary>The capabilities the file defines, in file order.</summary>
    public IReadOnlyList<Capability> Capabilities { get; }

    /// <summary>Designated sections.</summary>
    public IReadOnlyList<DesignatedSection> DesignatedSections { get; }

    /// <summary>Test repositories the guideline pins.</summary>
    public IReadOnlyList<TestRepository> TestRepositories { get; }

    /// <summary>Quirks tolerated while loading, each with its location.</summary>
    public IReadOnlyList<GuidelineWarning> Warnings { get; }

    /// <summary>Whether the file lists bare test names without idempotent ids (schema 1.2).</summary>
    public bool HasIdempotentIds => Schema != "1.2";

    /// <summary>Looks a capability up by name.</summary>
    public bool TryGetCapability(CapabilityId id, out Capability capability) => _capabilities.TryGetValue(id, out capability!);

    /// <summary>Looks a component up by name.</summary>
    public bool TryGetComponent(string name, out Component component) => _components.TryGetValue(name, out component!);

    /// <summary>Finds a target by key (platform, compute, object, dns, orchestration), any case.</summary>
    public Target? FindTarget(string key) =>
        Targets.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.OrdinalIgnoreCase));
}
