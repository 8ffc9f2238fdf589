namespace Stackmark.Runner;

/// <summary>
/// The external test runner: Tempest in a workspace. The real one is <see cref="TempestCli"/>; tests use a
/// scripted fake that emits golden subunit packets, exit codes and garbage.
/// </summary>
public interface ITempestRunner
{
    /// <summary>Says which Tempest this is (version, path), for the evidence manifest.</summary>
    Task<string> DescribeAsync(CancellationToken cancellationToken);

    /// <summary>Tempest's source tree read statically (what gates each test), or null when it cannot be found.</summary>
    Task<Stackmark.Tempest.TempestTree?> ReadSourceAsync(CancellationToken cancellationToken);

    /// <summary>Creates a fresh workspace at <paramref name="directory"/> (<c>tempest init</c>).</summary>
    Task InitWorkspaceAsync(string directory, CancellationToken cancellationToken);

    /// <summary>Every test id the installed Tempest and its plugins offer (<c>tempest run --list-tests</c>).</summary>
    Task<IReadOnlyList<string>> ListTestsAsync(string workspace, CancellationToken cancellationToken);

    /// <summary>
    /// Runs exactly the tests in <paramref name="loadList"/> and hands Tempest's subunit v2 stdout to
    /// <paramref name="consume"/> as it arrives. Returns Tempest's exit code. Cancelling stops Tempest cleanly.
    /// </summary>
    Task<int> RunAsync(string workspace, string loadList, TempestRunOptions options, Func<Stream, Task> consume, CancellationToken cancellationToken);
}

/// <summary>How Tempest runs the tests.</summary>
/// <param name="Concurrency">Workers; null lets Tempest use one per core, 1 is serial.</param>
/// <param name="TestTimeout">
/// Limit per test method (Tempest's OS_TEST_TIMEOUT): a test that hangs fails as "timeout" instead of holding up
/// the whole run. Class set-up is not covered. Null: no limit, as Tempest by default.
/// </param>
public sealed record TempestRunOptions(int? Concurrency = null, TimeSpan? TestTimeout = null);

/// <summary>Tempest could not be started or crashed outside any test.</summary>
public sealed class TempestRunnerException(string message, Exception? inner = null) : Exception(message, inner);
