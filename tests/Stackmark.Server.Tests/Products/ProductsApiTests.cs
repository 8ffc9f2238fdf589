using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Products;

/// <summary>/v1/products and their versions: shapes, visibility, scoping of versions to their product, cpid links.</summary>
public abstract class ProductsApiTests<TFixture>(TFixture registry) : IClassFixture<TFixture>
    where TFixture : RegistryFixture
{
    [SkippableFact]
    public async Task Product_is_created_under_its_vendor_with_a_default_version_and_refstack_shape()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        var name = Scene.Unique("cloud");
        var id = (await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/v1/products", s.AdminA,
            new { name, product_type = 1, organization_id = s.VendorA, description = "a public cloud", version = "2024.1" })).Str("id");

        var product = (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/products/{id}", s.AdminA)).Body;
        Assert.Equal(name, product.GetProperty("name").GetString());
        Assert.Equal(1, product.GetProperty("type").GetInt32());
        Assert.Equal(1, product.GetProperty("product_type").GetInt32());
        Assert.False(product.GetProperty("public").GetBoolean());
        Assert.Equal(s.VendorA, product.GetProperty("organization_id").GetString());
        Assert.True(product.GetProperty("can_manage").GetBoolean());

        var versions = (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/products/{id}/versions", s.AdminA)).Body;
        var only = Assert.Single(versions.EnumerateArray());
        Assert.Equal("2024.1", only.GetProperty("version").GetString());
        Assert.Equal(id, only.GetProperty("product_id").GetString());
        Assert.Equal(JsonValueKind.Null, only.GetProperty("cpid").ValueKind);

        // Private: hidden from others' listings until made public.
        bool Listed(Reply r) => r.Body.GetProperty("products").EnumerateArray().Any(p => p.GetProperty("id").GetString() == id);
        Assert.False(Listed(await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/v1/products", null)));
        Assert.True(Listed(await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/products?organization_id={s.VendorA}", s.AdminA)));
        Assert.False(Listed(await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/products?organization_id={s.VendorB}", s.Foundation)));
        var updated = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/products/{id}", s.AdminA, new { @public = true, product_type = 2 });
        Assert.True(updated.Body.GetProperty("public").GetBoolean());
        Assert.Equal(2, updated.Body.GetProperty("product_type").GetInt32());
        Assert.True(Listed(await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/v1/products", null)));
    }

    [SkippableFact]
    public async Task Bad_product_bodies_are_400_and_duplicates_409()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/v1/products", s.AdminA, new { name = "p", product_type = 0 });
        await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/v1/products", s.AdminA, new { name = "p", product_type = 3, organization_id = s.VendorA });
        await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/v1/products", s.AdminA, new { name = "p", product_type = "0", organization_id = s.VendorA });
        await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/v1/products", s.AdminA, new { name = "p", product_type = 0, organization_id = Guid.NewGuid() });
        await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/v1/products", s.AdminA, new { name = "p", product_type = 0, organization_id = s.VendorA, @public = "yes" });
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/v1/products", s.AdminA, new { name = "same", product_type = 0, organization_id = s.VendorA });
        await s.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, "/v1/products", s.AdminA, new { name = "same", product_type = 0, organization_id = s.VendorA });
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/v1/products", s.AdminB, new { name = "same", product_type = 0, organization_id = s.VendorB });
        await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, "/v1/products?organization_id=x", null);
    }

    [SkippableFact]
    public async Task Versions_are_scoped_to_their_product_so_another_vendor_cannot_touch_them()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        var (pa, defaultVersion) = await s.NewProductAsync(s.VendorA);
        var va = (await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/products/{pa}/versions", s.AdminA, new { version = "1.0", cpid = "cpid-a" })).Str("id");
        await s.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"/v1/products/{pa}/versions", s.AdminA, new { version = "1.0" });
        var (pb, _) = await s.NewProductAsync(s.VendorB, isPublic: true);

        // RefStack checked B's rights on B's product, then changed A's version.
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Put, $"/v1/products/{pb}/versions/{va}", s.AdminB, new { cpid = "stolen" });
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Delete, $"/v1/products/{pb}/versions/{va}", s.AdminB);
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"/v1/products/{pb}/versions/{va}", s.AdminB);
        var still = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/products/{pa}/versions/{va}", s.AdminA);
        Assert.Equal("cpid-a", still.Str("cpid"));

        var changed = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/products/{pa}/versions/{va}", s.AdminA, new { cpid = "cpid-a2" });
        Assert.Equal("cpid-a2", changed.Str("cpid"));
        await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Put, $"/v1/products/{pa}/versions/{va}", s.AdminA, new { version = "2.0" });
        await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Delete, $"/v1/products/{pa}/versions/{defaultVersion}", s.AdminA);
        await s.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/v1/products/{pa}/versions/{va}", s.AdminA);
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"/v1/products/{pa}/versions/{va}", s.AdminA);
    }

    [SkippableFact]
    public async Task A_signed_upload_with_a_versions_cpid_is_linked_for_the_vendors_admin_only()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        var (pa, _) = await s.NewProductAsync(s.VendorA);
        var cpid = Some.Cpid();
        var va = await s.NewVersionAsync(pa, cpid);

        var mine = await s.NewResultAsync(s.KeyA, Some.Results(cpid));
        var linked = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/results/{mine}", s.AdminA);
        Assert.Equal(va, linked.Body.GetProperty("product_version").GetProperty("id").GetString());
        Assert.Equal(pa, linked.Body.GetProperty("product_version").GetProperty("product_info").GetProperty("id").GetString());

        var theirs = await s.NewResultAsync(s.KeyB, Some.Results(cpid));
        var notLinked = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/results/{theirs}", s.AdminB);
        Assert.Equal(JsonValueKind.Null, notLinked.Body.GetProperty("product_version").ValueKind);

        // A foundation admin's upload is linked too.
        using var foundationKey = RSA.Create(2048);
        using (var registered = await registry.RegisterKeyAsync(await registry.AdminTokenAsync(), foundationKey))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        var foundations = await s.NewResultAsync(foundationKey, Some.Results(cpid));
        var byFoundation = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/results/{foundations}", await registry.AdminTokenAsync());
        Assert.Equal(va, byFoundation.Body.GetProperty("product_version").GetProperty("id").GetString());

        // Once two versions have the cpid, neither is linked.
        var (pa2, _) = await s.NewProductAsync(s.VendorA);
        await s.NewVersionAsync(pa2, cpid);
        var ambiguous = await s.NewResultAsync(s.KeyA, Some.Results(cpid));
        var unlinked = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/results/{ambiguous}", s.AdminA);
        Assert.Equal(JsonValueKind.Null, unlinked.Body.GetProperty("product_version").ValueKind);
    }
}

public sealed class SqliteProductsApiTests(SqliteRegistry registry) : ProductsApiTests<SqliteRegistry>(registry);

public sealed class PostgresProductsApiTests(PostgresRegistry registry) : ProductsApiTests<PostgresRegistry>(registry);
