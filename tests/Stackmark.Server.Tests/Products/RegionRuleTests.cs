using System.Net;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Products;

/// <summary>
/// The program's region rule at verification (Powered Compute needs a hypervisor region with Linux guests), and what a
/// run measured (the <c>measured</c> meta that stackmark upload sends) set beside the region the vendor declared.
/// </summary>
public abstract class RegionRuleTests<TFixture>(TFixture registry) : IClassFixture<TFixture>
    where TFixture : RegistryFixture
{
    private const string DebianOnQemu = """{"region":"zones-1","hypervisor_types":["QEMU"],"images":[{"name":"devcloud-guest-1","os_distro":"debian","os_type":"linux"}],"guest_validation":true}""";

    private static async Task<string> ReadyAsync(Scene s, string version, string target, string region)
    {
        var id = await s.NewLinkedResultAsync(version, Some.Passing2020(target));
        foreach (var (key, value) in new[] { ("shared", "true"), ("guideline", "2020.06"), ("target", target), ("region", region) })
        {
            await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/results/{id}/meta/{key}", s.AdminA, text: value);
        }

        return id;
    }

    [SkippableFact]
    public async Task A_product_whose_only_region_runs_solaris_zones_is_not_verified_for_compute_until_it_declares_a_linux_hypervisor_region()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        var (product, version) = await s.NewProductAsync(s.VendorA);
        await s.DeclareRegionsAsync(product, ("zones-1", "container", "Solaris Zones", ["Solaris 11.4"]));
        await s.AttestAsync(product, "2020.06");
        var compute = await ReadyAsync(s, version, "compute", "zones-1");
        var storage = await ReadyAsync(s, version, "object", "zones-1");

        var refused = await s.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Put, $"/v1/results/{compute}", s.Foundation, new { verification_status = 1 });
        Assert.Equal("Product regions do not meet the program's rule", refused.Str("title"));
        Assert.StartsWith("the compute program needs a region of kind hypervisor whose guest operating systems include linux; "
            + "the product declares zones-1 (container Solaris Zones, guests: Solaris 11.4); declare such a region", refused.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(0, (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/results/{compute}", s.Foundation)).Body.GetProperty("verification_status").GetInt32());
        // Storage asks nothing of the regions.
        await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/results/{storage}", s.Foundation, new { verification_status = 1 });

        await s.DeclareRegionsAsync(product, ("zones-1", "container", "Solaris Zones", ["Solaris 11.4"]), ("RegionOne", "hypervisor", "KVM", ["Ubuntu 24.04"]));
        var verified = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/results/{compute}", s.Foundation, new { verification_status = 1 });
        Assert.Equal(1, verified.Body.GetProperty("verification_status").GetInt32());
    }

    [SkippableFact]
    public async Task What_the_run_measured_is_checked_when_set_and_kept_for_the_owner()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        var (product, version) = await s.NewProductAsync(s.VendorA, isPublic: true);
        await s.DeclareRegionsAsync(product, ("zones-1", "container", "Solaris Zones", ["Solaris 11.4"]), ("RegionOne", "hypervisor", "KVM", ["Debian 12"]));
        var id = await ReadyAsync(s, version, "compute", "zones-1");

        var bad = await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"/v1/results/{id}/meta/measured", s.AdminA,
            text: """{"region":"zones-1","hypervisor_types":["QEMU", 7]}""");
        Assert.Equal("Invalid measured", bad.Str("title"));
        Assert.Contains("a hypervisor type must be a string of 1 to 255 characters (at $.hypervisor_types[1], line 1)", bad.Str("detail"), StringComparison.Ordinal);
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/results/{id}/meta/measured", s.AdminA, text: DebianOnQemu);

        var meta = (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/results/{id}/meta", s.AdminA)).Body;
        Assert.Equal(DebianOnQemu, meta.GetProperty("measured").GetString());
        // Not public meta: what a vendor's cloud runs is for the owner and the foundation.
        var shown = (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/results/{id}/meta", null)).Body;
        Assert.Equal("zones-1", shown.GetProperty("region").GetString());
        Assert.False(shown.TryGetProperty("measured", out _));
    }
}

public sealed class SqliteRegionRuleTests(SqliteRegistry registry) : RegionRuleTests<SqliteRegistry>(registry);

public sealed class PostgresRegionRuleTests(PostgresRegistry registry) : RegionRuleTests<PostgresRegistry>(registry);
