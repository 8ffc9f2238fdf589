using System.Diagnostics;
using System.Text;
using Stackmark.Tests.Support;

namespace Stackmark.Cli.Tests.Support;

/// <summary>
/// The built <c>stackmark</c> CLI as a child process (src/Stackmark.Cli/bin/CONFIG/TFM/stackmark.dll, which this test
/// project's reference builds), so that tests can send it real signals.
/// </summary>
internal sealed class StackmarkProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();

    public StackmarkProcess(IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        psi.ArgumentList.Add(Dll());
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => Append(_out, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_err, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Out
    {
        get
        {
            lock (_out)
            {
                return _out.ToString();
            }
        }
    }

    public string Err
    {
        get
        {
            lock (_err)
            {
                return _err.ToString();
            }
        }
    }

    /// <summary>Sends a signal by name (TERM, INT, HUP) with /bin/kill.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("/bin/kill", ["-" + name, Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>The exit code; the process tree is killed and the test fails if it runs past <paramref name="limit"/>.</summary>
    public async Task<int> ExitAsync(TimeSpan limit)
    {
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"stackmark ran past its limit of {limit.TotalSeconds:0} s\n{Out}\n{Err}");
        }

        await _process.WaitForExitAsync(); // the output's last lines
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder to, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (to)
        {
            to.AppendLine(line);
        }
    }

    private static string Dll()
    {
        // …/tests/Stackmark.Cli.Tests/bin/CONFIG/TFM/ → …/src/Stackmark.Cli/bin/CONFIG/TFM/stackmark.dll
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(InteropData.RepoRoot, "src", "Stackmark.Cli", "bin", bin.Parent!.Name, bin.Name, "stackmark.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: dotnet build src/Stackmark.Cli -c {bin.Parent.Name}");
        return dll;
    }
}
