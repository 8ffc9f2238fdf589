namespace Stackmark;

/// <summary>What happened to a test in a run, or that it did not run.</summary>
public enum TestStatus
{
    /// <summary>The test passed (also: an expected failure, Tempest's xfail).</summary>
    Passed,

    /// <summary>The test failed or errored (also: an unexpected success).</summary>
    Failed,

    /// <summary>The test was skipped, with a reason when the runner gave one.</summary>
    Skipped,

    /// <summary>No result for the test.</summary>
    NotRun,
}
