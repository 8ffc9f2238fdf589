using System.Text.Json;
using Stackmark.Tests.Support;

namespace Stackmark.Cli.Tests;

/// <summary>The guideline commands, end to end on the official files and the project's sample.</summary>
public sealed class GuidelineCommandTests
{
    private static readonly string Source = InteropData.Directory;
    private static readonly string Samples = Path.Combine(InteropData.RepoRoot, "samples");

    [Fact]
    public async Task List_shows_every_official_guideline_and_add_on()
    {
        var (exit, output, _) = await Cli.RunAsync("guidelines", "list", "--source", Source, "--format", "json");
        Assert.Equal(0, exit);
        var list = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(26, list.Count);
        var g2006 = list.Single(e => e.GetProperty("id").GetString() == "2020.06");
        Assert.Equal(("2.0", "approved"), (g2006.GetProperty("schema").GetString(), g2006.GetProperty("status").GetString()));
        Assert.Contains(list, e => e.GetProperty("id").GetString() == "orchestration.2018.02" && e.GetProperty("kind").GetString() == "add-on");
    }

    [Fact]
    public async Task Tests_prints_refstack_lines_sorted_without_duplicates()
    {
        var (exit, output, _) = await Cli.RunAsync("guidelines", "tests", "2020.06", "--source", Source, "--type", "required", "--no-flagged", "--no-aliases");
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(273, lines.Length);
        Assert.Equal(lines.Order(StringComparer.Ordinal), lines);
        Assert.Equal(lines.Length, lines.Distinct().Count());
        Assert.All(lines, l => Assert.Matches(@"^tempest\.[\w\.]+\[id-[0-9a-f\-]{36}\]$", l));
    }

    [Fact]
    public async Task Tests_of_schema_1_2_are_bare_names_and_count_127()
    {
        var (_, output, _) = await Cli.RunAsync("guidelines", "tests", "2015.03", "--source", Source, "--type", "required");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(127, lines.Length);
        Assert.DoesNotContain(lines, l => l.Contains('[', StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_add_on_target_reads_the_add_on_file_of_that_version()
    {
        var (exit, output, _) = await Cli.RunAsync("guidelines", "tests", "2020.06", "--source", Source, "--target", "dns", "--format", "json");
        Assert.Equal(0, exit);
        var tests = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(10, tests.Count);
        Assert.All(tests, t => Assert.StartsWith("designate_tempest_plugin.", t.GetProperty("name").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_versions_targets_and_statuses_are_usage_errors_with_exit_2()
    {
        var (exit, _, err) = await Cli.RunAsync("guidelines", "tests", "2031.01", "--source", Source);
        Assert.Equal((2, true), (exit, err.Contains("2031.01 is not in", StringComparison.Ordinal)));
        (exit, _, err) = await Cli.RunAsync("guidelines", "tests", "2020.06", "--source", Source, "--target", "nfv");
        Assert.Equal((2, true), (exit, err.Contains("no target 'nfv'", StringComparison.Ordinal)));
        (exit, _, err) = await Cli.RunAsync("guidelines", "tests", "2020.06", "--source", Source, "--type", "mandatory");
        Assert.Equal((2, true), (exit, err.Contains("'mandatory' is not a status", StringComparison.Ordinal)));
        (exit, _, _) = await Cli.RunAsync("guidelines", "tests", "--source", Source);
        Assert.Equal(2, exit);
        (exit, _, err) = await Cli.RunAsync("guidelines", "list", "--source", "/nonexistent/dir");
        Assert.Equal((2, true), (exit, err.Contains("/nonexistent/dir does not exist", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Show_gives_programs_components_and_counts()
    {
        var (exit, output, _) = await Cli.RunAsync("guidelines", "show", "2020.06", "--source", Source);
        Assert.Equal(0, exit);
        Assert.Contains("OpenStack Powered Compute", output, StringComparison.Ordinal);
        Assert.Contains("284 (11)", output, StringComparison.Ordinal);
        Assert.Contains("os_powered_storage", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_passes_official_files_and_fails_a_broken_one_naming_path_and_line()
    {
        var (exit, output, _) = await Cli.RunAsync("guidelines", "validate", Path.Combine(Source, "2020.06.json"), Path.Combine(Source, "add-ons", "dns.2020.06.json"));
        Assert.Equal(0, exit);
        Assert.Contains("lifecycle checked against 2019.11", output, StringComparison.Ordinal);

        var broken = Path.Combine(Path.GetTempPath(), $"stackmark-{Guid.NewGuid():N}", "2099.01.json");
        Directory.CreateDirectory(Path.GetDirectoryName(broken)!);
        await File.WriteAllTextAsync(broken, File.ReadAllText(Path.Combine(Samples, "guidelines", "2099.01.json")).Replace("\"admin\": false,\n      \"description\": \"Create containers.\"", "\"admin\": \"no\",\n      \"description\": \"Create containers.\"", StringComparison.Ordinal));
        (exit, output, _) = await Cli.RunAsync("guidelines", "validate", broken);
        Assert.Equal(1, exit);
        Assert.Contains("$.capabilities[\"objectstore-container-create\"].admin", output, StringComparison.Ordinal);
        Assert.Contains("2099.01.json:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_names_capability_and_test_changes_per_target()
    {
        var (exit, output, _) = await Cli.RunAsync("guidelines", "diff", "2019.06", "2019.11", "--source", Source, "--target", "compute", "--format", "json");
        Assert.Equal(0, exit);
        var target = JsonDocument.Parse(output).RootElement.GetProperty("targets")[0];
        Assert.Equal(14, target.GetProperty("capabilities").EnumerateArray().Count(c => c.GetProperty("before").GetString() == "removed"));
    }

    [Fact]
    public async Task Report_on_the_sample_is_compliant_through_a_renamed_test()
    {
        var (exit, output, _) = await Cli.RunAsync("report", Path.Combine(Samples, "results", "sample-cloud.json"), "--guideline", "2099.01", "--target", "object", "--source", Path.Combine(Samples, "guidelines"), "--format", "json");
        Assert.Equal(0, exit);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.True(root.GetProperty("compliant").GetBoolean());
        Assert.Equal(["identity-v3-tokens-create:pass", "objectstore-container-create:pass", "objectstore-object-create:pass", "objectstore-container-acl:fail"],
            root.GetProperty("capabilities").EnumerateArray().Select(c => c.GetProperty("id").GetString() + ":" + c.GetProperty("verdict").GetString()));
    }

    [Fact]
    public async Task Report_on_missing_required_tests_exits_1_and_lists_them()
    {
        var file = Path.Combine(Path.GetTempPath(), $"stackmark-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{"cpid": "c", "duration_seconds": 3, "results": [{"name": "tempest.api.object_storage.test_object_services.ObjectTest.test_create_object"}]}""");
        var (exit, output, _) = await Cli.RunAsync("report", file, "--guideline", "2099.01", "--target", "object", "--source", Path.Combine(Samples, "guidelines"));
        Assert.Equal(1, exit);
        Assert.Contains("NOT COMPLIANT", output, StringComparison.Ordinal);
        Assert.Contains("tempest.api.identity.v3.test_tokens.TokensV3Test.test_create_token", output, StringComparison.Ordinal);

        (exit, output, _) = await Cli.RunAsync("report", file, "--guideline", "2099.01", "--target", "object", "--source", Path.Combine(Samples, "guidelines"), "--format", "html");
        Assert.Equal(1, exit);
        Assert.StartsWith("<!DOCTYPE html>", output, StringComparison.Ordinal);
        Assert.Contains("Not compliant", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_on_a_bad_results_file_names_the_json_path()
    {
        var file = Path.Combine(Path.GetTempPath(), $"stackmark-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{"cpid": "c", "duration_seconds": 3, "results": [{"name": 7}]}""");
        var (exit, _, err) = await Cli.RunAsync("report", file, "--guideline", "2099.01", "--source", Path.Combine(Samples, "guidelines"));
        Assert.Equal(2, exit);
        Assert.Contains("$.results[0].name", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tests_that_need_guest_access_come_from_the_tempest_source()
    {
        const string tempest = "/usr/lib/python3/dist-packages/tempest";
        if (!Directory.Exists(tempest))
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", "python3-tempest is missing in CI");
            return;
        }

        var (exit, output, err) = await Cli.RunAsync("guidelines", "tests", "2020.06", "--source", Source, "--target", "compute", "--type", "required", "--no-flagged", "--tempest", tempest, "--needs", "guest-access");
        Assert.True(exit == 0, err);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains(lines, l => l.Contains("test_host_name_is_same_as_server_name", StringComparison.Ordinal) && l.Contains(" compute-servers-host ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("test_verify_created_server_vcpus", StringComparison.Ordinal) && l.Contains(" compute-servers-verify ", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Matches(@"  skipped unless \[validation\] run_validation is true: tempest/api/compute/servers/test_create_server\.py:\d+ @testtools\.skipUnless\(CONF\.validation\.run_validation,$", l));
    }

    [Fact]
    public async Task Tests_that_run_commands_in_the_guest_come_with_their_call_sites()
    {
        const string tempest = "/usr/lib/python3/dist-packages/tempest";
        if (!Directory.Exists(tempest))
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", "python3-tempest is missing in CI");
            return;
        }

        string[] args = ["guidelines", "tests", "2020.06", "--source", Source, "--target", "platform", "--type", "required", "--tempest", tempest, "--needs", "guest-os"];
        var (exit, output, err) = await Cli.RunAsync(args);
        Assert.True(exit == 0, err);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.Contains(lines, l => l.Contains("ServerActionsTestJSON.test_reboot_server_hard[", StringComparison.Ordinal)
            && l.EndsWith(" compute-servers-reboot  tempest/api/compute/servers/test_server_actions.py:134 ServerActionsTestJSON._test_reboot_server: linux_client = remote_client.RemoteClient(", StringComparison.Ordinal));

        (exit, output, err) = await Cli.RunAsync([.. args, "--format", "json"]);
        Assert.True(exit == 0, err);
        var tests = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(6, tests.Count);
        var attach = tests.Single(t => t.GetProperty("name").GetString()!.EndsWith(".test_attach_detach_volume", StringComparison.Ordinal));
        Assert.Equal(("52e9045a-e90d-4c0d-9087-79d657faffff", "compute-volume-attach"), (attach.GetProperty("id").GetString(), attach.GetProperty("capability").GetString()));
        foreach (var e in tests.SelectMany(t => t.GetProperty("evidence").EnumerateArray()))
        {
            // Every call site is that line of that file.
            var file = Path.Combine(Path.GetDirectoryName(tempest)!, e.GetProperty("file").GetString()!);
            Assert.Equal(File.ReadAllLines(file)[e.GetProperty("line").GetInt32() - 1].Trim(), e.GetProperty("code").GetString());
        }

        Assert.Contains(attach.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("code").GetString() == "disks_before_attach = linux_client.list_disks()");
    }
}
