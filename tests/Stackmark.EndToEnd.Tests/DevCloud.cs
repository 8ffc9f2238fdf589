using System.Diagnostics;
using System.Text.Json;
using Stackmark.Cli;

namespace Stackmark.EndToEnd.Tests;

/// <summary>The project's loopback cloud (deploy/devcloud), which the test script starts before the tests.</summary>
internal static class DevCloud
{
    /// <summary>Skips when the cloud is not up, but fails instead when STACKMARK_REQUIRE_DEVCLOUD=1 (CI).</summary>
    public static void Require()
    {
        Need(IsUp(), "STACKMARK_REQUIRE_DEVCLOUD",
            "the devcloud is not answering on 127.0.0.1:5000 (deploy/devcloud/start.sh)", "the devcloud is not running (deploy/devcloud/start.sh)");
        Skip.IfNot(File.Exists("/usr/bin/tempest"), "python3-tempest is not installed");
    }

    /// <summary>The compute profile (Nova on 127.0.0.1:8774); required when STACKMARK_REQUIRE_COMPUTE=1.</summary>
    public static void RequireCompute()
    {
        Require();
        Need(IsUp("http://127.0.0.1:8774/"), "STACKMARK_REQUIRE_COMPUTE",
            "the devcloud's compute profile is not answering on 127.0.0.1:8774 (deploy/devcloud/start.sh --profile compute)", "the devcloud's compute profile is not running");
    }

    /// <summary>
    /// The storage profile only: Nova is not answering on 127.0.0.1:8774. A test about a cloud without compute run on a
    /// compute cloud would run the whole compute list instead (15 minutes) and then fail on its premise, so it fails
    /// at once under STACKMARK_REQUIRE_DEVCLOUD=1 (CI) naming the cause, and skips otherwise.
    /// </summary>
    public static void RequireStorageOnly()
    {
        Require();
        Need(!IsUp("http://127.0.0.1:8774/"), "STACKMARK_REQUIRE_DEVCLOUD",
            "this test needs the devcloud's storage profile, but Nova answers on 127.0.0.1:8774: the cloud runs the compute profile (a state dir grown to compute starts whole; scripts/test.sh wipes its own state dir for this)",
            "the devcloud runs the compute profile; this test needs a cloud without compute");
    }

    /// <summary>
    /// A test's precondition: when <paramref name="requiredBy"/> is set to 1 (CI), an unmet one fails the test with
    /// <paramref name="failure"/>; otherwise it skips the test with <paramref name="skip"/>.
    /// </summary>
    public static void Need(bool met, string requiredBy, string failure, string skip)
    {
        if (Environment.GetEnvironmentVariable(requiredBy) == "1")
        {
            Assert.True(met, failure);
        }

        Skip.IfNot(met, skip);
    }

    private static bool IsUp(string url = "http://127.0.0.1:5000/v3")
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            return http.GetAsync(url).GetAwaiter().GetResult().IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>The identity service's id as Keystone's admin lists it: refstack-client's cpid.</summary>
    public static string IdentityServiceId()
    {
        var psi = new ProcessStartInfo("/usr/bin/openstack", ["--os-cloud", "devcloud-admin", "service", "list", "-f", "json"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["PATH"] = "/usr/bin:/bin";
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, p.StandardError.ReadToEnd());
        return JsonDocument.Parse(output).RootElement.EnumerateArray().Single(s => s.GetProperty("Type").GetString() == "identity").GetProperty("ID").GetString()!;
    }

    /// <summary>`stackmark ARGS` in process, stopped (as Ctrl-C would) after 15 minutes.</summary>
    public static Task<(int Exit, string Out, string Err)> StackmarkAsync(params string[] args) => StackmarkAsync(TimeSpan.FromMinutes(15), args);

    /// <summary>
    /// `stackmark ARGS` in process, stopped after <paramref name="limit"/>: a hung run then still leaves its
    /// partial results (and unfinished tests) for <see cref="RunEvidence"/> instead of eating CI's whole budget.
    /// </summary>
    public static async Task<(int Exit, string Out, string Err)> StackmarkAsync(TimeSpan limit, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var deadline = new CancellationTokenSource(limit);
        var exit = await CliApp.RunAsync(args, CliContext.Plain(output, error), deadline.Token);
        if (deadline.IsCancellationRequested)
        {
            error.WriteLine($"(test) the run was stopped after its limit of {limit.TotalMinutes:0} min");
        }

        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>
    /// FILE ARGS as a child process with <paramref name="environment"/> added; its whole process tree is killed after
    /// <paramref name="limit"/>, and the error output then says so.
    /// </summary>
    public static async Task<(int Exit, string Out, string Err)> RunProcessAsync(
        string file, IEnumerable<string> args, TimeSpan limit, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(limit);
        var note = "";
        try
        {
            await p.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
            note = $"\n(test) the process was stopped after its limit of {limit.TotalMinutes:0} min";
        }

        return (p.ExitCode, await stdout, await stderr + note);
    }
}
