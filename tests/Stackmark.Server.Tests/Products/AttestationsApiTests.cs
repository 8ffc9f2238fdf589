using System.Net;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Products;

/// <summary>
/// A product attests per guideline that it runs the designated sections (/v1/products/{id}/attestations/{guideline}):
/// who may attest and withdraw, who and when are recorded, and verification requires the attestation.
/// </summary>
public abstract class AttestationsApiTests<TFixture>(TFixture registry) : IClassFixture<TFixture>
    where TFixture : RegistryFixture
{
    [SkippableFact]
    public async Task Only_the_vendors_admins_and_the_foundation_attest_and_withdraw_and_who_and_when_are_recorded()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        var (product, _) = await s.NewProductAsync(s.VendorA);
        var path = $"/v1/products/{product}/attestations";

        await s.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Put, $"{path}/2020.06", null);
        await s.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Put, $"{path}/2020.06", s.AdminB);
        await s.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Put, $"{path}/2020.06", s.User);
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Put, $"/v1/products/{Guid.NewGuid()}/attestations/2020.06", s.AdminA);
        await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Put, $"{path}/banana", s.AdminA);
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Put, $"{path}/2031.01", s.AdminA);

        var created = await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Put, $"{path}/2020.06.json", s.AdminA);
        Assert.Equal(("2020.06", s.AdminAName), (created.Str("guideline"), created.Str("attested_by")));
        Assert.True(DateTime.TryParse(created.Str("attested_at"), out _));

        // Again, by the foundation: the first who and when stay.
        var again = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"{path}/2020.06", s.Foundation);
        Assert.Equal((s.AdminAName, created.Str("attested_at")), (again.Str("attested_by"), again.Str("attested_at")));
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Put, $"{path}/dns.2020.06", s.Foundation);

        var list = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, path, s.AdminA);
        Assert.Equal(["dns.2020.06", "2020.06"], list.Body.EnumerateArray().Select(a => a.GetProperty("guideline").GetString()));
        Assert.Equal("admin", list.Body[0].GetProperty("attested_by").GetString());

        // The product is private: its attestations too.
        await s.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Get, path, null);
        await s.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Get, path, s.AdminB);

        await s.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Delete, $"{path}/2020.06", s.AdminB);
        await s.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Delete, $"{path}/2020.06", null);
        await s.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{path}/2020.06", s.AdminA);
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Delete, $"{path}/2020.06", s.AdminA);
        list = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, path, s.AdminA);
        Assert.Equal(["dns.2020.06"], list.Body.EnumerateArray().Select(a => a.GetProperty("guideline").GetString()));
    }

    [SkippableFact]
    public async Task Verification_is_refused_until_the_linked_product_attests_to_the_results_guideline()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        var run = await s.NewUnattestedReadyResultAsync();
        var verify = new { verification_status = 1 };

        var unlinked = await s.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Put, $"/v1/results/{run}", s.Foundation, verify);
        Assert.Equal("Designated sections not attested", unlinked.Str("title"));
        Assert.Contains("link the result to a product version first", unlinked.Str("detail"), StringComparison.Ordinal);

        var (product, version) = await s.NewProductAsync(s.VendorA);
        await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/results/{run}", s.AdminA, new { product_version_id = version });
        await s.AttestAsync(product, "2019.11");
        var other = await s.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Put, $"/v1/results/{run}", s.Foundation, verify);
        Assert.Equal("Designated sections not attested", other.Str("title"));
        Assert.Contains($"has not attested to running the designated sections of 2020.06; a vendor admin attests with PUT /v1/products/{product}/attestations/2020.06",
            other.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(0, (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/results/{run}", s.Foundation)).Body.GetProperty("verification_status").GetInt32());

        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Put, $"/v1/products/{product}/attestations/2020.06", s.AdminA);
        var verified = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/results/{run}", s.Foundation, verify);
        Assert.Equal(1, verified.Body.GetProperty("verification_status").GetInt32());

        // Withdrawing later does not undo a verification: it was checked when the foundation verified.
        await s.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/v1/products/{product}/attestations/2020.06", s.AdminA);
        Assert.Equal(1, (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/results/{run}", s.Foundation)).Body.GetProperty("verification_status").GetInt32());
    }

    [SkippableFact]
    public async Task Deleting_a_product_deletes_its_attestations()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        var (product, _) = await s.NewProductAsync(s.VendorA, isPublic: true);
        await s.AttestAsync(product, "2020.06");
        Assert.Single((await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/products/{product}/attestations", null)).Body.EnumerateArray());
        await s.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/v1/products/{product}", s.AdminA);
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"/v1/products/{product}/attestations", null);
    }
}

public sealed class SqliteAttestationsApiTests(SqliteRegistry registry) : AttestationsApiTests<SqliteRegistry>(registry);

public sealed class PostgresAttestationsApiTests(PostgresRegistry registry) : AttestationsApiTests<PostgresRegistry>(registry);
