using System.Diagnostics;
using System.Text.Json;

namespace Stackmark.OpenStack.Tests.Integration;

/// <summary>
/// Inventory and cleanup of Nova, Neutron and Cinder resources as the member user `devcloud-alt`, on the devcloud's
/// compute profile (with --virt qemu, run inside its namespace: deploy/devcloud/exec dotnet test …). Skips on the
/// storage profile. The scene is set with the openstack client, as an operator would.
/// </summary>
public sealed class ComputeCleanupDevCloudTests
{
    private const string Cloud = DevCloud.Alt;

    [SkippableFact]
    public async Task Cleanup_removes_a_server_with_its_network_router_interface_volume_and_keys_in_order_and_keeps_what_was_there()
    {
        DevCloud.Require();
        using var connection = OpenStackConnection.Open(DevCloud.Cloud(Cloud));
        Skip.If(await connection.FindEndpointAsync("network") is null || await connection.FindEndpointAsync("volumev3") is null, "the devcloud runs the storage profile");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var keptKey = $"kept-{tag}";
        var keptGroup = $"kept-{tag}";
        Cli("keypair", "create", "--type", "ssh", keptKey);
        Cli("security", "group", "create", keptGroup);
        try
        {
            var before = await CloudInventory.TakeAsync(connection);
            Assert.True(before.IsComplete, string.Join("; ", before.Failures));
            Assert.Contains(before.Resources, r => r.Kind == ResourceKind.SecurityGroup && r.Name == keptGroup);
            Assert.DoesNotContain(before.Resources, r => r.Kind == ResourceKind.SecurityGroup && r.Name == "default");

            // What a run may leave: a server on its own network behind a router, a port, a volume, a keypair, a group.
            var network = Id(Cli("network", "create", $"net-{tag}"));
            var subnet = Id(Cli("subnet", "create", "--network", network, "--subnet-range", "10.199.7.0/24", $"sub-{tag}"));
            var router = Id(Cli("router", "create", $"router-{tag}"));
            Cli("router", "add", "subnet", router, subnet);
            Cli("port", "create", "--network", network, $"port-{tag}");
            Cli("keypair", "create", "--type", "ssh", $"key-{tag}");
            Cli("security", "group", "create", $"sg-{tag}");
            Cli("server", "group", "create", "--policy", "anti-affinity", $"group-{tag}");
            Cli("volume", "create", "--size", "1", $"vol-{tag}");
            Cli("server", "create", "--flavor", "42", "--image", Cli("image", "list", "--status", "active", "-c", "ID")[0].GetProperty("ID").GetString()!,
                "--network", network, "--security-group", $"sg-{tag}", "--key-name", $"key-{tag}", $"server-{tag}");
            var after = await CloudInventory.TakeAsync(connection);
            var plan = CleanupPlan.Create(before, after);
            Assert.Equal(
                [ResourceKind.Server, ResourceKind.Volume, ResourceKind.RouterInterface, ResourceKind.Router, ResourceKind.Port, ResourceKind.Subnet, ResourceKind.Network, ResourceKind.SecurityGroup, ResourceKind.Keypair, ResourceKind.ServerGroup],
                plan.Select(r => r.Kind).Distinct());

            var result = await CloudCleanup.RemoveNewAsync(connection, before, TimeSpan.FromMinutes(4));

            Assert.True(result.IsClean, $"skipped: {result.SkippedBecause}; not removed: {string.Join("; ", result.NotRemoved.Select(f => $"{f.Resource}: {f.Reason}"))}; not listed: {string.Join("; ", result.NotListed)}");
            Assert.Equal(before.Resources.Select(r => r.Key).ToHashSet(), (await CloudInventory.TakeAsync(connection)).Resources.Select(r => r.Key).ToHashSet());
        }
        finally
        {
            Cli("keypair", "delete", keptKey);
            Cli("security", "group", "delete", keptGroup);
        }
    }

    private static string Id(JsonElement[] created) => created[0].GetProperty("id").GetString()!;

    // `openstack --os-cloud devcloud-alt ARGS -f json`: the created object, or the listed rows.
    private static JsonElement[] Cli(params string[] args)
    {
        var psi = new ProcessStartInfo("/usr/bin/openstack") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("--os-cloud");
        psi.ArgumentList.Add(Cloud);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var quiet = args is [.., "delete", _] or ["router", "add", ..] or ["keypair", "create", ..]; // keypair create prints the private key
        if (!quiet)
        {
            psi.ArgumentList.Add("-f");
            psi.ArgumentList.Add("json");
        }

        psi.Environment["PATH"] = "/usr/bin:/bin";
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"openstack {string.Join(' ', args)}: {error}");
        if (quiet || output.Trim().Length == 0)
        {
            return [];
        }

        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.ValueKind == JsonValueKind.Array ? [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())] : [doc.RootElement.Clone()];
    }
}
