using System.Diagnostics;
using System.Text.Json;
using Stackmark.Tests.Support;

namespace Stackmark.EndToEnd.Tests;

/// <summary>
/// Certifying the way vendors hold a cloud: member accounts only (the devcloud's accounts.yaml: no admin role, one
/// account with ResellerAdmin), over HTTPS with the cloud's own CA (scripts/test.sh starts phase 1's cloud with
/// <c>--tls --regions 2</c>), in either region — and a verdict that never blames the cloud for the runner's set-up.
/// </summary>
[Collection(DevCloudCollection.Name)]
public sealed class MemberAccountTests
{
    private static readonly string Interop = InteropData.Directory;

    private static string[] StorageRun(string dir, params string[] more) =>
        ["run", "--guideline", "2019.11", "--target", "object", "--source", Interop, "--out", dir, "--progress", "plain", .. more];

    [SkippableFact]
    public async Task Member_accounts_certify_storage_twice_alike_over_https_leaving_every_account_as_found()
    {
        DevCloud.Require();
        RequireTls();
        var before = await MemberAccounts.InventoryAsync();
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var dir = RunTests.NewRunDir();
            var (exit, output, err) = await DevCloud.StackmarkAsync(StorageRun(dir, "--os-cloud", "devcloud", "--accounts", MemberAccounts.AccountsFile));
            RunEvidence.Check(dir, exit, output, err, () =>
            {
                Assert.True(exit == 0, $"run {attempt} exited {exit}");
                AssertAllPassed(dir, 58);
                var conf = File.ReadAllText(Path.Combine(dir, "tempest.redacted.conf"));
                Assert.Contains("uri_v3 = https://", conf, StringComparison.Ordinal);
                Assert.Contains("ca_certificates_file = ", conf, StringComparison.Ordinal);
                Assert.Contains("use_dynamic_credentials = false", conf, StringComparison.Ordinal);
            });
            Assert.Equal(before, await MemberAccounts.InventoryAsync());
        }
    }

    [SkippableFact]
    public async Task Member_accounts_certify_region_two_through_its_own_endpoints_only()
    {
        DevCloud.Require();
        DevCloud.Need(File.Exists(MemberAccounts.Log("swift-proxy-r2")), "STACKMARK_REQUIRE_DEVCLOUD",
            "the devcloud has no RegionTwo (scripts/test.sh starts it with --regions 2)", "the devcloud has no RegionTwo (start.sh --regions 2)");
        var (r1, r2) = (MemberAccounts.Lines("swift-proxy"), MemberAccounts.Lines("swift-proxy-r2"));
        var dir = RunTests.NewRunDir();
        var (exit, output, err) = await DevCloud.StackmarkAsync(StorageRun(dir, "--os-cloud", "devcloud", "--os-region", "RegionTwo", "--accounts", MemberAccounts.AccountsFile));
        RunEvidence.Check(dir, exit, output, err, () =>
        {
            Assert.Equal(0, exit);
            AssertAllPassed(dir, 58);
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")));
            Assert.Equal("RegionTwo", manifest.RootElement.GetProperty("cloud").GetProperty("region").GetString());
            // Every object-storage request of the run went to RegionTwo's proxy: RegionOne's log did not grow.
            Assert.True(MemberAccounts.Lines("swift-proxy-r2") - r2 > 100, $"RegionTwo's proxy logged {MemberAccounts.Lines("swift-proxy-r2") - r2} lines");
            Assert.Equal(r1, MemberAccounts.Lines("swift-proxy"));
        });
    }

    [SkippableFact]
    public async Task One_member_account_stops_before_tempest_naming_the_second_account_and_the_role()
    {
        DevCloud.Require();
        var dir = RunTests.NewRunDir();
        var clock = Stopwatch.StartNew();
        var (exit, output, err) = await DevCloud.StackmarkAsync(StorageRun(dir, "--os-cloud", "devcloud"));
        clock.Stop();
        Assert.True(exit == 2, $"exit {exit}\n{output}\n{err}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        var said = output + err;
        Assert.Contains("ResellerAdmin", said, StringComparison.Ordinal);
        Assert.Matches("(?i)(second|alternate|alt) ", said);
        Assert.False(File.Exists(Path.Combine(dir, "subunit.v2")), "Tempest ran although the accounts could not serve the plan");
    }

    [SkippableFact]
    public async Task Accept_incomplete_with_one_account_is_incomplete_never_not_compliant()
    {
        DevCloud.Require();
        var dir = RunTests.NewRunDir();
        var (exit, output, err) = await DevCloud.StackmarkAsync(StorageRun(dir, "--os-cloud", "devcloud", "--accept-incomplete"));
        RunEvidence.Check(dir, exit, output, err, () =>
        {
            Assert.Equal(4, exit);
            Assert.DoesNotContain("NOT COMPLIANT", output, StringComparison.Ordinal);
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")));
            Assert.Equal("incomplete", manifest.RootElement.GetProperty("verdict").GetString());
            using var full = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "full-results.json")));
            var tests = full.RootElement.GetProperty("tests").EnumerateArray().ToList();
            var accounts = tests.Where(t => t.TryGetProperty("category", out var c) && c.GetString() == "accounts").ToList();
            Assert.True(accounts.Count >= 16, $"{accounts.Count} tests marked accounts");
            Assert.DoesNotContain(tests, t => t.TryGetProperty("category", out var c) && c.GetString() == "failure");
        });
    }

    private static void AssertAllPassed(string dir, int count)
    {
        using var full = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "full-results.json")));
        var tests = full.RootElement.GetProperty("tests").EnumerateArray().ToList();
        Assert.Equal(count, tests.Count);
        var notPassed = tests.Where(t => t.GetProperty("status").GetString() != "pass").Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.True(notPassed.Count == 0, $"{notPassed.Count} did not pass: {string.Join(", ", notPassed.Take(10))}");
    }

    // Under CI the phase-1 cloud must be the HTTPS one; elsewhere a plain devcloud just skips the TLS checks' premise.
    private static void RequireTls()
    {
        var tls = Path.Combine(MemberAccounts.StateDir, "tls");
        DevCloud.Need(File.Exists(tls) && File.ReadAllText(tls).Trim() == "on", "STACKMARK_REQUIRE_DEVCLOUD",
            "the devcloud does not serve HTTPS (scripts/test.sh starts phase 1's cloud with --tls)", "the devcloud serves plain HTTP (start.sh --tls)");
    }
}
