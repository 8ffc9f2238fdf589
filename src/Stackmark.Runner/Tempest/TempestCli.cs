using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Stackmark.Runner;

/// <summary>Drives Debian's <c>tempest</c> command (python3-tempest) as a child process.</summary>
/// <remarks>
/// Runs with <c>PATH=/usr/bin:/bin</c> so Debian's Python and its packages are used, not a pyenv build on the
/// user's PATH. Tempest reads <c>etc/tempest.conf</c> from the workspace, which is its working directory.
/// </remarks>
/// <param name="executable">The tempest command.</param>
/// <param name="hardStop">Cancelled when a stop must not wait (a second signal): Tempest's processes are killed at once.</param>
public sealed partial class TempestCli(string executable = "/usr/bin/tempest", CancellationToken hardStop = default) : ITempestRunner
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(20);

    /// <inheritdoc />
    public async Task<string> DescribeAsync(CancellationToken cancellationToken)
    {
        var (code, stdout, stderr) = await CaptureAsync(null, ["--version"], cancellationToken).ConfigureAwait(false);
        var text = (stdout + stderr).Trim();
        return code == 0 ? $"{executable} {text}" : $"{executable} (version unknown: {text})";
    }

    /// <inheritdoc />
    /// <remarks>
    /// Lays the workspace out as <c>tempest init</c> does (etc/, logs/, .stestr.conf, an empty .stestr/) without registering it in the
    /// user's ~/.tempest/workspace.yaml, and without the two extra Python start-ups that init and unregistering cost.
    /// </remarks>
    public async Task InitWorkspaceAsync(string directory, CancellationToken cancellationToken)
    {
        var package = await PackageDirectoryAsync(cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(Path.Combine(directory, "etc"));
        Directory.CreateDirectory(Path.Combine(directory, "logs"));
        Directory.CreateDirectory(Path.Combine(directory, "tempest_lock"));
        // An empty stestr repository, as `stestr init` leaves it (format 1, next run 0).
        var repository = Path.Combine(directory, ".stestr");
        Directory.CreateDirectory(repository);
        await File.WriteAllTextAsync(Path.Combine(repository, "format"), "1\n", cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(repository, "next-stream"), "0\n", cancellationToken).ConfigureAwait(false);
        // The same three keys tempest init writes; group_regex keeps a class's tests on one worker.
        await File.WriteAllTextAsync(Path.Combine(directory, ".stestr.conf"),
            $"[DEFAULT]\ntest_path={package}/test_discover\ntop_dir={package}\ngroup_regex=([^\\.]*\\.)*\n", cancellationToken).ConfigureAwait(false);
    }

    private string? _packageDirectory;

    /// <inheritdoc />
    public async Task<Stackmark.Tempest.TempestTree?> ReadSourceAsync(CancellationToken cancellationToken)
    {
        var package = await PackageDirectoryAsync(cancellationToken).ConfigureAwait(false);
        return await Task.Run(() => Stackmark.Tempest.TempestTree.Scan(package), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where the tempest Python package lives, asked of the interpreter the tempest script runs with.</summary>
    private async Task<string> PackageDirectoryAsync(CancellationToken cancellationToken)
    {
        if (_packageDirectory is not null)
        {
            return _packageDirectory;
        }

        var python = "/usr/bin/python3";
        if (File.Exists(executable) && File.ReadLines(executable).FirstOrDefault() is { } shebang && shebang.StartsWith("#!", StringComparison.Ordinal))
        {
            python = shebang[2..].Trim().Split(' ')[0];
        }

        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-c", "import os, tempest; print(os.path.dirname(tempest.__file__))" })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["PATH"] = "/usr/bin:/bin";
        psi.Environment.Remove("PYTHONPATH");
        using var p = Process.Start(psi) ?? throw new TempestRunnerException($"could not start {python}");
        var stdout = await p.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        var stderr = await p.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await p.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (p.ExitCode != 0 || !Directory.Exists(stdout.Trim()))
        {
            throw new TempestRunnerException($"{python} cannot import tempest: {Last(stderr + stdout)} (install Debian's python3-tempest)");
        }

        return _packageDirectory = stdout.Trim();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListTestsAsync(string workspace, CancellationToken cancellationToken)
    {
        var (code, stdout, stderr) = await CaptureAsync(workspace, ["run", "--list-tests"], cancellationToken).ConfigureAwait(false);
        if (code != 0)
        {
            throw new TempestRunnerException($"tempest run --list-tests failed ({code}): {Last(stderr + stdout)}");
        }

        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Tempest runs in a session of its own (<c>setsid</c>), so that a stop reaches stestr and every worker: SIGINT first
    /// (stestr flushes the results of the tests that finished), SIGTERM after a grace, then SIGKILL; the hard-stop token
    /// given at construction skips the grace. It returns only when no process of that session is left, also when
    /// <paramref name="consume"/> throws.
    /// </remarks>
    public async Task<int> RunAsync(string workspace, string loadList, TempestRunOptions options, Func<Stream, Task> consume, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(consume);
        List<string> args = ["run", "--subunit", "--load-list", loadList];
        args.AddRange(options.Concurrency is 1 ? ["--serial"] : options.Concurrency is { } n ? ["--concurrency", n.ToString(System.Globalization.CultureInfo.InvariantCulture)] : []);
        // Tempest's base test class reads OS_TEST_TIMEOUT (whole seconds) and fails a test method that runs longer.
        // Unbuffered Python: stestr's stream reaches us as each test finishes (live progress, and the finished tests'
        // results are ours before a stop), whatever the caller's environment says.
        var environment = new Dictionary<string, string> { ["PYTHONUNBUFFERED"] = "1" };
        if (options.TestTimeout is { } limit)
        {
            environment["OS_TEST_TIMEOUT"] = Math.Max(1, (int)Math.Ceiling(limit.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var grouped = File.Exists(Setsid) && File.Exists(Env);
        using var process = Start(workspace, args, redirectInput: false, environment, grouped);
        // setsid execs in place (a fresh child is no group leader), so the pid is Tempest's and leads the new session.
        var group = grouped ? new ProcessGroup(process.Id) : null;
        var stderrFile = Path.Combine(workspace, "tempest-stderr.log");
        var stderrCopy = CopyToFileAsync(process.StandardError.BaseStream, stderrFile);
        using var forced = CancellationTokenSource.CreateLinkedTokenSource(hardStop);
        Task? stopping = null;
        var gate = new object();
        void Stop()
        {
            lock (gate)
            {
                stopping ??= group is not null
                    ? Task.Run(() => group.StopAsync(StopGrace, forced.Token), CancellationToken.None)
                    : Task.Run(() => Interrupt(process, forced.Token), CancellationToken.None);
            }
        }

        using (cancellationToken.Register(Stop))
        {
            try
            {
                await consume(process.StandardOutput.BaseStream).ConfigureAwait(false);
            }
            catch
            {
                // The runner itself failed: take Tempest down at once rather than leave it running against the cloud.
                await forced.CancelAsync().ConfigureAwait(false);
                Stop();
                throw;
            }
            finally
            {
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                await stderrCopy.ConfigureAwait(false);
                if (group is not null && group.Members().Count > 0)
                {
                    // Tempest is gone but some of its workers are not: the run is over only when none is left.
                    Stop();
                }

                if (stopping is not null)
                {
                    await stopping.ConfigureAwait(false);
                }
            }
        }

        return process.ExitCode;
    }

    private const string Setsid = "/usr/bin/setsid";

    private const string Env = "/usr/bin/env";

    // Without setsid: SIGINT to Tempest alone, then its process tree is killed after the grace.
    private static async Task Interrupt(Process process, CancellationToken force)
    {
        try
        {
            if (process.HasExited)
            {
                return;
            }

            _ = Kill(process.Id, ProcessGroup.Interrupt);
            try
            {
                await process.WaitForExitAsync(force).WaitAsync(StopGrace, force).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);

    private async Task<(int Code, string Stdout, string Stderr)> CaptureAsync(string? cwd, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        using var process = Start(cwd, args, redirectInput: false);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    private Process Start(string? cwd, IReadOnlyList<string> args, bool redirectInput, IReadOnlyDictionary<string, string>? environment = null, bool ownSession = false)
    {
        var psi = new ProcessStartInfo(ownSession ? Setsid : executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            WorkingDirectory = cwd ?? Environment.CurrentDirectory,
        };
        // In its own session, with SIGINT, SIGTERM and SIGHUP at their defaults (coreutils' env): a caller that ignores
        // SIGINT (a CI job, a test host) passes that on through exec, and Python then installs no KeyboardInterrupt
        // handler, so stestr would sleep through the stop's SIGINT until the grace ran out.
        foreach (var a in ownSession ? [Env, "--default-signal=INT,TERM,HUP", executable, .. args] : args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["PATH"] = "/usr/bin:/bin";
        psi.Environment.Remove("PYTHONPATH");
        psi.Environment.Remove("VIRTUAL_ENV");
        psi.Environment.Remove("OS_TEST_TIMEOUT");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        try
        {
            return Process.Start(psi) ?? throw new TempestRunnerException($"could not start {executable}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new TempestRunnerException($"could not start {executable}: {e.Message} (install Debian's python3-tempest)", e);
        }
    }

    // Appends: a resumed run starts Tempest again in the same workspace, and the first part's stderr is evidence too.
    private static async Task CopyToFileAsync(Stream source, string path)
    {
        await using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        var header = System.Text.Encoding.UTF8.GetBytes($"--- tempest started {DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ} ---\n");
        await file.WriteAsync(header).ConfigureAwait(false);
        await source.CopyToAsync(file).ConfigureAwait(false);
    }

    private static string Last(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "(no output)" : lines[^1];
    }
}
