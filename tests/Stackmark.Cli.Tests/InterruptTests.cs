using System.Diagnostics;
using System.Text.Json;
using Stackmark.Cli.Tests.Support;
using Stackmark.Tests.Support;

namespace Stackmark.Cli.Tests;

/// <summary>
/// Signals to a real `stackmark run` process driving a fake `tempest` (Fixtures/fake-tempest: real subunit v2 from
/// python3-subunit, forked workers, a pause per test) against a stub Keystone: what survives, what is written, and
/// that `--resume` completes the run to the verdict an uninterrupted one has.
/// </summary>
public sealed class InterruptTests : IDisposable
{
    private static readonly string Samples = Path.Combine(InteropData.RepoRoot, "samples", "guidelines");

    private readonly string _root = Directory.CreateTempSubdirectory("stackmark-interrupt").FullName;
    private readonly StubKeystone _cloud = new();

    public void Dispose()
    {
        _cloud.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [SkippableFact]
    public async Task Sigterm_mid_run_stops_every_tempest_process_keeps_the_finished_tests_and_resume_completes_the_verdict()
    {
        var env = await FakeTempestAsync(delay: 1);
        var dir = Path.Combine(_root, "run");
        int exit;
        using (var run = Start(dir, env))
        {
            await DoneAsync(run, 2);
            run.Signal("TERM");
            exit = await run.ExitAsync(TimeSpan.FromSeconds(60));
            Assert.True(exit == 3, $"exit {exit}\n{run.Out}\n{run.Err}");
            Assert.Contains($"to complete the run: stackmark run --resume {dir}", run.Err, StringComparison.Ordinal);
        }

        AssertNoSurvivor();
        var finished = Done();
        foreach (var file in new[] { "results.json", "full-results.json", "junit.xml", "report.json", "report.html", "report.txt", "manifest.json", "subunit.v2" })
        {
            Assert.True(File.Exists(Path.Combine(dir, file)), file);
        }

        // Exactly the tests that finished have a result; the rest, started or not, are the interruption's.
        var tests = Tests(dir);
        Assert.Equal(finished.Order(), tests.Where(t => t.Status == "pass").Select(t => t.TempestId!).Order());
        Assert.All(tests.Where(t => t.Status != "pass"), t => Assert.Equal(("not-run", "interrupted"), (t.Status, t.Category)));
        Assert.Equal(6, tests.Count);
        Assert.InRange(tests.Count(t => t.Status == "pass"), 2, 5);
        Assert.Equal(tests.Count(t => t.Status == "pass"), RefStackResults.Parse(File.ReadAllBytes(Path.Combine(dir, "results.json")), "results.json").Value!.Passed.Count);
        using (var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json"))))
        {
            Assert.True(manifest.RootElement.GetProperty("interrupted").GetBoolean());
            Assert.Equal("SIGTERM", manifest.RootElement.GetProperty("interruption").GetProperty("cause").GetString());
        }

        File.Delete(Path.Combine(_root, "tempest.log"));
        using (var resume = new StackmarkProcess(["run", "--resume", dir, "--progress", "plain"], _root, env))
        {
            exit = await resume.ExitAsync(TimeSpan.FromMinutes(2));
            Assert.True(exit == 0, $"exit {exit}\n{resume.Out}\n{resume.Err}");
        }

        // The resume ran only what had no result, and the directory now describes the whole run.
        Assert.Equal(tests.Count - finished.Count, Done().Count);
        var whole = Path.Combine(_root, "whole");
        using (var uninterrupted = Start(whole, env))
        {
            exit = await uninterrupted.ExitAsync(TimeSpan.FromMinutes(2));
            Assert.True(exit == 0, $"exit {exit}\n{uninterrupted.Out}\n{uninterrupted.Err}");
        }

        Assert.Equal(Tests(whole).Select(t => (t.Name, t.Status, t.Category)), Tests(dir).Select(t => (t.Name, t.Status, t.Category)));
        using var merged = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")));
        Assert.False(merged.RootElement.GetProperty("interrupted").GetBoolean());
        Assert.Equal(2, merged.RootElement.GetProperty("parts").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(dir, "subunit.2.v2")));
        Assert.Equal(tests.Count, RefStackResults.Parse(File.ReadAllBytes(Path.Combine(dir, "results.json")), "results.json").Value!.Passed.Count);
    }

    [SkippableFact]
    public async Task A_second_sigint_kills_a_tempest_that_ignores_signals_and_the_outputs_are_still_written()
    {
        var env = await FakeTempestAsync(delay: 3, ignore: "INT,TERM");
        var dir = Path.Combine(_root, "run");
        using var run = Start(dir, env);
        await DoneAsync(run, 1);
        run.Signal("INT");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        // Tempest ignores SIGINT: still running, and stackmark waits for it rather than exit and orphan it.
        Assert.False(run.HasExited, run.Err);
        Assert.NotEmpty(Alive());
        var stopwatch = Stopwatch.StartNew();
        run.Signal("INT");
        var exit = await run.ExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exit == 3, $"exit {exit}\n{run.Out}\n{run.Err}");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"the forced stop took {stopwatch.Elapsed}");
        AssertNoSurvivor();
        Assert.Equal(Done().Order(), Tests(dir).Where(t => t.Status == "pass").Select(t => t.TempestId!).Order());
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")));
        var interruption = manifest.RootElement.GetProperty("interruption");
        Assert.Equal(("SIGINT", true), (interruption.GetProperty("cause").GetString(), interruption.GetProperty("forced").GetBoolean()));
        Assert.True(File.Exists(Path.Combine(dir, "junit.xml")));
    }

    private StackmarkProcess Start(string dir, IReadOnlyDictionary<string, string> env) =>
        new(["run", "--os-cloud", "stub", "--guideline", "2099.01", "--target", "object", "--type", "required,advisory", "--source", Samples,
            "--out", dir, "--progress", "plain", "--concurrency", "2", "--tempest", Path.Combine(_root, "fake-tempest")], _root, env);

    // The fake, its test list (the sample guideline's six tests), a `tempest` package for the runner's import check,
    // and a clouds.yaml naming the stub cloud.
    private async Task<IReadOnlyDictionary<string, string>> FakeTempestAsync(double delay, string ignore = "")
    {
        Skip.IfNot(OperatingSystem.IsLinux() && File.Exists("/usr/bin/setsid"), "needs Linux with util-linux's setsid");
        using (var check = Process.Start("/usr/bin/python3", ["-c", "import subunit.v2"]))
        {
            await check.WaitForExitAsync();
            Skip.IfNot(check.ExitCode == 0, "python3-subunit is not installed");
        }

        var fake = Path.Combine(_root, "fake-tempest");
        File.Copy(Path.Combine(InteropData.RepoRoot, "tests", "Stackmark.Cli.Tests", "Fixtures", "fake-tempest"), fake);
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Directory.CreateDirectory(Path.Combine(_root, "tempest"));
        await File.WriteAllTextAsync(Path.Combine(_root, "tempest", "__init__.py"), "");
        var (exit, list, err) = await Cli.RunAsync("guidelines", "tests", "2099.01", "--source", Samples, "--target", "object", "--type", "required,advisory");
        Assert.True(exit == 0, err);
        await File.WriteAllTextAsync(Path.Combine(_root, "tests.txt"), list);
        await File.WriteAllTextAsync(Path.Combine(_root, "clouds.yaml"), _cloud.CloudsYaml("stub"));
        return new Dictionary<string, string>
        {
            ["OS_CLIENT_CONFIG_FILE"] = Path.Combine(_root, "clouds.yaml"),
            ["FAKE_TEMPEST_TESTS"] = Path.Combine(_root, "tests.txt"),
            ["FAKE_TEMPEST_LOG"] = Path.Combine(_root, "tempest.log"),
            ["FAKE_TEMPEST_DELAY"] = delay.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["FAKE_TEMPEST_IGNORE"] = ignore,
        };
    }

    private string[] Log() => File.Exists(Path.Combine(_root, "tempest.log")) ? File.ReadAllLines(Path.Combine(_root, "tempest.log")) : [];

    private List<string> Done() => [.. Log().Where(l => l.StartsWith("done ", StringComparison.Ordinal)).Select(l => l["done ".Length..])];

    private async Task DoneAsync(StackmarkProcess run, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (Done().Count < count)
        {
            Assert.False(run.HasExited, $"stackmark exited before {count} tests finished\n{run.Out}\n{run.Err}");
            Assert.True(DateTime.UtcNow < deadline, $"{count} tests did not finish in 90 s\n{run.Out}\n{run.Err}");
            await Task.Delay(100);
        }
    }

    // Every process the fake Tempest started, as it logged them: "pid PID PGID SID".
    private List<(int Pid, int Group, int Session)> Processes() =>
        [.. Log().Where(l => l.StartsWith("pid ", StringComparison.Ordinal)).Select(l => l.Split(' ')).Select(f => (int.Parse(f[1]), int.Parse(f[2]), int.Parse(f[3])))];

    private List<int> Alive() => [.. Processes().Select(p => p.Pid).Where(pid => File.Exists($"/proc/{pid}/stat") && !IsZombie(pid))];

    private void AssertNoSurvivor()
    {
        var processes = Processes();
        Assert.NotEmpty(processes);
        // Tempest led a session of its own (setsid), so the stop could reach every worker.
        var leader = processes[0];
        Assert.Equal((leader.Pid, leader.Pid), (leader.Group, leader.Session));
        Assert.All(processes, p => Assert.Equal(leader.Session, p.Session));
        Assert.Empty(Alive());
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static List<(string Name, string? TempestId, string Status, string? Category)> Tests(string dir)
    {
        using var full = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "full-results.json")));
        return [.. full.RootElement.GetProperty("tests").EnumerateArray().Select(t => (
            t.GetProperty("name").GetString()!,
            t.GetProperty("tempest_id").GetString(),
            t.GetProperty("status").GetString()!,
            t.TryGetProperty("category", out var c) ? c.GetString() : null))];
    }
}
