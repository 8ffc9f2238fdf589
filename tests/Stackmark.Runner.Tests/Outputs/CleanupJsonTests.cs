using System.Text.Json;
using Stackmark.OpenStack;

namespace Stackmark.Runner.Tests.Outputs;

public sealed class CleanupJsonTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("stackmark-manifest").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Cleanup_section_is_added_to_the_manifest_keeping_everything_else()
    {
        var manifest = Path.Combine(_dir, RunEngine.Files.Manifest);
        await File.WriteAllTextAsync(manifest, """{"cpid": "c1", "sha256": {"results.json": "ab"}}""");
        var demo = new InventoryAccount("demo", "demo", "p1");
        var alt = new InventoryAccount("alt_demo", "alt_demo", "p2");
        var kept = new CloudResource(ResourceKind.Container, "photos", "photos");
        var made = new CloudResource(ResourceKind.Container, "tempest-TestContainer-1", "tempest-TestContainer-1");
        var stuck = new CloudResource(ResourceKind.Image, "i1", "snap");
        var unmet = new UnmetPrecondition(demo, PristinePreconditions.All[0], "containers photos");

        var written = await ManifestSection.SetAsync(_dir, "cleanup", w => CleanupJson.Write(w,
            [new AccountInventory(demo, [kept], null, []), new AccountInventory(alt, [], null, ["images: 503"])],
            [new AccountCleanup(demo, [made], [new CleanupFailure(stuck, "403 protected")], []), AccountCleanup.Skipped(alt, "incomplete")],
            [unmet]));

        Assert.True(written);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(manifest));
        Assert.Equal("c1", doc.RootElement.GetProperty("cpid").GetString());
        Assert.Equal("ab", doc.RootElement.GetProperty("sha256").GetProperty("results.json").GetString());
        var accounts = doc.RootElement.GetProperty("cleanup").GetProperty("accounts").EnumerateArray().ToList();
        Assert.Equal(("demo@demo", 1, "container tempest-TestContainer-1"),
            (accounts[0].GetProperty("account").GetString(), accounts[0].GetProperty("resources_before").GetInt32(), accounts[0].GetProperty("removed")[0].GetString()));
        Assert.Equal(("image snap (i1)", "403 protected"),
            (accounts[0].GetProperty("not_removed")[0].GetProperty("resource").GetString(), accounts[0].GetProperty("not_removed")[0].GetProperty("reason").GetString()));
        Assert.Equal(("incomplete", "images: 503"), (accounts[1].GetProperty("skipped_because").GetString(), accounts[1].GetProperty("inventory_failures")[0].GetString()));
        var precondition = doc.RootElement.GetProperty("cleanup").GetProperty("unmet_preconditions")[0];
        Assert.Equal(("demo@demo", "tempest.api.object_storage.test_account_services.AccountTest.test_list_no_containers", "no containers", "containers photos"),
            (precondition.GetProperty("account").GetString(), precondition.GetProperty("test").GetString(), precondition.GetProperty("requirement").GetString(), precondition.GetProperty("in_the_way").GetString()));
    }

    [Fact]
    public async Task Without_a_manifest_nothing_is_written() =>
        Assert.False(await ManifestSection.SetAsync(_dir, "cleanup", w => w.WriteNullValue()));
}
