using CsCheck;

namespace Stackmark.OpenStack.Tests.Cleanup;

public sealed class LeftoverPlanTests
{
    private static readonly InventoryAccount Demo = new("demo", "demo", "p1");

    private static AccountInventory Inventory(params CloudResource[] resources) => new(Demo, resources, null, []);

    // Names drawn so that Tempest's prefix, near misses of it and plain names all come up; router interfaces hang
    // from one of a few router ids, some of which are Tempest's.
    private static readonly Gen<string> Name = Gen.OneOf("tempest-TestContainer-1145370397", "tempest-router-7", "tempest", "Tempest-x-1", "tempestx-1", "web", "", "my-tempest-1");

    private static readonly Gen<CloudResource> Resource = Gen.Select(Gen.Enum<ResourceKind>(), Gen.Int[0, 8], Name, Gen.Int[0, 8],
        (kind, id, name, parent) => new CloudResource(kind, $"id{id}", name, kind == ResourceKind.RouterInterface ? $"id{parent}" : null));

    [Fact]
    public void Plans_exactly_what_is_named_with_the_prefix_and_what_hangs_from_it_in_removal_order()
    {
        Resource.Array[0, 30].Sample(resources =>
        {
            var plan = LeftoverPlan.Create(Inventory(resources));
            var tempests = resources.Where(r => r.Name.StartsWith("tempest-", StringComparison.Ordinal)).ToList();
            var parents = tempests.Select(r => r.Id).ToHashSet();
            var expected = tempests.Concat(resources.Where(r => r.Parent is { } p && parents.Contains(p))).Select(r => r.Key).ToHashSet();

            Assert.Equal(expected, plan.Select(r => r.Key).ToHashSet());
            Assert.Equal(plan.Count, plan.Select(r => r.Key).Distinct().Count());
            Assert.Equal(plan.OrderBy(r => r.Kind).ToList(), plan);
        });
    }

    [Fact]
    public void Keeps_what_only_looks_like_tempest_and_takes_a_tempest_routers_unnamed_interface()
    {
        var router = new CloudResource(ResourceKind.Router, "r1", "tempest-RoutersTest-router-42");
        var iface = new CloudResource(ResourceKind.RouterInterface, "port1", "", "r1");
        var theirs = new CloudResource(ResourceKind.RouterInterface, "port2", "", "r2");
        var plan = LeftoverPlan.Create(Inventory(
            new CloudResource(ResourceKind.Container, "tempest", "tempest"),
            new CloudResource(ResourceKind.Container, "Tempest-TestContainer-1", "Tempest-TestContainer-1"),
            new CloudResource(ResourceKind.Network, "n1", "my-tempest-net"),
            new CloudResource(ResourceKind.Router, "r2", "edge"),
            theirs, router, iface,
            new CloudResource(ResourceKind.Container, "tempest-TestContainer-1145370397", "tempest-TestContainer-1145370397")));

        Assert.Equal([iface, router, new CloudResource(ResourceKind.Container, "tempest-TestContainer-1145370397", "tempest-TestContainer-1145370397")], plan);
    }

    [Fact]
    public void Another_prefix_is_honoured()
    {
        var plan = LeftoverPlan.Create(Inventory(
            new CloudResource(ResourceKind.Keypair, "ci-key-1", "ci-key-1"),
            new CloudResource(ResourceKind.Keypair, "tempest-key-1", "tempest-key-1")), "ci");

        Assert.Equal([new CloudResource(ResourceKind.Keypair, "ci-key-1", "ci-key-1")], plan);
    }
}
