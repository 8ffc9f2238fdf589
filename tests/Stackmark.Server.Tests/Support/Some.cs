namespace Stackmark.Server.Tests.Support;

/// <summary>Object mother for uploads.</summary>
internal static class Some
{
    public static string Cpid() => Guid.NewGuid().ToString("N");

    public static RefStackResults Results(string? cpid = null, int tests = 3) =>
        new(cpid ?? Cpid(), 42, [.. Enumerable.Range(0, tests).Select(i => TestOutcome.Passed($"tempest.api.compute.test_some.SomeTest.test_{i}", IdempotentId.Parse(Guid.NewGuid().ToString())))]);

    /// <summary>Every non-flagged required test of 2020.06's object target (OpenStack Powered Storage) as passed.</summary>
    public static RefStackResults PassingObjectStorage2020(string? cpid = null) => Passing2020("object", cpid);

    /// <summary>Every non-flagged required test of a 2020.06 target (e.g. compute: OpenStack Powered Compute) as passed.</summary>
    public static RefStackResults Passing2020(string target, string? cpid = null)
    {
        var g = Interop.Load("2020.06");
        var lines = g.TestListLines(new TestListQuery(target, [CapabilityStatus.Required], IncludeFlagged: false, IncludeAliases: false));
        return new RefStackResults(cpid ?? Cpid(), 600, [.. lines.Select(TestName.FromTempestId).Select(t => new TestOutcome(t.Name, t.Id, TestStatus.Passed))]);
    }
}
