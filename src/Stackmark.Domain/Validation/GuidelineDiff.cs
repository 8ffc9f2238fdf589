namespace Stackmark;

/// <summary>A change of one capability's status between two guidelines for one target.</summary>
/// <param name="Capability">The capability.</param>
/// <param name="Before">Its status before (null: absent).</param>
/// <param name="After">Its status after (null: absent).</param>
public sealed record CapabilityChange(CapabilityId Capability, CapabilityStatus? Before, CapabilityStatus? After);

/// <summary>What happened to one test between two guidelines.</summary>
public enum TestChangeKind
{
    /// <summary>Newly listed.</summary>
    Added,

    /// <summary>No longer listed.</summary>
    Removed,

    /// <summary>Newly flagged.</summary>
    Flagged,

    /// <summary>No longer flagged.</summary>
    Unflagged,

    /// <summary>Same idempotent id under a new name.</summary>
    Renamed,
}

/// <summary>A change of one test between two guidelines for one target.</summary>
/// <param name="Kind">What changed.</param>
/// <param name="Test">The test's (new) name.</param>
/// <param name="Capability">The capability listing it (after, or before for removals).</param>
/// <param name="Detail">The old name for renames, the flag reason for flags.</param>
public sealed record TestChange(TestChangeKind Kind, TestName Test, CapabilityId Capability, string? Detail);

/// <summary>The differences between two guidelines for one target.</summary>
/// <param name="Target">The target compared.</param>
/// <param name="Capabilities">Capabilities added, removed or changed in status.</param>
/// <param name="Tests">Tests added, removed, flagged, unflagged or renamed.</param>
public sealed record TargetDiff(string Target, IReadOnlyList<CapabilityChange> Capabilities, IReadOnlyList<TestChange> Tests)
{
    /// <summary>Compares <paramref name="older"/> and <paramref name="newer"/> for every target they share.</summary>
    public static IReadOnlyList<TargetDiff> Compare(Guideline older, Guideline newer)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        return [.. newer.Targets.Where(t => older.FindTarget(t.Key) is not null).Select(t => Compare(older, newer, t.Key))];
    }

    /// <summary>Compares two guidelines for one target (which both must have).</summary>
    public static TargetDiff Compare(Guideline older, Guideline newer, string target)
    {
        var before = older.CapabilitiesOf(target).ToDictionary(c => c.Id);
        var after = newer.CapabilitiesOf(target).ToDictionary(c => c.Id);
        var caps = new List<CapabilityChange>();
        foreach (var id in before.Keys.Union(after.Keys).Order())
        {
            var b = before.TryGetValue(id, out var bc) ? bc.Status : (CapabilityStatus?)null;
            var a = after.TryGetValue(id, out var ac) ? ac.Status : (CapabilityStatus?)null;
            if (a != b)
            {
                caps.Add(new CapabilityChange(id, b, a));
            }
        }

        var oldTests = Index(before.Values);
        var newTests = Index(after.Values);
        var oldById = oldTests.Values.Where(t => t.Test.Id is not null).GroupBy(t => t.Test.Id!.Value).ToDictionary(g => g.Key, g => g.First());
        var tests = new List<TestChange>();
        foreach (var (name, (cap, test)) in newTests.OrderBy(kv => kv.Key))
        {
            if (oldTests.TryGetValue(name, out var old))
            {
                if (test.IsFlagged && !old.Test.IsFlagged)
                {
                    tests.Add(new TestChange(TestChangeKind.Flagged, name, cap, test.Flag!.Reason));
                }
                else if (!test.IsFlagged && old.Test.IsFlagged)
                {
                    tests.Add(new TestChange(TestChangeKind.Unflagged, name, cap, null));
                }
            }
            else if (test.Id is { } id && oldById.TryGetValue(id, out var renamed) && !newTests.ContainsKey(renamed.Test.Name))
            {
                tests.Add(new TestChange(TestChangeKind.Renamed, name, cap, renamed.Test.Name.Value));
            }
            else
            {
                tests.Add(new TestChange(TestChangeKind.Added, name, cap, null));
            }
        }

        var renamedFrom = tests.Where(t => t.Kind == TestChangeKind.Renamed).Select(t => t.Detail).ToHashSet();
        foreach (var (name, (cap, _)) in oldTests.OrderBy(kv => kv.Key))
        {
            if (!newTests.ContainsKey(name) && !renamedFrom.Contains(name.Value))
            {
                tests.Add(new TestChange(TestChangeKind.Removed, name, cap, null));
            }
        }

        return new TargetDiff(target, caps, tests);
    }

    private static Dictionary<TestName, (CapabilityId Capability, GuidelineTest Test)> Index(IEnumerable<TargetCapability> caps)
    {
        var index = new Dictionary<TestName, (CapabilityId, GuidelineTest)>();
        foreach (var cap in caps)
        {
            foreach (var t in cap.Tests)
            {
                index.TryAdd(t.Name, (cap.Id, t));
            }
        }

        return index;
    }
}
