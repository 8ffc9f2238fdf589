using System.Diagnostics;
using System.Text.Json;
using Stackmark.Tests.Support;

namespace Stackmark.EndToEnd.Tests;

/// <summary>
/// `stackmark run` against the real loopback cloud with Debian's Tempest: the verdicts, files and cpid a vendor
/// would upload. One class, so runs do not compete for the two cores.
/// </summary>
[Collection(DevCloudCollection.Name)]
public sealed class RunTests(StorageRun storage)
{
    private static readonly string Interop = InteropData.Directory;

    internal static string NewRunDir() => Path.Combine(Path.GetTempPath(), "stackmark-e2e", Guid.NewGuid().ToString("N")[..8]);

    [SkippableFact]
    public async Task Powered_storage_2019_11_passes_every_required_test_with_evidence_and_cpid()
    {
        DevCloud.Require();
        var (exit, output, err, dir) = await storage.RunAsync();
        Assert.True(exit == 0, RunEvidence.Describe(dir, exit, output, err));
        Assert.Contains("COMPLIANT", output, StringComparison.Ordinal);

        using var full = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "full-results.json")));
        var tests = full.RootElement.GetProperty("tests").EnumerateArray().ToList();
        Assert.Equal(58, tests.Count);
        Assert.True(tests.All(t => t.GetProperty("status").GetString() == "pass"), RunEvidence.Describe(dir, exit, output, err));

        var results = RefStackResults.Parse(File.ReadAllBytes(Path.Combine(dir, "results.json")), "results.json");
        Assert.True(results.Success, results.ToString());
        Assert.Equal(DevCloud.IdentityServiceId(), results.Value!.Cpid);
        Assert.Equal(58, results.Value.Passed.Count);
        Assert.All(results.Value.Passed, p => Assert.NotNull(p.Id));

        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")));
        Assert.True(report.RootElement.GetProperty("compliant").GetBoolean());
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")));
        Assert.Contains("33.0.0", manifest.RootElement.GetProperty("tempest").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, manifest.RootElement.GetProperty("tempest_exit_code").GetInt32());
        Assert.Contains("<testsuite name=\"objectstore-container-create\"", File.ReadAllText(Path.Combine(dir, "junit.xml")), StringComparison.Ordinal);

        // The raw stream is genuine subunit v2: Debian's own tool counts the same 58 passes.
        var psi = new ProcessStartInfo("/usr/bin/subunit-stats") { RedirectStandardInput = true, RedirectStandardOutput = true };
        psi.Environment["PATH"] = "/usr/bin:/bin";
        using var stats = Process.Start(psi)!;
        await using (var raw = File.OpenRead(Path.Combine(dir, "subunit.v2")))
        {
            await raw.CopyToAsync(stats.StandardInput.BaseStream);
        }

        stats.StandardInput.Close();
        var statsOut = await stats.StandardOutput.ReadToEndAsync();
        await stats.WaitForExitAsync();
        Assert.Matches(@"Total tests:\s+58", statsOut);
        Assert.Matches(@"Passed tests:\s+58", statsOut);
    }

    [SkippableFact]
    public async Task Platform_on_a_cloud_without_compute_is_not_compliant_and_names_the_missing_capabilities()
    {
        DevCloud.RequireStorageOnly();
        var dir = NewRunDir();
        var (exit, output, err) = await DevCloud.StackmarkAsync(TimeSpan.FromMinutes(12), "run", "--os-cloud", "devcloud-admin", "--guideline", "2019.11", "--target", "platform", "--source", Interop, "--out", dir, "--progress", "quiet", "--test-timeout", "240");
        RunEvidence.Check(dir, exit, output, err, () =>
        {
            Assert.True(exit == 1, $"exit {exit}, expected 1 (not compliant)");
            Assert.Contains("NOT COMPLIANT", output, StringComparison.Ordinal);
            using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")));
            var failing = report.RootElement.GetProperty("capabilities").EnumerateArray()
                .Where(c => c.GetProperty("status").GetString() == "required" && c.GetProperty("verdict").GetString() == "fail")
                .Select(c => c.GetProperty("id").GetString()!).ToList();
            Assert.Contains("compute-servers-create", failing);
            Assert.Contains("networks-l2-CRUD", failing);
            Assert.DoesNotContain(failing, c => c.StartsWith("objectstore-", StringComparison.Ordinal));
            using var full = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "full-results.json")));
            var computeCreate = full.RootElement.GetProperty("tests").EnumerateArray().First(t => t.GetProperty("capability").GetString() == "compute-servers-create");
            Assert.Equal(("skip", "service-unavailable"), (computeCreate.GetProperty("status").GetString(), computeCreate.GetProperty("category").GetString()));
            Assert.Contains("service-unavailable", output, StringComparison.Ordinal);
            Assert.Contains("need cinder, neutron, nova, which the cloud's catalog lacks", output, StringComparison.Ordinal);
        });
    }

    [SkippableFact]
    public async Task Bad_credentials_are_a_usage_error_and_an_unreachable_cloud_a_runner_error()
    {
        DevCloud.Require();
        var dir = Directory.CreateTempSubdirectory("stackmark-clouds").FullName;
        var clouds = Path.Combine(dir, "clouds.yaml");
        await File.WriteAllTextAsync(clouds, """
            clouds:
              wrong:
                auth: {auth_url: "http://127.0.0.1:5000/v3", username: demo, password: not-the-password, project_name: demo, user_domain_name: Default, project_domain_name: Default}
                region_name: RegionOne
              gone:
                auth: {auth_url: "http://127.0.0.1:1/v3", username: demo, password: x, project_name: demo, user_domain_name: Default, project_domain_name: Default}
            """);
        var old = Environment.GetEnvironmentVariable("OS_CLIENT_CONFIG_FILE");
        Environment.SetEnvironmentVariable("OS_CLIENT_CONFIG_FILE", clouds);
        try
        {
            var wrongDir = NewRunDir();
            var (exit, _, err) = await DevCloud.StackmarkAsync("run", "--os-cloud", "wrong", "--guideline", "2019.11", "--target", "object", "--source", Interop, "--out", wrongDir);
            Assert.Equal(2, exit);
            Assert.Contains("credentials were refused (401", err, StringComparison.Ordinal);
            Assert.False(Directory.Exists(wrongDir), "a run that never started leaves no run directory");
            (exit, _, err) = await DevCloud.StackmarkAsync("run", "--os-cloud", "gone", "--guideline", "2019.11", "--target", "object", "--source", Interop, "--out", NewRunDir());
            Assert.Equal(3, exit);
            Assert.Contains("127.0.0.1:1", err, StringComparison.Ordinal);
            (exit, _, err) = await DevCloud.StackmarkAsync("run", "--os-cloud", "nowhere", "--guideline", "2019.11", "--target", "object", "--source", Interop, "--out", NewRunDir());
            Assert.Equal(2, exit);
            Assert.Contains("nowhere", err, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("OS_CLIENT_CONFIG_FILE", old);
        }
    }
}
