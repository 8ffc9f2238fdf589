using System.Text.Json;
using Stackmark.Tests.Support;

namespace Stackmark.EndToEnd.Tests;

/// <summary>
/// OpenStack Powered Compute 2020.06 on the devcloud's compute profile (Nova with the fake driver, Neutron,
/// Cinder): an honest "not compliant", with every required non-pass explained. The first run turns the server
/// metadata flag off by --override (which wins over discovery), so six tests skip naming the override that runs
/// them; the rerun of only the non-passes leaves the flag to discovery, which sets it because Nova serves the API.
/// </summary>
[Collection(DevCloudCollection.Name)]
[Trait("devcloud", "compute")]
public sealed class ComputeTests
{
    [SkippableFact]
    public async Task Powered_compute_2020_06_is_not_compliant_with_every_non_pass_explained_and_a_flag_rerun_fixes_six()
    {
        DevCloud.RequireCompute();
        var dir = RunTests.NewRunDir();
        var (exit, output, err) = await DevCloud.StackmarkAsync(TimeSpan.FromMinutes(35), "run", "--os-cloud", "devcloud-admin", "--guideline", "2020.06", "--target", "compute", "--source", InteropData.Directory, "--out", dir, "--progress", "quiet",
            // Snapshots never finish on the fake driver; a minute (as the reference recipe) instead of Tempest's five.
            "--override", "image.build_timeout=60", "--override", "compute-feature-enabled.xenapi_apis=false");
        Assert.True(exit == 1, RunEvidence.Describe(dir, exit, output, err));

        using var full = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "full-results.json")));
        var counted = full.RootElement.GetProperty("tests").EnumerateArray()
            .Where(t => t.GetProperty("capability_status").GetString() == "required" && !t.GetProperty("flagged").GetBoolean()).ToList();
        Assert.Equal(217, counted.Count);
        var passed = counted.Count(t => t.GetProperty("status").GetString() == "pass");
        // The reference recipe measured 205 (4 fail: snapshots and volume/image copies need a data path; 8 skip).
        Assert.True(passed is >= 200 and <= 216, $"{passed} passed\n{RunEvidence.Describe(dir, exit, output, err)}");
        var nonPass = counted.Where(t => t.GetProperty("status").GetString() != "pass").ToList();
        Assert.All(nonPass, t => Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("reason").GetString())));

        // SSH into a guest: exactly the two tests Tempest's source gates on [validation] run_validation.
        var guest = nonPass.Where(t => t.GetProperty("category").GetString() == "guest-access").Select(t => t.GetProperty("name").GetString()!).Order().ToList();
        Assert.Equal(2, guest.Count);
        Assert.Contains(guest, n => n.EndsWith("test_host_name_is_same_as_server_name", StringComparison.Ordinal));
        Assert.Contains(guest, n => n.EndsWith("test_verify_created_server_vcpus", StringComparison.Ordinal));

        // Server metadata: skipped by a Tempest flag, named with the override that runs it.
        var xen = nonPass.Where(t => t.GetProperty("reason").GetString()!.Contains("--override compute-feature-enabled.xenapi_apis=true", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, xen.Count);
        Assert.All(xen, t => Assert.Equal("tempest-config", t.GetProperty("category").GetString()));

        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")));
        var caps = report.RootElement.GetProperty("capabilities").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        Assert.Equal("guest-access", caps["compute-servers-host"].GetProperty("fails_only_for").GetString());
        Assert.Equal("guest-access", caps["compute-servers-verify"].GetProperty("fails_only_for").GetString());

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")));
        var cloud = manifest.RootElement.GetProperty("cloud");
        Assert.False(cloud.GetProperty("guest_validation").GetBoolean());
        Assert.Contains("nova", cloud.GetProperty("services").EnumerateArray().Select(s => s.GetString()));
        Assert.NotEmpty(cloud.GetProperty("hypervisor_types").EnumerateArray());
        var flag = manifest.RootElement.GetProperty("feature_flags").EnumerateArray().Single(f => f.GetProperty("option").GetString() == "compute-feature-enabled.xenapi_apis");
        Assert.Equal(("false", "override"), (flag.GetProperty("value").GetString(), flag.GetProperty("set_by").GetString()));
        Assert.Equal(6, flag.GetProperty("gates_planned_tests").GetArrayLength());

        // Rerun only the non-passes, the flag left to discovery (Nova serves server metadata): the six now pass.
        var rerunDir = RunTests.NewRunDir();
        (exit, output, err) = await DevCloud.StackmarkAsync(TimeSpan.FromMinutes(35), "run", "--os-cloud", "devcloud-admin", "--guideline", "2020.06", "--target", "compute", "--source", InteropData.Directory,
            "--out", rerunDir, "--progress", "quiet", "--rerun-failed", dir, "--override", "image.build_timeout=60");
        Assert.True(exit is 0 or 1, RunEvidence.Describe(rerunDir, exit, output, err));
        using var rerun = JsonDocument.Parse(File.ReadAllText(Path.Combine(rerunDir, "full-results.json")));
        var byName = rerun.RootElement.GetProperty("tests").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        foreach (var t in xen)
        {
            var again = byName[t.GetProperty("name").GetString()!];
            Assert.Equal("pass", again.GetProperty("status").GetString());
            Assert.Equal(2, again.GetProperty("attempts").GetInt32());
        }

        Assert.True(rerun.RootElement.GetProperty("counts").GetProperty("passed").GetInt32() >= passed + 6);
    }
}
