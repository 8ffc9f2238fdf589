using System.Diagnostics;
using Stackmark.Tests.Support;

namespace Stackmark.Tempest.Tests;

/// <summary>Reading a Tempest tree statically finds what Tempest's own loader finds.</summary>
public sealed class TempestTreeTests
{
    private const string DebianTempest = "/usr/lib/python3/dist-packages/tempest";

    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "Fixtures", "fakeplugin");

    [Fact]
    public void Inherited_tests_docstrings_import_aliases_and_overrides_are_handled()
    {
        var tree = TempestTree.Scan(Fixture);
        var names = tree.Names.Select(n => n.Value).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
        [
            "fakeplugin.tests.api.test_zones.ZonesAdminTest.test_inherited",
            "fakeplugin.tests.api.test_zones.ZonesTest.test_create_zone",
            "fakeplugin.tests.api.test_zones.ZonesTest.test_inherited",
            "fakeplugin.tests.api.test_zones.ZonesTest.test_without_id",
        ], names);
        Assert.True(tree.TryFindByName(new TestName("fakeplugin.tests.api.test_zones.ZonesTest.test_inherited"), out var inherited));
        Assert.Equal(IdempotentId.Parse("11111111-0000-4000-8000-000000000001"), inherited);
        Assert.True(tree.TryFindByName(new TestName("fakeplugin.tests.api.test_zones.ZonesAdminTest.test_inherited"), out var overridden));
        Assert.Equal(IdempotentId.Parse("33333333-0000-4000-8000-000000000003"), overridden);
        Assert.True(tree.TryFindByName(new TestName("fakeplugin.tests.api.test_zones.ZonesTest.test_without_id"), out var none));
        Assert.Null(none);
        Assert.Single(tree.FindById(IdempotentId.Parse("22222222-0000-4000-8000-000000000002")));
    }

    [SkippableFact]
    public void The_scan_of_debians_tempest_equals_stestr_list_names_and_ids()
    {
        RequireTempest();
        var listed = StestrList();
        var tree = TempestTree.Scan(DebianTempest);
        var ours = tree.Names.Select(n => n.Value).ToHashSet(StringComparer.Ordinal);
        var theirs = listed.Select(l => TestName.FromTempestId(l).Name.Value).ToHashSet(StringComparer.Ordinal);
        Assert.True(theirs.Count > 1500, $"stestr listed only {theirs.Count} tests");
        Assert.Empty(theirs.Except(ours).Take(10));
        Assert.Empty(ours.Except(theirs).Take(10));
        foreach (var line in listed)
        {
            var (name, id) = TestName.FromTempestId(line);
            Assert.True(tree.TryFindByName(name, out var ourId));
            Assert.Equal(id, ourId);
        }
    }

    [SkippableFact]
    public void Guideline_2020_06_validates_against_tempest_33_with_the_known_rename_and_removal_only()
    {
        RequireTempest();
        var tree = TempestTree.Scan(DebianTempest);
        var g = InteropData.Load("2020.06.json");
        var findings = GuidelineValidator.Validate(g, "2020.06.json", tempest: tree).Where(f => f.Code.StartsWith("tempest-", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(findings, f => f.Severity == Severity.Error);
        Assert.Contains(findings, f => f.Code == "tempest-renamed" && f.Message.Contains("test_update_router_unset_gateway", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Code == "tempest-missing-flagged" && f.Message.Contains("test_update_snapshot_metadata", StringComparison.Ordinal));
        Assert.True(tree.TryFindByName(new TestName("tempest.api.compute.servers.test_create_server.ServersTestManualDisk.test_host_name_is_same_as_server_name"), out var id));
        Assert.Equal(IdempotentId.Parse("ac1ad47f-984b-4441-9274-c9079b7a0666"), id);
    }

    [SkippableFact]
    public void Gates_come_from_skip_decorators_and_skip_checks_in_tempests_source()
    {
        RequireTempest();
        var tree = TempestTree.Scan(DebianTempest);
        var metadata = tree.GatesOf(new TestName("tempest.api.compute.servers.test_server_metadata.ServerMetadataTestJSON.test_list_server_metadata"));
        Assert.Contains(new TempestOption("compute-feature-enabled", "xenapi_apis", true), metadata);
        Assert.Contains(new TempestOption("service_available", "nova", true), metadata);
        var hostName = tree.GatesOf(new TestName("tempest.api.compute.servers.test_create_server.ServersTestJSON.test_host_name_is_same_as_server_name"));
        Assert.Contains(hostName, g => g.IsGuestValidation && g.RunsWhen);
        Assert.DoesNotContain(tree.GatesOf(new TestName("tempest.api.compute.servers.test_create_server.ServersTestJSON.test_list_servers")), g => g.IsGuestValidation);
    }

    private static void RequireTempest()
    {
        // In CI the test script installs python3-tempest; a missing tree there is a failure, not a skip.
        var present = Directory.Exists(DebianTempest);
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.True(present, $"{DebianTempest} is missing: install python3-tempest");
        }

        Skip.IfNot(present, "python3-tempest is not installed");
    }

    private static List<string> StestrList()
    {
        var dir = Directory.CreateTempSubdirectory("stackmark-stestr").FullName;
        Run(dir, "init");
        var output = Run(dir, "--test-path", DebianTempest + "/test_discover", "--top-dir", Path.GetDirectoryName(DebianTempest)!, "list");
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith("tempest.", StringComparison.Ordinal))];
    }

    private static string Run(string cwd, params string[] args)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3", ["-m", "stestr", .. args])
        {
            WorkingDirectory = cwd,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["PATH"] = "/usr/bin:/bin";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(300_000), "stestr list did not finish in 5 minutes");
        Assert.True(p.ExitCode == 0, $"stestr {string.Join(' ', args)} failed: {stderr.Result}");
        return stdout.Result;
    }
}
