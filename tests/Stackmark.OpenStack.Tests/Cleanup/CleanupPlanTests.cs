using CsCheck;

namespace Stackmark.OpenStack.Tests.Cleanup;

public sealed class CleanupPlanTests
{
    private static readonly InventoryAccount Demo = new("demo", "demo", "p1");

    private static AccountInventory Inventory(params CloudResource[] resources) => new(Demo, resources, null, []);

    // A small id alphabet so that before and after share resources often.
    private static readonly Gen<CloudResource> Resource = Gen.Select(Gen.Enum<ResourceKind>(), Gen.Int[0, 6], Gen.String[Gen.Char.AlphaNumeric, 0, 3],
        (kind, id, name) => new CloudResource(kind, $"id{id}", name, kind == ResourceKind.RouterInterface ? "router" : null));

    [Fact]
    public void New_means_kind_and_id_not_in_before_whatever_the_name()
    {
        Gen.Select(Resource.Array[0, 25], Resource.Array[0, 25]).Sample((before, after) =>
        {
            var plan = CleanupPlan.Create(Inventory(before), Inventory(after));
            var existed = before.Select(r => r.Key).ToHashSet();

            Assert.DoesNotContain(plan, r => existed.Contains(r.Key));
            Assert.Equal(after.Where(r => !existed.Contains(r.Key)).Select(r => r.Key).ToHashSet(), plan.Select(r => r.Key).ToHashSet());
            Assert.Equal(plan.Count, plan.Select(r => r.Key).Distinct().Count());
        });
    }

    [Fact]
    public void Plan_removes_kinds_in_declared_order_and_keeps_listing_order_within_a_kind()
    {
        Resource.Array[0, 30].Sample(after =>
        {
            var plan = CleanupPlan.Create(Inventory(), Inventory(after));

            Assert.Equal(plan.OrderBy(r => r.Kind).ToList(), plan);
            foreach (var kind in plan.GroupBy(r => r.Kind))
            {
                Assert.Equal(after.Where(r => r.Kind == kind.Key).DistinctBy(r => r.Key).ToList(), kind.ToList());
            }
        });
    }

    [Fact]
    public void Renamed_resource_that_existed_is_kept_and_same_id_of_another_kind_is_new()
    {
        var plan = CleanupPlan.Create(
            Inventory(new CloudResource(ResourceKind.Server, "s1", "web")),
            Inventory(new CloudResource(ResourceKind.Server, "s1", "renamed"), new CloudResource(ResourceKind.Volume, "s1", "disk")));

        Assert.Equal([new CloudResource(ResourceKind.Volume, "s1", "disk")], plan);
    }

    [Fact]
    public void Users_go_before_what_they_use()
    {
        // Each pair: the first must be removed before the second can be.
        (ResourceKind First, ResourceKind Then)[] dependencies =
        [
            (ResourceKind.Stack, ResourceKind.Server),
            (ResourceKind.Server, ResourceKind.Port),
            (ResourceKind.Server, ResourceKind.Volume),
            (ResourceKind.Server, ResourceKind.ServerGroup),
            (ResourceKind.Server, ResourceKind.Keypair),
            (ResourceKind.Server, ResourceKind.SecurityGroup),
            (ResourceKind.FloatingIp, ResourceKind.Router),
            (ResourceKind.VolumeSnapshot, ResourceKind.Volume),
            (ResourceKind.VolumeBackup, ResourceKind.Volume),
            (ResourceKind.RouterInterface, ResourceKind.Router),
            (ResourceKind.RouterInterface, ResourceKind.Subnet),
            (ResourceKind.Port, ResourceKind.Subnet),
            (ResourceKind.Port, ResourceKind.SecurityGroup),
            (ResourceKind.Subnet, ResourceKind.SubnetPool),
            (ResourceKind.Subnet, ResourceKind.Network),
            (ResourceKind.Container, ResourceKind.AccountMetadata),
        ];
        var after = dependencies.SelectMany(d => new[] { d.Then, d.First }).Distinct()
            .Select(k => new CloudResource(k, "x", "x")).ToArray();

        var order = CleanupPlan.Create(Inventory(), Inventory(after)).Select(r => r.Kind).ToList();

        Assert.All(dependencies, d => Assert.True(order.IndexOf(d.First) < order.IndexOf(d.Then), $"{d.First} before {d.Then}"));
    }

    [Fact]
    public void Inventories_of_different_accounts_are_refused()
    {
        var other = new AccountInventory(new InventoryAccount("alt", "alt", "p2"), [], null, []);

        Assert.Throws<ArgumentException>(() => CleanupPlan.Create(Inventory(), other));
    }

    [Fact]
    public void Resources_read_as_kind_and_name()
    {
        Assert.Equal("floating-ip 172.24.4.9 (f1)", new CloudResource(ResourceKind.FloatingIp, "f1", "172.24.4.9").ToString());
        Assert.Equal("container photos", new CloudResource(ResourceKind.Container, "photos", "photos").ToString());
        Assert.Equal("router-interface p9", new CloudResource(ResourceKind.RouterInterface, "p9", "", "r1").ToString());
    }
}
