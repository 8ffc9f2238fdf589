namespace Stackmark;

/// <summary>Judges results against a guideline's target.</summary>
/// <remarks>
/// A guideline test is matched by idempotent id first, then by its name, then by its aliases — so renamed tests
/// still count, unlike RefStack's name-only match. When several results match (a rerun), the best status wins.
/// Pure and thread-safe.
/// </remarks>
public static class ComplianceEvaluator
{
    /// <summary>Evaluates <paramref name="results"/> against <paramref name="target"/> of <paramref name="guideline"/>.</summary>
    /// <exception cref="ArgumentException">The guideline has no such target.</exception>
    public static ComplianceReport Evaluate(Guideline guideline, string target, IEnumerable<TestOutcome> results)
    {
        ArgumentNullException.ThrowIfNull(guideline);
        ArgumentNullException.ThrowIfNull(results);
        var byId = new Dictionary<IdempotentId, TestOutcome>();
        var byName = new Dictionary<TestName, TestOutcome>();
        foreach (var r in results)
        {
            if (r.Id is { } id)
            {
                byId[id] = Better(byId.GetValueOrDefault(id), r);
            }

            byName[r.Name] = Better(byName.GetValueOrDefault(r.Name), r);
        }

        var used = new HashSet<TestOutcome>(ReferenceEqualityComparer.Instance);
        var verdicts = new List<CapabilityVerdict>();
        foreach (var cap in guideline.CapabilitiesOf(target))
        {
            var tests = new List<TestVerdict>(cap.Tests.Count);
            foreach (var test in cap.Tests)
            {
                var (outcome, method) = Find(test, byId, byName);
                if (outcome is not null)
                {
                    used.Add(outcome);
                }

                tests.Add(new TestVerdict(test, outcome?.Status ?? TestStatus.NotRun, method, outcome));
            }

            verdicts.Add(new CapabilityVerdict(cap.Id, cap.Status, cap.Definition is not null, tests));
        }

        var unmatched = byName.Values.Count(r => !used.Contains(r) && !(r.Id is { } id && used.Contains(byId[id])));
        return new ComplianceReport(guideline.Id, guideline.FindTarget(target)!, verdicts, unmatched)
        {
            DesignatedSections = guideline.RequiredSectionsOf(target),
        };
    }

    private static (TestOutcome? Outcome, MatchMethod Method) Find(GuidelineTest test, Dictionary<IdempotentId, TestOutcome> byId, Dictionary<TestName, TestOutcome> byName)
    {
        if (test.Id is { } id && byId.TryGetValue(id, out var r))
        {
            return (r, MatchMethod.IdempotentId);
        }

        if (byName.TryGetValue(test.Name, out r))
        {
            return (r, MatchMethod.Name);
        }

        foreach (var alias in test.Aliases)
        {
            if (byName.TryGetValue(alias, out r))
            {
                return (r, MatchMethod.Alias);
            }
        }

        return (null, MatchMethod.None);
    }

    // Passed < Failed < Skipped < NotRun in the enum, so the lower status is the better one.
    private static TestOutcome Better(TestOutcome? current, TestOutcome candidate) =>
        current is null || candidate.Status < current.Status ? candidate : current;
}
