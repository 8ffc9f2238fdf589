using System.Net;
using System.Text.Json;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Vendors;

/// <summary>/v1/vendors: the private → pending → official life, admins, and RefStack's shapes.</summary>
public abstract class VendorsApiTests<TFixture>(TFixture registry) : IClassFixture<TFixture>
    where TFixture : RegistryFixture
{
    [SkippableFact]
    public async Task Vendor_goes_private_pending_official_with_deny_and_cancel_back_to_private()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        var id = s.VendorA;
        async Task<JsonElement> Act(string token, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
            (await s.ExpectAsync(expected, HttpMethod.Post, $"/v1/vendors/{id}/action", token, body)).Body;

        Assert.Equal(2, (await Act(s.AdminA, new { register = (object?)null })).GetProperty("type").GetInt32());
        Assert.Equal(1, (await Act(s.AdminA, new { cancel = (object?)null })).GetProperty("type").GetInt32());
        await Act(s.AdminA, new { register = (object?)null });
        var missingReason = await Act(s.Foundation, new { deny = (object?)null }, HttpStatusCode.BadRequest);
        Assert.Contains("registration_decline_reason", missingReason.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var denied = await Act(s.Foundation, new { deny = (object?)null, registration_decline_reason = "incomplete" });
        Assert.Equal(1, denied.GetProperty("type").GetInt32());

        // The vendor's admins see why; others never do.
        var asAdmin = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/vendors/{id}", s.AdminA);
        Assert.Equal("incomplete", asAdmin.Str("registration_decline_reason"));
        Assert.True(asAdmin.Body.GetProperty("can_manage").GetBoolean());

        await Act(s.AdminA, new { register = (object?)null });
        await Act(s.AdminA, new { approve = (object?)null }, HttpStatusCode.Forbidden);
        var official = await Act(s.Foundation, new { approve = (object?)null });
        Assert.Equal(3, official.GetProperty("type").GetInt32());
        Assert.Equal(JsonValueKind.Null, official.GetProperty("registration_decline_reason").ValueKind);

        // Official: everyone sees it, in the list and alone, without can_manage.
        var anonymous = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/vendors/{id}", null);
        Assert.False(anonymous.Body.GetProperty("can_manage").GetBoolean());
        var list = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/v1/vendors", null);
        Assert.Contains(list.Body.GetProperty("vendors").EnumerateArray(), v => v.GetProperty("id").GetString() == id);
        Assert.DoesNotContain(list.Body.GetProperty("vendors").EnumerateArray(), v => v.GetProperty("id").GetString() == s.VendorB);

        // Wrong state is a conflict; two actions at once a bad request.
        await Act(s.AdminA, new { register = (object?)null }, HttpStatusCode.Conflict);
        await Act(s.AdminA, new { register = (object?)null, cancel = (object?)null }, HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Vendor_admins_are_listed_added_by_base64_openid_and_removed()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        var path = $"/v1/vendors/{s.VendorA}/users";
        await s.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Get, $"/v1/vendors/{s.VendorA}", s.User);
        await s.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, $"{path}/{Scene.OpenId(s.UserName)}", s.AdminA);
        await s.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, $"{path}/{Scene.OpenId(s.UserName)}", s.AdminA);

        // The new admin manages the vendor now.
        var asUser = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/vendors/{s.VendorA}", s.User);
        Assert.True(asUser.Body.GetProperty("can_manage").GetBoolean());
        var users = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, path, s.User);
        Assert.Equal(new[] { s.AdminAName, s.UserName }.Order(StringComparer.Ordinal), users.Body.EnumerateArray().Select(u => u.GetProperty("openid").GetString()).Order(StringComparer.Ordinal));
        Assert.All(users.Body.EnumerateArray(), u => Assert.True(u.TryGetProperty("fullname", out _) && u.TryGetProperty("email", out _)));

        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Put, $"{path}/{Scene.OpenId("nobody-here")}", s.AdminA);
        await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Put, $"{path}/%21%21", s.AdminA);
        await s.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{path}/{Scene.OpenId(s.UserName)}", s.AdminA);
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Delete, $"{path}/{Scene.OpenId(s.UserName)}", s.AdminA);
        await s.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Get, path, s.User);
    }

    [SkippableFact]
    public async Task Bad_vendor_bodies_and_duplicate_names_are_4xx()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        var name = Scene.Unique("dup");
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/v1/vendors", s.User, new { name });
        await s.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, "/v1/vendors", s.AdminB, new { name });
        await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/v1/vendors", s.User, new { description = "no name" });
        await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/v1/vendors", s.User, new { name = 5 });
        await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/v1/vendors", s.User, new { name = "x", owner = "me" });
        await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/v1/vendors", s.User, new { name = new string('x', 129) });
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"/v1/vendors/{Guid.NewGuid()}", s.Foundation);
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, "/v1/vendors/not-a-uuid", s.Foundation);
    }

    [SkippableFact]
    public async Task A_vendor_whose_products_have_verified_results_is_not_deleted()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        var (product, version) = await s.NewProductAsync(s.VendorA);
        await s.AttestAsync(product, "2020.06");
        var run = await s.NewVerifiedResultAsync();
        await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/results/{run}", s.Foundation, new { product_version_id = version, verification_status = 0 });
        await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/results/{run}", s.Foundation, new { verification_status = 1 });
        await s.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Delete, $"/v1/vendors/{s.VendorA}", s.AdminA);
        await s.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/v1/vendors/{s.VendorB}", s.AdminB);
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"/v1/vendors/{s.VendorB}", s.Foundation);
    }
}

public sealed class SqliteVendorsApiTests(SqliteRegistry registry) : VendorsApiTests<SqliteRegistry>(registry);

public sealed class PostgresVendorsApiTests(PostgresRegistry registry) : VendorsApiTests<PostgresRegistry>(registry);
