namespace Stackmark.Regions;

/// <summary>
/// The region requirement of each program, and the check of a product's declared regions against it. Configurable:
/// <see cref="Parse"/> reads <c>platform=hypervisor:linux,compute=hypervisor:linux</c> (a registry setting).
/// </summary>
/// <remarks>Pure and immutable.</remarks>
public sealed class RegionRules
{
    private readonly IReadOnlyDictionary<string, RegionRequirement> _byTarget;

    private RegionRules(IReadOnlyDictionary<string, RegionRequirement> byTarget) => _byTarget = byTarget;

    /// <summary>The interop program's rule: Powered Compute and Platform need a hypervisor region with Linux guests; others need nothing.</summary>
    public static RegionRules Default { get; } = new(new Dictionary<string, RegionRequirement>(StringComparer.OrdinalIgnoreCase)
    {
        ["platform"] = new("hypervisor", GuestOsFamily.Linux),
        ["compute"] = new("hypervisor", GuestOsFamily.Linux),
    });

    /// <summary>The rules as written: <c>TARGET=KIND:FAMILY</c> entries separated by commas; an empty text requires nothing.</summary>
    /// <exception cref="FormatException">An entry is not <c>TARGET=KIND:FAMILY</c>, or a target repeats.</exception>
    public static RegionRules Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rules = new Dictionary<string, RegionRequirement>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Split('=') is not [var target, var rest] || rest.Split(':') is not [var kind, var family]
                || new[] { target, kind, family }.Any(string.IsNullOrWhiteSpace))
            {
                throw new FormatException($"region rule '{entry}' is not TARGET=KIND:FAMILY (e.g. compute=hypervisor:linux)");
            }

            if (!rules.TryAdd(target.Trim(), new RegionRequirement(kind.Trim().ToLowerInvariant(), family.Trim().ToLowerInvariant())))
            {
                throw new FormatException($"region rule for '{target.Trim()}' is given twice");
            }
        }

        return new RegionRules(rules);
    }

    /// <summary>The requirement of <paramref name="target"/>'s program; null when it has none.</summary>
    public RegionRequirement? For(string target) => _byTarget.GetValueOrDefault(target);

    /// <summary>
    /// Null when the declared regions meet <paramref name="target"/>'s requirement (or it has none); else why not,
    /// naming the requirement and what was declared.
    /// </summary>
    public string? WhyNot(string target, IReadOnlyList<DeclaredRegion> regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        if (For(target) is not { } requirement || regions.Any(requirement.IsMetBy))
        {
            return null;
        }

        var declared = regions.Count == 0
            ? "the product declares no region"
            : "the product declares " + string.Join("; ", regions.Select(r =>
                $"{r.Name} ({r.Kind}{(r.Runtime is { } rt ? " " + rt : "")}, guests: {(r.GuestOperatingSystems.Count == 0 ? "none" : string.Join(", ", r.GuestOperatingSystems))})"));
        return $"the {target} program needs {requirement}; {declared}";
    }
}
