namespace Stackmark;

/// <summary>One guideline test and the installed test that will run for it, if any.</summary>
/// <param name="Capability">The capability listing the test (with its status in the target).</param>
/// <param name="Test">The guideline's test.</param>
/// <param name="Resolved">The installed test's name, or null when none was found.</param>
/// <param name="Method">How it was found.</param>
public sealed record PlannedTest(TargetCapability Capability, GuidelineTest Test, TestName? Resolved, MatchMethod Method);

/// <summary>
/// Which installed tests to run for a guideline's target: each guideline test resolved by idempotent id first,
/// then by name, then by aliases — so renamed and plugin tests still run — and every miss kept, never dropped.
/// </summary>
/// <param name="Tests">Every selected guideline test with its resolution.</param>
public sealed record TestPlan(IReadOnlyList<PlannedTest> Tests)
{
    /// <summary>The guideline tests that could not be found in the installed Tempest.</summary>
    public IEnumerable<PlannedTest> Missing => Tests.Where(t => t.Resolved is null);

    /// <summary>The distinct installed test names to run, sorted.</summary>
    public IReadOnlyList<TestName> ToRun => [.. Tests.Where(t => t.Resolved is not null).Select(t => t.Resolved!.Value).Distinct().Order()];

    /// <summary>Plans the tests of <paramref name="query"/> against <paramref name="installed"/>.</summary>
    public static TestPlan Create(Guideline guideline, TestListQuery query, ITestCatalog installed)
    {
        ArgumentNullException.ThrowIfNull(guideline);
        ArgumentNullException.ThrowIfNull(installed);
        var planned = new List<PlannedTest>();
        foreach (var (capability, test) in guideline.Tests(query))
        {
            var (resolved, method) = Resolve(test, installed);
            planned.Add(new PlannedTest(capability, test, resolved, method));
        }

        return new TestPlan(planned);
    }

    private static (TestName?, MatchMethod) Resolve(GuidelineTest test, ITestCatalog installed)
    {
        if (test.Id is { } id)
        {
            var candidates = installed.FindById(id);
            if (candidates.Count > 0)
            {
                // Inherited tests share an id: prefer the class the guideline names.
                var named = candidates.FirstOrDefault(c => test.AllNames.Contains(c));
                return (named.Value is null ? candidates[0] : named, MatchMethod.IdempotentId);
            }
        }

        if (installed.TryFindByName(test.Name, out _))
        {
            return (test.Name, MatchMethod.Name);
        }

        foreach (var alias in test.Aliases)
        {
            if (installed.TryFindByName(alias, out _))
            {
                return (alias, MatchMethod.Alias);
            }
        }

        return (null, MatchMethod.None);
    }
}
