using System.Net;
using System.Text.Json;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Products;

/// <summary>
/// A product's declared configuration (/v1/products/{id}/regions): shape and order, validation errors naming the
/// offending path, results naming a region of their linked product, and regions named by results staying declared.
/// </summary>
public abstract class RegionsApiTests<TFixture>(TFixture registry) : IClassFixture<TFixture>
    where TFixture : RegistryFixture
{
    private static object Region(string name, string kind, string? runtime, params string[] guestOs) => new { name, kind, runtime, guest_os = guestOs };

    private static List<string?> Names(JsonElement regions) => [.. regions.EnumerateArray().Select(r => r.GetProperty("name").GetString())];

    [SkippableFact]
    public async Task A_vendor_admin_declares_regions_that_read_back_with_the_product_in_declaration_order()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        var (product, _) = await s.NewProductAsync(s.VendorA);
        var empty = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/products/{product}", s.AdminA);
        Assert.Empty(empty.Body.GetProperty("regions").EnumerateArray());

        var put = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/products/{product}/regions", s.AdminA, new
        {
            regions = new[]
            {
                Region(" zeta-1 ", "hypervisor", "KVM", "Ubuntu 24.04", "Windows Server 2022"),
                Region("alpha", "container", "Kata", "Debian 12"),
                Region("metal", "bare-metal", null),
            },
        });
        Assert.Equal(["zeta-1", "alpha", "metal"], Names(put.Body.GetProperty("regions")));

        var shown = (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/products/{product}", s.AdminA)).Body.GetProperty("regions");
        Assert.Equal(["zeta-1", "alpha", "metal"], Names(shown));
        var first = shown[0];
        Assert.Equal("hypervisor", first.GetProperty("kind").GetString());
        Assert.Equal("KVM", first.GetProperty("runtime").GetString());
        Assert.Equal(["Ubuntu 24.04", "Windows Server 2022"], first.GetProperty("guest_os").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, shown[2].GetProperty("runtime").ValueKind);
        Assert.Empty(shown[2].GetProperty("guest_os").EnumerateArray());
        Assert.Equal(shown.GetRawText(), (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/products/{product}/regions", s.AdminA)).Body.GetProperty("regions").GetRawText());
        var listed = (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/products?organization_id={s.VendorA}", s.AdminA)).Body
            .GetProperty("products").EnumerateArray().Single(p => p.GetProperty("id").GetString() == product);
        Assert.Equal(["zeta-1", "alpha", "metal"], Names(listed.GetProperty("regions")));

        // A replacement is the whole declaration: kept regions change in place, others go, order is the new one.
        var replaced = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/products/{product}/regions", s.Foundation, new
        {
            regions = new[] { Region("metal", "bare-metal", "Ironic", "Rocky Linux 9"), Region("zeta-1", "hypervisor", "ESXi") },
        });
        Assert.Equal(["metal", "zeta-1"], Names(replaced.Body.GetProperty("regions")));
        Assert.Equal("Ironic", replaced.Body.GetProperty("regions")[0].GetProperty("runtime").GetString());
        Assert.Equal("ESXi", replaced.Body.GetProperty("regions")[1].GetProperty("runtime").GetString());
        // A body over 64 KiB is refused before it is parsed, whatever it holds.
        var huge = await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Put, $"/v1/products/{product}/regions", s.AdminA,
            new { regions = Enumerable.Range(0, 64).Select(i => Region($"r{i}", "bare-metal", null, [.. Enumerable.Range(0, 20).Select(j => $"guest operating system number {j:00} of a very long list")])) });
        Assert.Contains("larger than 64 KiB", huge.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(["metal", "zeta-1"], Names((await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/products/{product}/regions", s.AdminA)).Body.GetProperty("regions")));

        await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/products/{product}/regions", s.AdminA, new { regions = Array.Empty<object>() });
        Assert.Empty((await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/products/{product}/regions", s.AdminA)).Body.GetProperty("regions").EnumerateArray());
    }

    public static TheoryData<string, string, string> BadDeclarations => new()
    {
        { """{"regions":[{"name":"  ","kind":"hypervisor","runtime":"KVM"}]}""", "Invalid region", "regions[0].name is required and cannot be empty" },
        { """{"regions":[{"name":"r1","kind":"vm","runtime":"KVM"}]}""", "Invalid region", "regions[0].kind: \"vm\" is unknown; one of hypervisor, container, bare-metal" },
        { """{"regions":[{"name":"r1","runtime":"KVM"}]}""", "Invalid region", "regions[0].kind: missing" },
        { """{"regions":[{"name":"RegionOne","kind":"bare-metal"},{"name":"regionone","kind":"bare-metal"}]}""", "Duplicate region", "regions[1].name: \"regionone\" is already declared by regions[0]" },
        { """{"regions":[{"name":"r1","kind":"hypervisor","runtime":"KVM","guest_os":["Ubuntu","ubuntu"]}]}""", "Invalid region", "regions[0].guest_os[1]: \"ubuntu\" is listed twice" },
        { """{"regions":[{"name":"r1","kind":"hypervisor","runtime":"KVM","guest_os":["Ubuntu",""]}]}""", "Invalid region", "regions[0].guest_os[1] cannot be empty" },
        { """{"regions":[{"name":"r1","kind":"hypervisor"}]}""", "Invalid region", "regions[0].runtime: a hypervisor region names its hypervisor" },
        { """{"regions":[{"name":"r1","kind":"container","runtime":""}]}""", "Invalid region", "regions[0].runtime: a container region names its container runtime" },
        { $$"""{"regions":[{"name":"{{new string('x', 65)}}","kind":"bare-metal"}]}""", "Invalid region", "regions[0].name is 65 characters long; at most 64" },
        { """{"regions":[{"name":"a\u0007b","kind":"bare-metal"}]}""", "Invalid region", "regions[0].name contains a control character" },
        { $$"""{"regions":[{{string.Join(",", Enumerable.Range(0, 65).Select(i => $$"""{"name":"r{{i}}","kind":"bare-metal"}"""))}}]}""", "Too many regions", "\"regions\" has 65 entries; at most 64" },
        { $$"""{"regions":[{"name":"r","kind":"bare-metal","guest_os":[{{string.Join(",", Enumerable.Range(0, 65).Select(i => $"\"os{i}\""))}}]}]}""", "Too many guest operating systems", "regions[0].guest_os has 65 entries; at most 64" },
        { """{"regions":[{"name":"r1","kind":"bare-metal","zone":"a"}]}""", "Request doesn't correspond to schema", "regions[0]: unexpected key \"zone\"" },
        { """{"regions":[{"name":1,"kind":"bare-metal"}]}""", "Request doesn't correspond to schema", "regions[0].name must be a string" },
        { """{"regions":[{"name":"r","kind":"bare-metal","guest_os":"Ubuntu"}]}""", "Request doesn't correspond to schema", "regions[0].guest_os must be an array of names" },
        { """{"regions":["r1"]}""", "Request doesn't correspond to schema", "regions[0] must be an object" },
        { """{"regions":{"name":"r1"}}""", "Request doesn't correspond to schema", "\"regions\" must be an array" },
        { """{}""", "Request doesn't correspond to schema", "\"regions\" must be an array" },
        { """{"regions":[],"other":1}""", "Malformed request", "unexpected key \"other\"" },
    };

    [SkippableTheory]
    [MemberData(nameof(BadDeclarations))]
    public async Task A_bad_declaration_is_400_naming_what_is_wrong_and_leaves_the_old_one(string body, string title, string detail)
    {
        registry.RequireServer();
        var s = await Scene.SharedAsync(registry);
        var (product, _) = await s.NewProductAsync(s.VendorA);
        await s.DeclareRegionsAsync(product, ("RegionOne", "hypervisor", "KVM", ["Ubuntu 24.04"]));

        using var response = await registry.SendAsync(HttpMethod.Put, $"/v1/products/{product}/regions", s.AdminA, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        var error = JsonDocument.Parse(text).RootElement;
        Assert.Equal(400, error.GetProperty("code").GetInt32());
        Assert.Equal(title, error.GetProperty("title").GetString());
        Assert.Contains(detail, error.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var after = (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/products/{product}/regions", s.AdminA)).Body.GetProperty("regions");
        Assert.Equal(["RegionOne"], Names(after));
    }

    [SkippableFact]
    public async Task A_results_region_must_be_one_its_linked_product_declares_and_a_named_region_stays_declared()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        var (product, version) = await s.NewProductAsync(s.VendorA, isPublic: true);
        await s.DeclareRegionsAsync(product, ("RegionOne", "hypervisor", "KVM", ["Ubuntu 24.04"]), ("RegionTwo", "container", "Kata", []));

        var run = await s.NewResultAsync(s.KeyA);
        var unlinked = await s.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"/v1/results/{run}/meta/region", s.AdminA, text: "RegionOne");
        Assert.Contains("link the result to a product version first", unlinked.Str("detail"), StringComparison.Ordinal);

        await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/results/{run}", s.AdminA, new { product_version_id = version });
        var unknown = await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"/v1/results/{run}/meta/region", s.AdminA, text: "RegionThree");
        Assert.Equal("Unknown region", unknown.Str("title"));
        Assert.Contains("declares no region \"RegionThree\"; it declares: RegionOne, RegionTwo", unknown.Str("detail"), StringComparison.Ordinal);
        await s.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, $"/v1/results/{run}/meta/region", s.AdminB, text: "RegionOne");

        // Matched ignoring case, stored as the product spells it; shared with the run's other public meta.
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/results/{run}/meta/region", s.AdminA, text: "regionone");
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/results/{run}/meta/shared", s.AdminA, text: "true");
        var meta = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/results/{run}/meta", null);
        Assert.Equal("RegionOne", meta.Str("region"));

        // The product cannot drop or rename the region while the result names it.
        var inUse = await s.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Put, $"/v1/products/{product}/regions", s.AdminA,
            new { regions = new[] { Region("regionone", "hypervisor", "KVM"), Region("RegionTwo", "container", "Kata") } });
        Assert.Equal("Region in use", inUse.Str("title"));
        Assert.Contains("region \"RegionOne\" (1 result)", inUse.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(["RegionOne", "RegionTwo"], Names((await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/products/{product}/regions", null)).Body.GetProperty("regions")));
        await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/products/{product}/regions", s.AdminA,
            new { regions = new[] { Region("RegionOne", "hypervisor", "QEMU") } });

        // Nor can the result move to a product that does not declare it; it stays where it was.
        var (other, otherVersion) = await s.NewProductAsync(s.VendorA, isPublic: true);
        await s.DeclareRegionsAsync(other, ("Elsewhere", "bare-metal", null, []));
        var moved = await s.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Put, $"/v1/results/{run}", s.AdminA, new { product_version_id = otherVersion });
        Assert.Contains("names region \"RegionOne\"", moved.Str("detail"), StringComparison.Ordinal);
        var still = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/results/{run}", s.AdminA);
        Assert.Equal(version, still.Body.GetProperty("product_version").GetProperty("id").GetString());

        // A product declaring it (in another case) takes the result, and the meta follows its spelling.
        await s.DeclareRegionsAsync(other, ("Elsewhere", "bare-metal", null, []), ("REGIONONE", "hypervisor", "KVM", []));
        await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/results/{run}", s.AdminA, new { product_version_id = otherVersion });
        Assert.Equal("REGIONONE", (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/results/{run}/meta", s.AdminA)).Str("region"));

        // Once the result lets go of it, the first product may drop the region.
        await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/products/{product}/regions", s.AdminA, new { regions = Array.Empty<object>() });
        await s.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/v1/results/{run}/meta/region", s.AdminA);
        await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/products/{other}/regions", s.AdminA, new { regions = Array.Empty<object>() });
    }

    [SkippableFact]
    public async Task Programs_per_region_count_only_verified_compliant_results_with_the_verdict_stored_at_verification()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        var (product, version) = await s.NewProductAsync(s.VendorA, isPublic: true);
        await s.DeclareRegionsAsync(product, ("RegionOne", "hypervisor", "KVM", ["Ubuntu 24.04"]), ("RegionTwo", "container", "Kata", []));
        await s.AttestAsync(product, "2020.06");

        async Task<string> Ready(string region, RefStackResults results, string target)
        {
            var id = await s.NewLinkedResultAsync(version, results);
            foreach (var (key, value) in new[] { ("shared", "true"), ("guideline", "2020.06"), ("target", target), ("region", region) })
            {
                await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/results/{id}/meta/{key}", s.AdminA, text: value);
            }

            return id;
        }

        var compute = await Ready("RegionOne", Some.Passing2020("compute"), "compute");
        await Ready("RegionTwo", Some.Passing2020("object"), "object");
        var failing = await Ready("RegionTwo", Some.Results(), "platform");
        await s.NewLinkedResultAsync(version);

        var before = (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/products/{product}/programs", null)).Body;
        Assert.Equal(["RegionOne", "RegionTwo"], before.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("region").GetString()));
        Assert.All(before.GetProperty("regions").EnumerateArray(), r => Assert.Empty(r.GetProperty("programs").EnumerateArray()));
        Assert.Equal(3, before.GetProperty("unverified_results").GetInt32());
        Assert.Equal(4, (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/products/{product}/programs", s.AdminA)).Body.GetProperty("unverified_results").GetInt32());

        foreach (var id in new[] { compute, failing })
        {
            await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/results/{id}", s.Foundation, new { verification_status = 1 });
        }

        var after = (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/products/{product}/programs", null)).Body;
        var regionOne = after.GetProperty("regions")[0];
        var program = Assert.Single(regionOne.GetProperty("programs").EnumerateArray());
        Assert.Equal("2020.06", program.GetProperty("guideline").GetString());
        Assert.Equal("compute", program.GetProperty("target").GetString());
        Assert.Equal("OpenStack Powered Compute", program.GetProperty("program").GetString());
        Assert.Equal(compute, Assert.Single(program.GetProperty("results").EnumerateArray()).GetProperty("id").GetString());

        // RegionTwo: the storage run is not verified, and the verified platform run did not pass.
        Assert.Empty(after.GetProperty("regions")[1].GetProperty("programs").EnumerateArray());
        Assert.Equal(1, after.GetProperty("verified_not_compliant").GetInt32());
        Assert.Equal(1, after.GetProperty("unverified_results").GetInt32());
        Assert.Empty(after.GetProperty("unassigned").EnumerateArray());
    }
}

public sealed class SqliteRegionsApiTests(SqliteRegistry registry) : RegionsApiTests<SqliteRegistry>(registry);

public sealed class PostgresRegionsApiTests(PostgresRegistry registry) : RegionsApiTests<PostgresRegistry>(registry);
