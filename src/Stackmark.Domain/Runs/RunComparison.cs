namespace Stackmark;

/// <summary>
/// What differs between two runs: the tests whose status changed, the capabilities whose verdict did, and, listed
/// apart, the class-level fixture errors that only one run had.
/// </summary>
/// <remarks>
/// <para>Tests are matched by idempotent id first, then by name, so a test renamed between guidelines still pairs
/// up; a test listed under several capabilities counts once. A changed category or reason with the same status is
/// not a difference: the status is what compliance reads.</para>
/// <para>Class-level errors (<c>setUpClass</c>, <c>tearDownClass</c>, module fixtures) are paired by fixture and
/// scope; one in a single run is listed in <see cref="ClassErrors"/> but does not make the runs different, since
/// it is never counted for compliance (a failed set-up already shows in its tests' statuses).</para>
/// <para>Immutable; differences are sorted (tests by name, capabilities by id, class-level errors by scope, then
/// fixture) so output is stable.</para>
/// </remarks>
/// <param name="A">The first run.</param>
/// <param name="B">The second run.</param>
/// <param name="Tests">Tests whose status differs, or that one run lacks.</param>
/// <param name="Capabilities">Capabilities whose verdict differs, or that one run lacks.</param>
/// <param name="Notes">What else a reader should know (different guidelines, targets or verdicts).</param>
/// <param name="ClassErrors">Class-level errors that only one run had; not counted in <see cref="Identical"/>.</param>
public sealed record RunComparison(RunRecord A, RunRecord B, IReadOnlyList<TestDifference> Tests, IReadOnlyList<CapabilityDifference> Capabilities, IReadOnlyList<string> Notes,
    IReadOnlyList<ClassErrorDifference> ClassErrors)
{
    /// <summary>
    /// Whether no test status and no capability verdict differs (exit 0). <see cref="ClassErrors"/> is not
    /// consulted: what compliance reads decides whether two runs differ.
    /// </summary>
    public bool Identical => Tests.Count == 0 && Capabilities.Count == 0;

    /// <summary>Compares two runs.</summary>
    public static RunComparison Compare(RunRecord a, RunRecord b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var notes = new List<string>();
        if (a.Guideline != b.Guideline)
        {
            notes.Add($"the runs are of different guidelines ({a.Guideline} and {b.Guideline}): tests are paired by idempotent id, then name");
        }

        if (a.Target != b.Target)
        {
            notes.Add($"the runs are of different targets ({a.Target} and {b.Target})");
        }

        if (a.Verdict != b.Verdict)
        {
            notes.Add($"run A is {a.Verdict.ToWord().Replace('-', ' ')}, run B is {b.Verdict.ToWord().Replace('-', ' ')}");
        }

        return new RunComparison(a, b, CompareTests(a, b), CompareCapabilities(a, b), notes, CompareClassErrors(a, b));
    }

    private sealed record Entry(RecordedTest First, List<CapabilityId> Capabilities);

    // One entry per test: a test in two capabilities ran once.
    private static List<Entry> Entries(RunRecord run)
    {
        var entries = new List<Entry>();
        var byKey = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var t in run.Tests)
        {
            var key = t.Id?.ToString() ?? t.Name.Value;
            if (byKey.TryGetValue(key, out var entry))
            {
                if (!entry.Capabilities.Contains(t.Capability))
                {
                    entry.Capabilities.Add(t.Capability);
                }

                continue;
            }

            entry = new Entry(t, [t.Capability]);
            byKey[key] = entry;
            entries.Add(entry);
        }

        return entries;
    }

    private static List<TestDifference> CompareTests(RunRecord a, RunRecord b)
    {
        var bEntries = Entries(b);
        var bById = bEntries.Where(e => e.First.Id is not null).GroupBy(e => e.First.Id!.Value).ToDictionary(g => g.Key, g => g.First());
        var bByName = bEntries.GroupBy(e => e.First.Name).ToDictionary(g => g.Key, g => g.First());
        var matched = new HashSet<Entry>(ReferenceEqualityComparer.Instance);
        var diffs = new List<TestDifference>();
        foreach (var ea in Entries(a))
        {
            var eb = ea.First.Id is { } id && bById.TryGetValue(id, out var byId) && !matched.Contains(byId) ? byId
                : bByName.TryGetValue(ea.First.Name, out var byName) && !matched.Contains(byName) ? byName
                : null;
            if (eb is not null)
            {
                matched.Add(eb);
            }

            if (eb is null || eb.First.Status != ea.First.Status)
            {
                diffs.Add(new TestDifference(ea.First.Name, ea.First.Id ?? eb?.First.Id, Union(ea, eb), ea.First, eb?.First));
            }
        }

        diffs.AddRange(bEntries.Where(e => !matched.Contains(e)).Select(e => new TestDifference(e.First.Name, e.First.Id, e.Capabilities, null, e.First)));
        diffs.Sort((x, y) => x.Name.CompareTo(y.Name));
        return diffs;
    }

    private static List<CapabilityId> Union(Entry a, Entry? b) =>
        [.. a.Capabilities.Concat(b?.Capabilities ?? []).Distinct().Order()];

    private static List<CapabilityDifference> CompareCapabilities(RunRecord a, RunRecord b)
    {
        var inA = a.Capabilities.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First());
        var inB = b.Capabilities.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First());
        return [.. inA.Keys.Union(inB.Keys).Order()
            .Select(id => new CapabilityDifference(id, inA.GetValueOrDefault(id), inB.GetValueOrDefault(id)))
            .Where(d => d.A is null || d.B is null || d.A.Verdict != d.B.Verdict)];
    }

    // Presence is what is compared: a changed reason of an error both runs had is, like a test's, not a difference.
    private static List<ClassErrorDifference> CompareClassErrors(RunRecord a, RunRecord b)
    {
        static Dictionary<(string Scope, string Fixture), RecordedClassError> ByKey(RunRecord run) =>
            run.ClassErrors.GroupBy(e => (e.Scope, e.Fixture)).ToDictionary(g => g.Key, g => g.First());
        var (inA, inB) = (ByKey(a), ByKey(b));
        return [.. inA.Keys.Union(inB.Keys)
            .Where(k => !(inA.ContainsKey(k) && inB.ContainsKey(k)))
            .Order(Comparer<(string Scope, string Fixture)>.Create((x, y) =>
                string.CompareOrdinal(x.Scope, y.Scope) is var c and not 0 ? c : string.CompareOrdinal(x.Fixture, y.Fixture)))
            .Select(k => new ClassErrorDifference(k.Fixture, k.Scope, inA.GetValueOrDefault(k), inB.GetValueOrDefault(k)))];
    }
}
