using System.Diagnostics;
using Stackmark.Tests.Support;

namespace Stackmark.EndToEnd.Tests;

/// <summary>
/// README's main job, scripts/demo.sh, exactly as a user runs it from a fresh clone — no guideline source, no guideline:
/// cloud, certification against the newest official guideline in force from the built-in copy, registry, signed
/// upload, report URL.
/// </summary>
[Collection(DevCloudCollection.Name)]
public sealed class DemoTests
{
    [SkippableFact]
    public async Task The_demo_certifies_the_cloud_uploads_the_signed_result_and_prints_a_report_url_that_serves_it()
    {
        DevCloud.Require();
        Skip.IfNot(Environment.UserName == "root" || File.Exists("/usr/bin/sudo"), "the demo starts the devcloud as root");
        var dir = Directory.CreateTempSubdirectory("stackmark-demo").FullName;
        var (exit, output, err) = await DevCloud.RunProcessAsync("/bin/bash", [Path.Combine(InteropData.RepoRoot, "scripts", "demo.sh")], TimeSpan.FromMinutes(10), new Dictionary<string, string>
        {
            ["STACKMARK_DEMO_DIR"] = dir,
            ["STACKMARK_DEMO_PORT"] = "18765",
            ["STACKMARK_DEMO_DETACH"] = "1",
            // An empty user cache, as on a fresh machine: the built-in guidelines serve.
            ["STACKMARK_GUIDELINE_CACHE"] = Path.Combine(dir, "guideline-cache"),
        });
        try
        {
            Assert.True(exit == 0, $"exit {exit}\n{output}\n{err}");
            // 2020.06: the newest approved guideline with the object target in openstack/interop 5f7a8cf.
            Assert.Contains("Cloud certified: COMPLIANT (guideline 2020.06, OpenStack Powered Storage", output, StringComparison.Ordinal);
            Assert.Contains("Guideline 2020.06 chosen: the newest in force for object", err, StringComparison.Ordinal);
            var url = output.Split('\n').Single(l => l.StartsWith("Report:", StringComparison.Ordinal))["Report:".Length..].Trim();
            Assert.StartsWith("http://127.0.0.1:18765/results/", url, StringComparison.Ordinal);
            Assert.EndsWith("?guideline=2020.06&target=object", url, StringComparison.Ordinal);
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
