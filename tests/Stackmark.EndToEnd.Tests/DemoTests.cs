using System.Diagnostics;

namespace Stackmark.EndToEnd.Tests;

/// <summary>README's main job, scripts/demo.sh, exactly as a user runs it: cloud, certification, registry, signed upload, report URL.</summary>
[Collection(DevCloudCollection.Name)]
public sealed class DemoTests
{
    [SkippableFact]
    public async Task The_demo_certifies_the_cloud_uploads_the_signed_result_and_prints_a_report_url_that_serves_it()
    {
        DevCloud.Require();
        Skip.IfNot(Environment.UserName == "root" || File.Exists("/usr/bin/sudo"), "the demo starts the devcloud as root");
        var repo = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
        var dir = Directory.CreateTempSubdirectory("stackmark-demo").FullName;
        var psi = new ProcessStartInfo("/bin/bash", [Path.Combine(repo, "scripts/demo.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["STACKMARK_DEMO_DIR"] = dir;
        psi.Environment["STACKMARK_DEMO_PORT"] = "18765";
        psi.Environment["STACKMARK_DEMO_DETACH"] = "1";
        psi.Environment["STACKMARK_GUIDELINES"] = Stackmark.Tests.Support.InteropData.Directory;
        psi.Environment["STACKMARK_GUIDELINE"] = "2019.11";
        using var demo = Process.Start(psi)!;
        var stdout = demo.StandardOutput.ReadToEndAsync();
        var stderr = demo.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await demo.WaitForExitAsync(limit.Token);
        var (output, err) = (await stdout, await stderr);
        try
        {
            Assert.True(demo.ExitCode == 0, $"exit {demo.ExitCode}\n{output}\n{err}");
            Assert.Contains("Cloud certified: COMPLIANT (guideline 2019.11, OpenStack Powered Storage", output, StringComparison.Ordinal);
            var url = output.Split('\n').Single(l => l.StartsWith("Report:", StringComparison.Ordinal))["Report:".Length..].Trim();
            Assert.StartsWith("http://127.0.0.1:18765/results/", url, StringComparison.Ordinal);
            Assert.EndsWith("?guideline=2019.11&target=object", url, StringComparison.Ordinal);
            using var http = new HttpClient();
            var page = await http.GetStringAsync(url);
            Assert.Contains("objectstore-container-create", page, StringComparison.Ordinal);
            // Uploaded with the replay-protected signature, by the key the demo registered.
            Assert.Contains(" / v2</dd>", page, StringComparison.Ordinal);
        }
        finally
        {
            var pidFile = Path.Combine(dir, "serve.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
            {
                try
                {
                    using var serve = Process.GetProcessById(pid);
                    serve.Kill(entireProcessTree: true);
                }
                catch (ArgumentException)
                {
                    // Already gone.
                }
            }
        }
    }
}
