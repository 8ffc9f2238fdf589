using System.Text.Json;
using Stackmark.Tests.Support;

namespace Stackmark.EndToEnd.Tests;

/// <summary>
/// OpenStack Powered Platform 2020.06 on the devcloud's compute profile with real guests
/// (<c>deploy/devcloud/start.sh --profile compute --virt qemu</c>: Nova libvirt with TCG, file-backed Cinder volumes):
/// compliant, all 273 counted tests pass, with Tempest's guest validation (SSH into the guests) on — every Tempest
/// setting it needs discovered by the runner, none given by hand.
/// </summary>
/// <remarks>
/// That cloud lives in the network namespace <c>stackmark-cloud</c>: its 127.0.0.1 and the guests' subnet exist only
/// there, and so does its clouds.yaml. A run in this test process could not reach it (Tempest, a child of the
/// runner, must be in the namespace too), so the built CLI runs as a child process through
/// <c>deploy/devcloud/exec</c>, which enters the namespace.
/// </remarks>
[Collection(DevCloudCollection.Name)]
[Trait("devcloud", "realguest")]
public sealed class RealGuestTests
{
    [SkippableFact]
    public async Task Powered_platform_2020_06_passes_all_273_with_guest_validation_on()
    {
        RequireRealGuestCloud();
        var dir = RunTests.NewRunDir();
        var args = new List<string>
        {
            "dotnet", StackmarkDll(), "run", "--os-cloud", "devcloud-admin", "--guideline", "2020.06", "--target", "platform",
            "--source", InteropData.Directory, "--out", dir, "--progress", "plain", "--concurrency", "2", "--test-timeout", "900",
        };
        // No --override and no --validation: discovery must find the guests' network, how to reach it, the SSH user
        // (the images' os_admin_user) and the server-metadata flag on its own.
        // The reference measured 466 s of `tempest run`; 40 minutes leave room for a loaded CI machine.
        var (exit, output, err) = await RunInNamespaceAsync(TimeSpan.FromMinutes(40), args);

        RunEvidence.Check(dir, exit, output, err, () =>
        {
            Assert.Equal(0, exit);
            using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")));
            Assert.True(report.RootElement.GetProperty("compliant").GetBoolean(), "report.json: not compliant");

            using var full = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "full-results.json")));
            var counted = full.RootElement.GetProperty("tests").EnumerateArray()
                .Where(t => t.GetProperty("capability_status").GetString() == "required" && !t.GetProperty("flagged").GetBoolean()).ToList();
            Assert.Equal(273, counted.Count);
            var notPassed = counted.Where(t => t.GetProperty("status").GetString() != "pass").Select(t => t.GetProperty("name").GetString()).ToList();
            Assert.True(notPassed.Count == 0, $"{notPassed.Count} of 273 did not pass: {string.Join(", ", notPassed.Take(10))}");

            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")));
            var cloud = manifest.RootElement.GetProperty("cloud");
            Assert.True(cloud.GetProperty("guest_validation").GetBoolean(), "manifest.json: guest_validation is not on");
            Assert.Contains(cloud.GetProperty("hypervisor_types").EnumerateArray(), h => string.Equals(h.GetString(), "QEMU", StringComparison.OrdinalIgnoreCase));
            var validation = manifest.RootElement.GetProperty("validation");
            Assert.Equal(("auto", true), (validation.GetProperty("mode").GetString(), validation.GetProperty("enabled").GetBoolean()));
            Assert.Equal(("fixed", "guests"), (validation.GetProperty("connect_method").GetString(), validation.GetProperty("network").GetString()));
            Assert.Equal("root", validation.GetProperty("ssh_user").GetString());
            var xen = manifest.RootElement.GetProperty("feature_flags").EnumerateArray().Single(f => f.GetProperty("option").GetString() == "compute-feature-enabled.xenapi_apis");
            Assert.Equal(("true", "discovery"), (xen.GetProperty("value").GetString(), xen.GetProperty("set_by").GetString()));
        });
    }

    private const string Namespace = "stackmark-cloud";

    private static string Exec => Path.Combine(InteropData.RepoRoot, "deploy", "devcloud", "exec");

    /// <summary>Skips unless the qemu cloud is up in its namespace; fails instead when STACKMARK_REQUIRE_REALGUEST=1.</summary>
    private static void RequireRealGuestCloud()
    {
        var why = WhyNotUp();
        if (Environment.GetEnvironmentVariable("STACKMARK_REQUIRE_REALGUEST") == "1")
        {
            Assert.True(why is null, $"the devcloud with real guests is not up: {why} (deploy/devcloud/start.sh --profile compute --virt qemu)");
        }

        Skip.If(why is not null, $"the devcloud with real guests is not up: {why}");
    }

    private static string? WhyNotUp()
    {
        if (!File.Exists($"/run/netns/{Namespace}"))
        {
            return $"no network namespace {Namespace}";
        }

        if (!File.Exists("/usr/bin/tempest"))
        {
            return "python3-tempest is not installed";
        }

        // Nova's API inside the namespace, and a QEMU hypervisor in its list (the fake profile has none of this).
        var check = RunInNamespaceAsync(TimeSpan.FromMinutes(1),
            ["/usr/bin/openstack", "--os-cloud", "devcloud-admin", "hypervisor", "list", "-f", "value", "-c", "Hypervisor Type"]).GetAwaiter().GetResult();
        if (check.Exit != 0)
        {
            return $"`exec openstack hypervisor list` exited {check.Exit}: {check.Err.Trim()}";
        }

        return check.Out.Contains("QEMU", StringComparison.OrdinalIgnoreCase) ? null : $"no QEMU hypervisor (hypervisor types: {check.Out.Trim()})";
    }

    /// <summary>The CLI built beside this test assembly's configuration (the test project references it, so it is built).</summary>
    private static string StackmarkDll()
    {
        // .../tests/Stackmark.EndToEnd.Tests/bin/<Configuration>/net10.0/
        var tfmDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfmDir.Parent!.Name;
        var dll = Path.Combine(InteropData.RepoRoot, "src", "Stackmark.Cli", "bin", configuration, tfmDir.Name, "stackmark.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: dotnet build src/Stackmark.Cli -c {configuration}");
        return dll;
    }

    /// <summary>`deploy/devcloud/exec ARGS` as a child process, stopped after <paramref name="limit"/>.</summary>
    private static Task<(int Exit, string Out, string Err)> RunInNamespaceAsync(TimeSpan limit, IEnumerable<string> args) =>
        DevCloud.RunProcessAsync(Exec, args, limit);
}
