using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Stackmark.Tests.Support;

namespace Stackmark.EndToEnd.Tests;

/// <summary>
/// SIGTERM (what CI timeouts, systemd and container runtimes send) to a real `stackmark run` on the devcloud with
/// Debian's Tempest: no Tempest process outlives it, the finished tests' outputs are written, and `--resume` completes
/// the run to the verdict of the uninterrupted one (the shared storage run).
/// </summary>
[Collection(DevCloudCollection.Name)]
public sealed partial class InterruptTests(StorageRun storage)
{
    [SkippableFact]
    public async Task Sigterm_mid_run_leaves_no_tempest_process_and_resume_completes_it_to_the_uninterrupted_verdict()
    {
        DevCloud.Require();
        Skip.IfNot(File.Exists("/usr/bin/setsid"), "util-linux's setsid is missing");
        var dir = RunTests.NewRunDir();
        var output = new StringBuilder();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Dll(), "run", "--os-cloud", "devcloud-admin", "--guideline", "2019.11", "--target", "object", "--source", InteropData.Directory, "--out", dir, "--progress", "plain", "--serial" })
        {
            psi.ArgumentList.Add(a);
        }

        int exit;
        string err;
        var finishedAtSignal = 0;
        using (var run = Process.Start(psi)!)
        {
            run.OutputDataReceived += (_, e) =>
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            };
            run.BeginOutputReadLine();
            var stderr = run.StandardError.ReadToEndAsync();
            // The runner keeps Tempest's stream as it reads it: passes there are finished tests. Serial, so that the tests
            // finish one by one rather than in a burst (a loaded machine's Swift can stall a class's tests together).
            // Mid-run: at least 6 s after Tempest started (the runner creates workspace/tempest-stderr.log as it starts
            // Tempest; a serial storage run takes 20 to 45 s more) and once a first test has passed (a loaded machine may
            // take longer than 6 s to finish one, and a stop before any pass writes no results.json). stestr may pass
            // results on in bursts, so what finished by the signal is read back from the outputs afterwards.
            var deadline = DateTime.UtcNow.AddMinutes(5);
            DateTime? tempest = null;
            var subunit = Path.Combine(dir, "subunit.v2");
            while (!run.HasExited && DateTime.UtcNow < deadline
                && !(tempest is { } t && DateTime.UtcNow - t > TimeSpan.FromSeconds(6) && await PassedSoFarAsync(subunit) > 0))
            {
                if (tempest is null && File.Exists(Path.Combine(dir, "workspace", "tempest-stderr.log")))
                {
                    tempest = DateTime.UtcNow;
                }

                await Task.Delay(200);
            }

            var clock = Stopwatch.StartNew();
            var seen = tempest is { } when ? $"Tempest started {(DateTime.UtcNow - when).TotalSeconds:0.0} s before the signal" : "Tempest's start was never seen";
            Assert.False(run.HasExited, $"the run ended before it was signalled ({seen})\n{output}"); // (not stderr: awaiting it waits for the exit)
            // kill(2) from this process, as a CI runner's timeout would send it.
            var sent = Kill(run.Id, 15);
            Assert.True(sent == 0, $"kill({run.Id}, SIGTERM) = {sent}: exited {run.HasExited} ({seen}, {clock.ElapsedMilliseconds} ms later)\n{output}");

            finishedAtSignal = await PassedSoFarAsync(subunit);

            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await run.WaitForExitAsync(limit.Token);
            exit = run.ExitCode;
            err = await stderr;
        }

        RunEvidence.Check(dir, exit, output.ToString(), err, () =>
        {
            Assert.True(exit == 3, $"exit {exit}, expected 3 (interrupted; SIGTERM sent after {finishedAtSignal} passes); stderr: {err}");
            Assert.Contains($"stackmark run --resume {dir}", err, StringComparison.Ordinal);
            Assert.Empty(ProcessesIn(dir));
            foreach (var file in new[] { "results.json", "full-results.json", "junit.xml", "report.json", "report.html", "report.txt", "manifest.json" })
            {
                Assert.True(File.Exists(Path.Combine(dir, file)), file);
            }

            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")));
            Assert.True(manifest.RootElement.GetProperty("interrupted").GetBoolean());
            Assert.Equal("SIGTERM", manifest.RootElement.GetProperty("interruption").GetProperty("cause").GetString());
            var tests = Tests(dir);
            // Nothing the stop cut short is blamed on the cloud: every test passed or is the interruption's.
            Assert.All(tests, t => Assert.True(t.Status == "pass" || t.Category == "interrupted", $"{t.Name}: {t.Status}/{t.Category}"));
            Assert.InRange(tests.Count(t => t.Status == "pass"), finishedAtSignal, 57);
        });

        var (resumeExit, resumeOut, resumeErr) = await DevCloud.StackmarkAsync(TimeSpan.FromMinutes(10), "run", "--resume", dir, "--progress", "quiet");
        var (wholeExit, wholeOut, wholeErr, whole) = await storage.RunAsync();
        RunEvidence.Check(dir, resumeExit, resumeOut, resumeErr, () =>
        {
            Assert.True(wholeExit == 0, RunEvidence.Describe(whole, wholeExit, wholeOut, wholeErr));
            Assert.True(resumeExit == 0, $"exit {resumeExit}, expected 0 (compliant) like the uninterrupted run");
            Assert.Contains("COMPLIANT", resumeOut, StringComparison.Ordinal);
            Assert.Equal(Tests(whole).Select(t => (t.Name, t.Status)).Order(), Tests(dir).Select(t => (t.Name, t.Status)).Order());
            Assert.Equal(58, RefStackResults.Parse(File.ReadAllBytes(Path.Combine(dir, "results.json")), "results.json").Value!.Passed.Count);
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")));
            Assert.Equal(2, manifest.RootElement.GetProperty("parts").GetArrayLength());
            Assert.Empty(ProcessesIn(dir));
        });
    }

    private static async Task<int> PassedSoFarAsync(string subunit)
    {
        if (!File.Exists(subunit))
        {
            return 0;
        }

        // A snapshot, through cat: .NET's writer holds a lock another .NET process's open would meet. The stream is
        // still being written, so its last packet may be torn (a parser error, not a crash).
        using var cat = Process.Start(new ProcessStartInfo("/bin/cat", [subunit]) { RedirectStandardOutput = true })!;
        using var copy = new MemoryStream();
        await cat.StandardOutput.BaseStream.CopyToAsync(copy);
        await cat.WaitForExitAsync();
        copy.Position = 0;
        return (await Stackmark.Subunit.SubunitTestResults.ReadAsync(copy)).Passed;
    }

    // Processes whose command line names the run directory or that work inside it: Tempest, stestr, its workers.
    private static List<string> ProcessesIn(string dir)
    {
        var found = new List<string>();
        foreach (var proc in Directory.EnumerateDirectories("/proc").Where(p => int.TryParse(Path.GetFileName(p), out _)))
        {
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(proc, "cmdline")).Replace('\0', ' ');
                var cwd = new DirectoryInfo(Path.Combine(proc, "cwd")).LinkTarget ?? "";
                if (cmdline.Contains(dir, StringComparison.Ordinal) || cwd.StartsWith(dir, StringComparison.Ordinal))
                {
                    found.Add($"{Path.GetFileName(proc)}: {cmdline.Trim()} (in {cwd})");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone, or not ours to read.
            }
        }

        return found;
    }

    private static List<(string Name, string Status, string? Category)> Tests(string dir)
    {
        using var full = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "full-results.json")));
        return [.. full.RootElement.GetProperty("tests").EnumerateArray().Select(t => (
            t.GetProperty("name").GetString()!,
            t.GetProperty("status").GetString()!,
            t.TryGetProperty("category", out var c) ? c.GetString() : null))];
    }

    private static string Dll()
    {
        // .../tests/Stackmark.EndToEnd.Tests/bin/<Configuration>/net10.0/ → src/Stackmark.Cli/bin/<Configuration>/net10.0/stackmark.dll
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(InteropData.RepoRoot, "src", "Stackmark.Cli", "bin", tfm.Parent!.Name, tfm.Name, "stackmark.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: dotnet build src/Stackmark.Cli -c {tfm.Parent.Name}");
        return dll;
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
