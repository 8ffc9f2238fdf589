using System.Net;

namespace Stackmark.OpenStack.Tests.Integration;

/// <summary>Inventory and cleanup on the real cloud's Swift, as the member user (see <see cref="DevCloud"/>).</summary>
public sealed class CleanupDevCloudTests
{
    [SkippableFact]
    public async Task Cleanup_removes_what_is_new_including_versions_and_segments_and_keeps_what_was_there()
    {
        DevCloud.Require();
        using var connection = OpenStackConnection.Open(DevCloud.Cloud(DevCloud.Member));
        var swift = await Swift.OpenAsync(connection);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var kept = $"kept-{tag}";
        await swift.PutAsync(kept);
        await swift.PutAsync($"{kept}/old-object", "was here");
        try
        {
            var before = await CloudInventory.TakeAsync(connection);
            Assert.True(before.IsComplete, string.Join("; ", before.Failures));
            Assert.Contains(before.Resources, r => r.Kind == ResourceKind.Container && r.Id == kept);

            // What a run leaves: a plain container, one with X-Versions-Location (deleting its objects would bring
            // back their older versions from the archive), one with X-Versions-Enabled, an SLO and its segments, and
            // an account metadata key.
            var plain = $"plain-{tag}";
            await swift.PutAsync(plain);
            await swift.PutAsync($"{plain}/a/b.txt", "x");
            var archive = $"archive-{tag}";
            var stacked = $"stacked-{tag}";
            await swift.PutAsync(archive);
            await swift.PutAsync(stacked, headers: new() { ["X-Versions-Location"] = archive });
            await swift.PutAsync($"{stacked}/doc", "v1");
            await swift.PutAsync($"{stacked}/doc", "v2");
            var versioned = $"versioned-{tag}";
            await swift.PutAsync(versioned, headers: new() { ["X-Versions-Enabled"] = "true" });
            await swift.PutAsync($"{versioned}/doc", "v1");
            await swift.PutAsync($"{versioned}/doc", "v2");
            await swift.DeleteAsync($"{versioned}/doc"); // a delete marker on top of two versions
            var segments = $"segments-{tag}";
            await swift.PutAsync(segments);
            await swift.PutAsync($"{segments}/s1", "12345");
            await swift.PutAsync($"{plain}/big", $"[{{\"path\": \"/{segments}/s1\"}}]", query: "?multipart-manifest=put");
            await swift.PostAccountAsync(new() { [$"X-Account-Meta-Stackmark-{tag}"] = "1" });
            // Something new inside a container that was there is the container's owner's business: kept.
            await swift.PutAsync($"{kept}/new-object", "y");

            var result = await CloudCleanup.RemoveNewAsync(connection, before, TimeSpan.FromMinutes(2));

            Assert.True(result.IsClean, Describe(result));
            Assert.Equal(
                new[] { plain, archive, stacked, versioned, segments }.Order(StringComparer.Ordinal),
                result.Removed.Where(r => r.Kind == ResourceKind.Container).Select(r => r.Id).Order(StringComparer.Ordinal));
            Assert.Contains(result.Removed, r => r.Kind == ResourceKind.AccountMetadata && r.Id == $"stackmark-{tag}");
            var after = await CloudInventory.TakeAsync(connection);
            Assert.Equal(before.Resources.Select(r => r.Key).ToHashSet(), after.Resources.Select(r => r.Key).ToHashSet());
            Assert.Equal("was here", await swift.GetAsync($"{kept}/old-object"));
            Assert.Equal("y", await swift.GetAsync($"{kept}/new-object"));
        }
        finally
        {
            await swift.DeleteAsync($"{kept}/old-object");
            await swift.DeleteAsync($"{kept}/new-object");
            await swift.DeleteAsync(kept);
        }
    }

    [SkippableFact]
    public async Task Nothing_is_removed_when_the_inventory_before_was_incomplete()
    {
        DevCloud.Require();
        using var connection = OpenStackConnection.Open(DevCloud.Cloud(DevCloud.Member));
        var swift = await Swift.OpenAsync(connection);
        var before = await CloudInventory.TakeAsync(connection);
        var made = $"made-{Guid.NewGuid():N}"[..13];
        await swift.PutAsync(made);
        try
        {
            var result = await CloudCleanup.RemoveNewAsync(connection, before with { Failures = ["images: 503 Service Unavailable"] }, TimeSpan.FromMinutes(1));

            Assert.Empty(result.Removed);
            Assert.Contains("images: 503", result.SkippedBecause, StringComparison.Ordinal);
            Assert.Contains((await CloudInventory.TakeAsync(connection)).Resources, r => r.Id == made);
        }
        finally
        {
            await swift.DeleteAsync(made);
        }
    }

    [SkippableFact]
    public async Task Preconditions_name_the_containers_that_are_in_the_way()
    {
        DevCloud.Require();
        using var connection = OpenStackConnection.Open(DevCloud.Cloud(DevCloud.Member));
        var swift = await Swift.OpenAsync(connection);
        var name = $"tempest-TestContainer-{Guid.NewGuid():N}"[..30];
        await swift.PutAsync(name);
        try
        {
            var inventory = await CloudInventory.TakeAsync(connection);

            var unmet = PristinePreconditions.All.Select(p => (p.ShortName, Unmet: p.Requirement.UnmetBy(inventory))).Where(x => x.Unmet is not null).ToList();
            Assert.Contains(unmet, u => u.ShortName == "AccountTest.test_list_no_containers" && u.Unmet!.Contains(name, StringComparison.Ordinal));
            Assert.Contains(unmet, u => u.ShortName == "AccountTest.test_list_containers_with_end_marker" && u.Unmet!.Contains(name, StringComparison.Ordinal));
            // 'T' sorts before 'a': nothing after tempest-d--N is in the way for this container.
            Assert.DoesNotContain(unmet, u => u.ShortName == "AccountTest.test_list_containers_with_marker" && u.Unmet!.Contains(name, StringComparison.Ordinal));
        }
        finally
        {
            await swift.DeleteAsync(name);
        }
    }

    private static string Describe(AccountCleanup c) =>
        $"skipped: {c.SkippedBecause}; not removed: {string.Join("; ", c.NotRemoved.Select(f => $"{f.Resource}: {f.Reason}"))}; not listed: {string.Join("; ", c.NotListed)}";

    /// <summary>Raw Swift calls to set the scene (the product never creates anything).</summary>
    private sealed class Swift(HttpClient http, Uri account)
    {
        public static async Task<Swift> OpenAsync(OpenStackConnection connection) =>
            new(connection.Http, await connection.FindEndpointAsync("object-store") ?? throw new InvalidOperationException("no object-store"));

        public async Task PutAsync(string path, string? body = null, Dictionary<string, string>? headers = null, string query = "")
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, Url(path) + query) { Content = new StringContent(body ?? string.Empty) };
            foreach (var (k, v) in headers ?? [])
            {
                request.Headers.TryAddWithoutValidation(k, v);
            }

            using var response = await http.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        public async Task PostAccountAsync(Dictionary<string, string> headers)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, account);
            foreach (var (k, v) in headers)
            {
                request.Headers.TryAddWithoutValidation(k, v);
            }

            using var response = await http.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"POST account: {(int)response.StatusCode}");
        }

        public async Task<string> GetAsync(string path) => await http.GetStringAsync(Url(path));

        public async Task DeleteAsync(string path)
        {
            using var response = await http.DeleteAsync(Url(path));
            Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound, $"DELETE {path}: {(int)response.StatusCode}");
        }

        private string Url(string path) => account.AbsoluteUri.TrimEnd('/') + "/" + string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
    }
}
