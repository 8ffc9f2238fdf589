using System.Diagnostics;
using System.Text.Json;
using Stackmark.OpenStack;
using Stackmark.Tests.Support;

namespace Stackmark.EndToEnd.Tests;

/// <summary>
/// Runs on the member accounts (`devcloud`, `devcloud-alt`) leave the cloud as they found it: what was there stays,
/// what Tempest left is removed, and a test that needs an empty account is not blamed on the cloud.
/// </summary>
[Collection(DevCloudCollection.Name)]
public sealed class CleanupTests
{
    [SkippableFact]
    public async Task A_container_in_a_member_account_stops_the_run_before_tempest_naming_it()
    {
        DevCloud.Require();
        var name = $"kept-{Guid.NewGuid():N}"[..13];
        await using var swift = await Swift.OpenAsync("devcloud");
        await swift.PutAsync(name);
        try
        {
            var dir = RunTests.NewRunDir();
            var clock = Stopwatch.StartNew();
            // Accounts that serve the whole plan (the devcloud's accounts.yaml), so that the precondition is what stops the run.
            var (exit, output, err) = await DevCloud.StackmarkAsync(TimeSpan.FromMinutes(3), "run", "--os-cloud", "devcloud", "--accounts", MemberAccounts.AccountsFile,
                "--guideline", "2019.11", "--target", "object", "--source", InteropData.Directory, "--out", dir, "--progress", "plain");

            Assert.True(exit == 2, $"exit {exit}\n{output}\n{err}");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
            Assert.Contains($"account demo@demo holds containers {name} that AccountTest.test_list_no_containers", err, StringComparison.Ordinal);
            Assert.Contains("--accept-incomplete", err, StringComparison.Ordinal);
            Assert.False(Directory.Exists(dir), "nothing ran: no run directory is left");
        }
        finally
        {
            await swift.DeleteAsync(name);
        }
    }

    [SkippableFact]
    public async Task Two_member_runs_in_a_row_leave_the_accounts_as_found_and_agree()
    {
        DevCloud.Require();
        var name = $"kept-{Guid.NewGuid():N}"[..13];
        await using var swift = await Swift.OpenAsync("devcloud");
        await using var alt = await Swift.OpenAsync("devcloud-alt");
        await swift.PutAsync(name);
        await swift.PutAsync($"{name}/object", "pre-existing data");
        try
        {
            var before = (await swift.InventoryAsync(), await alt.InventoryAsync());
            var dirs = new List<string>();
            for (var i = 0; i < 2; i++)
            {
                var dir = RunTests.NewRunDir();
                dirs.Add(dir);
                var (exit, output, err) = await DevCloud.StackmarkAsync(TimeSpan.FromMinutes(10), "run", "--os-cloud", "devcloud", "--alt-cloud", "devcloud-alt", "--accept-incomplete",
                    "--guideline", "2019.11", "--target", "object", "--source", InteropData.Directory, "--out", dir, "--progress", "quiet");
                RunEvidence.Check(dir, exit, output, err, () =>
                {
                    using var full = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "full-results.json")));
                    var tests = full.RootElement.GetProperty("tests").EnumerateArray().ToList();
                    // The pre-existing container withholds the tests that need an empty account; none of them fails.
                    var noContainers = tests.Single(t => t.GetProperty("name").GetString()!.EndsWith("AccountTest.test_list_no_containers", StringComparison.Ordinal));
                    Assert.Equal(("not-run", "precondition"), (noContainers.GetProperty("status").GetString(), noContainers.GetProperty("category").GetString()));
                    Assert.Contains(name, noContainers.GetProperty("reason").GetString(), StringComparison.Ordinal);
                    Assert.DoesNotContain(tests, t => t.GetProperty("status").GetString() == "fail");
                    using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")));
                    var accounts = manifest.RootElement.GetProperty("cleanup").GetProperty("accounts").EnumerateArray().ToList();
                    Assert.Equal(["demo@demo", "alt_demo@alt_demo"], accounts.Select(a => a.GetProperty("account").GetString()));
                    Assert.All(accounts, a => Assert.Empty(a.GetProperty("not_removed").EnumerateArray()));
                    Assert.Contains("Cleanup of demo@demo", output, StringComparison.Ordinal);
                });

                Assert.Equal(before, (await swift.InventoryAsync(), await alt.InventoryAsync()));
                Assert.Equal("pre-existing data", await swift.GetAsync($"{name}/object"));
            }

            var (same, comparison, _) = await DevCloud.StackmarkAsync(TimeSpan.FromMinutes(1), "compare", dirs[0], dirs[1]);
            Assert.True(same == 0, comparison);
        }
        finally
        {
            await swift.DeleteAsync($"{name}/object");
            await swift.DeleteAsync(name);
        }
    }

    /// <summary>
    /// What a killed run leaves (a Tempest-named container with an object, as SIGKILL leaves it: no run cleaned it)
    /// is listed by <c>stackmark cleanup --dry-run</c> and removed by <c>stackmark cleanup</c>, in the member
    /// accounts of an accounts.yaml; what the account held under other names stays, and a second cleanup finds nothing.
    /// </summary>
    [SkippableFact]
    public async Task Cleanup_removes_what_a_killed_run_left_by_tempests_names_and_keeps_the_rest()
    {
        DevCloud.Require();
        var kept = $"kept-{Guid.NewGuid():N}"[..13];
        var left = $"tempest-TestContainer-{Random.Shared.Next(1, int.MaxValue)}";
        await using var swift = await Swift.OpenAsync("devcloud");
        await swift.PutAsync(kept);
        await swift.PutAsync(left);
        await swift.PutAsync($"{left}/tempest-TestObject-1", "left by a killed run");
        try
        {
            string[] args = ["cleanup", "--os-cloud", "devcloud", "--accounts", MemberAccounts.AccountsFile];
            var (dryExit, dryOut, dryErr) = await DevCloud.StackmarkAsync(TimeSpan.FromMinutes(2), [.. args, "--dry-run"]);
            Assert.True(dryExit == 0, $"exit {dryExit}\n{dryOut}\n{dryErr}");
            Assert.Contains($"demo@demo: would remove 1: container {left}", dryOut, StringComparison.Ordinal);
            Assert.Contains("alt_demo@alt_demo: nothing to remove", dryOut, StringComparison.Ordinal);
            Assert.Contains(left, await swift.InventoryAsync(), StringComparison.Ordinal);

            var (exit, output, err) = await DevCloud.StackmarkAsync(TimeSpan.FromMinutes(3), args);
            Assert.True(exit == 0, $"exit {exit}\n{output}\n{err}");
            Assert.Contains($"demo@demo: removed 1: container {left}", output, StringComparison.Ordinal);
            var after = await swift.InventoryAsync();
            Assert.DoesNotContain(left, after, StringComparison.Ordinal);
            Assert.Contains($"container {kept}", after, StringComparison.Ordinal);

            var (again, againOut, againErr) = await DevCloud.StackmarkAsync(TimeSpan.FromMinutes(2), args);
            Assert.True(again == 0, $"exit {again}\n{againOut}\n{againErr}");
            Assert.Contains("demo@demo: nothing to remove", againOut, StringComparison.Ordinal);
        }
        finally
        {
            await swift.DeleteAsync($"{left}/tempest-TestObject-1");
            await swift.DeleteAsync(left);
            await swift.DeleteAsync(kept);
        }
    }

    /// <summary>A member's Swift account, to set the scene (the product itself never creates anything).</summary>
    private sealed class Swift(OpenStackConnection connection, Uri account) : IAsyncDisposable
    {
        public static async Task<Swift> OpenAsync(string cloud)
        {
            var connection = OpenStackConnection.Open(CloudConfigResolver.FromSystem().Resolve(cloud));
            return new Swift(connection, await connection.FindEndpointAsync("object-store") ?? throw new InvalidOperationException("no object-store"));
        }

        /// <summary>The account's resources as kind/id pairs, sorted: what "as it was found" compares.</summary>
        public async Task<string> InventoryAsync()
        {
            var inventory = await CloudInventory.TakeAsync(connection);
            Assert.True(inventory.IsComplete, string.Join("; ", inventory.Failures));
            return string.Join(", ", inventory.Resources.Select(r => $"{r.KindWord} {r.Id}").Order(StringComparer.Ordinal));
        }

        public async Task PutAsync(string path, string body = "")
        {
            using var response = await connection.Http.PutAsync(Url(path), new StringContent(body));
            Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {(int)response.StatusCode}");
        }

        public Task<string> GetAsync(string path) => connection.Http.GetStringAsync(Url(path));

        public async Task DeleteAsync(string path)
        {
            using var response = await connection.Http.DeleteAsync(Url(path));
        }

        public ValueTask DisposeAsync()
        {
            connection.Dispose();
            return ValueTask.CompletedTask;
        }

        private string Url(string path) => account.AbsoluteUri.TrimEnd('/') + "/" + string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
    }
}
