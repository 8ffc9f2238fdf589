namespace Stackmark;

/// <summary>The questions every part of Stackmark asks a guideline: what a target contains, which tests it lists.</summary>
public static partial class GuidelineQueries
{
    /// <summary>
    /// The capabilities of a target, each with its strongest status, in the order the components list them.
    /// </summary>
    /// <remarks>
    /// Components come from the target's definition: for 2.0 the program's components, for 1.x the
    /// <c>platform.required</c> list or the component of that name — as RefStack resolves them. Components that
    /// live in another file (<see cref="ComponentRef.Source"/>) are not followed here.
    /// </remarks>
    /// <exception cref="ArgumentException">The guideline has no such target.</exception>
    public static IReadOnlyList<TargetCapability> CapabilitiesOf(this Guideline guideline, string target, IReadOnlyList<CapabilityStatus>? statuses = null)
    {
        var t = guideline.FindTarget(target)
            ?? throw new ArgumentException($"guideline {guideline.Id} has no target \"{target}\" (it has: {string.Join(", ", guideline.Targets.Select(x => x.Key))})", nameof(target));
        var wanted = statuses is { Count: > 0 } ? statuses : CapabilityStatuses.All;
        var order = new List<CapabilityId>();
        var strongest = new Dictionary<CapabilityId, CapabilityStatus>();
        foreach (var componentRef in t.Components)
        {
            if (!guideline.TryGetComponent(componentRef.Name, out var component))
            {
                continue;
            }

            foreach (var status in wanted)
            {
                foreach (var cap in component.With(status))
                {
                    if (!strongest.TryGetValue(cap, out var seen))
                    {
                        order.Add(cap);
                        strongest[cap] = status;
                    }
                    else if (status < seen)
                    {
                        strongest[cap] = status;
                    }
                }
            }
        }

        return [.. order.Select(id => new TargetCapability(id, strongest[id], guideline.TryGetCapability(id, out var c) ? c : null))];
    }

    /// <summary>
    /// The test list RefStack serves for these parameters: one <c>name[id]</c> line per test and alias (bare
    /// <c>name</c> in schema 1.2 files), the id as the file writes it, sorted ordinally, without duplicates.
    /// </summary>
    /// <remarks>
    /// RefStack keeps a line twice when a test sits in two capabilities; Stackmark lists it once, since a runner
    /// runs it once.
    /// </remarks>
    public static IReadOnlyList<string> TestListLines(this Guideline guideline, TestListQuery query)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var cap in guideline.CapabilitiesOf(query.Target, query.EffectiveStatuses))
        {
            foreach (var test in cap.Tests)
            {
                if (test.IsFlagged && !query.IncludeFlagged)
                {
                    continue;
                }

                lines.Add(Line(guideline, test.Name, test.RawId));
                if (query.IncludeAliases)
                {
                    foreach (var alias in test.Aliases)
                    {
                        lines.Add(Line(guideline, alias, test.RawId));
                    }
                }
            }
        }

        return [.. lines];
    }

    /// <summary>The distinct tests (by name) of a query, each with the capability that lists it first.</summary>
    public static IReadOnlyList<(TargetCapability Capability, GuidelineTest Test)> Tests(this Guideline guideline, TestListQuery query)
    {
        var seen = new HashSet<TestName>();
        var list = new List<(TargetCapability, GuidelineTest)>();
        foreach (var cap in guideline.CapabilitiesOf(query.Target, query.EffectiveStatuses))
        {
            foreach (var test in cap.Tests.Where(t => (query.IncludeFlagged || !t.IsFlagged) && seen.Add(t.Name)))
            {
                list.Add((cap, test));
            }
        }

        return list;
    }

    // As RefStack: 1.2 lists bare names; later schemas always bracket the id as stored, even when empty.
    private static string Line(Guideline g, TestName name, string? rawId) => g.HasIdempotentIds ? $"{name.Value}[{rawId}]" : name.Value;
}
