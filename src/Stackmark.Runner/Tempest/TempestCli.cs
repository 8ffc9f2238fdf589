using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Stackmark.Runner;

/// <summary>Drives Debian's <c>tempest</c> command (python3-tempest) as a child process.</summary>
/// <remarks>
/// Runs with <c>PATH=/usr/bin:/bin</c> so Debian's Python and its packages are used, not a pyenv build on the
/// user's PATH. Tempest reads <c>etc/tempest.conf</c> from the workspace, which is its working directory.
/// </remarks>
public sealed partial class TempestCli(string executable = "/usr/bin/tempest") : ITempestRunner
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
    public async Task InitWorkspaceAsync(string directory, CancellationToken cancellationToken)
    {
        // Tempest registers workspaces by name in ~/.tempest/workspace.yaml; a unique name avoids clashes between
        // runs, and unregistering it right away leaves the user's registry as it was (the directory stays).
        var name = "stackmark-" + Guid.NewGuid().ToString("N")[..12];
        var (code, stdout, stderr) = await CaptureAsync(null, ["init", "--name", name, directory], cancellationToken).ConfigureAwait(false);
        if (code != 0)
        {
            throw new TempestRunnerException($"tempest init {directory} failed ({code}): {Last(stderr + stdout)}");
        }

        _ = await CaptureAsync(null, ["workspace", "remove", "--name", name], cancellationToken).ConfigureAwait(false);
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
    public async Task<int> RunAsync(string workspace, string loadList, int? concurrency, Func<Stream, Task> consume, CancellationToken cancellationToken)
    {
        List<string> args = ["run", "--subunit", "--load-list", loadList];
        args.AddRange(concurrency is 1 ? ["--serial"] : concurrency is { } n ? ["--concurrency", n.ToString(System.Globalization.CultureInfo.InvariantCulture)] : []);
        using var process = Start(workspace, args, redirectInput: false);
        var stderrFile = Path.Combine(workspace, "tempest-stderr.log");
        var stderrCopy = CopyToFileAsync(process.StandardError.BaseStream, stderrFile);
        using var stop = cancellationToken.Register(() => Interrupt(process));
        try
        {
            await consume(process.StandardOutput.BaseStream).ConfigureAwait(false);
        }
        finally
        {
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            await stderrCopy.ConfigureAwait(false);
        }

        return process.ExitCode;
    }

    // Ctrl-C: SIGINT lets stestr stop its workers and flush the stream; a kill follows if it does not.
    private static void Interrupt(Process process)
    {
        try
        {
            if (process.HasExited)
            {
                return;
            }

            _ = Kill(process.Id, 2);
            _ = Task.Run(async () =>
            {
                await Task.Delay(StopGrace).ConfigureAwait(false);
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            });
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

    private Process Start(string? cwd, IReadOnlyList<string> args, bool redirectInput)
    {
        var psi = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            WorkingDirectory = cwd ?? Environment.CurrentDirectory,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["PATH"] = "/usr/bin:/bin";
        psi.Environment.Remove("PYTHONPATH");
        psi.Environment.Remove("VIRTUAL_ENV");
        try
        {
            return Process.Start(psi) ?? throw new TempestRunnerException($"could not start {executable}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new TempestRunnerException($"could not start {executable}: {e.Message} (install Debian's python3-tempest)", e);
        }
    }

    private static async Task CopyToFileAsync(Stream source, string path)
    {
        await using var file = File.Create(path);
        await source.CopyToAsync(file).ConfigureAwait(false);
    }

    private static string Last(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "(no output)" : lines[^1];
    }
}
