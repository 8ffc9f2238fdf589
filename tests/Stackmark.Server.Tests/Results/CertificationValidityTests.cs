using System.Net;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Results;

/// <summary>
/// Which guidelines are in force, at the registry: verifying a result against one that is not (draft next, superseded
/// 2015.03) is refused with the reason, and a product's programs leave out results verified against one.
/// </summary>
public abstract class CertificationValidityTests<TFixture>(TFixture registry) : IClassFixture<TFixture>
    where TFixture : RegistryFixture
{
    [SkippableTheory]
    [InlineData("next", "next is the draft of the next guideline (its own status: draft); in force for core guidelines on ")]
    [InlineData("2015.03", "2015.03 is superseded (its own status); in force for core guidelines on ")]
    public async Task Verifying_a_result_against_a_guideline_not_in_force_is_refused_with_the_reason(string guideline, string reason)
    {
        registry.RequireServer();
        var s = await Scene.SharedAsync(registry);
        var run = await s.NewReadyResultAsync();
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/results/{run}/meta/guideline", s.AdminA, text: guideline);

        var refused = await s.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Put, $"/v1/results/{run}", s.Foundation, new { verification_status = 1 });
        Assert.Equal(409, refused.Body.GetProperty("code").GetInt32());
        Assert.Equal("Guideline not valid for certification", refused.Body.GetProperty("title").GetString());
        Assert.StartsWith(reason, refused.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("2020.06, 2019.11, 2019.06, 2018.11", refused.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var after = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/results/{run}", s.Foundation);
        Assert.Equal(0, after.Body.GetProperty("verification_status").GetInt32());
    }

    [SkippableFact]
    public async Task Verifying_a_result_against_2020_06_succeeds()
    {
        registry.RequireServer();
        var s = await Scene.SharedAsync(registry);
        var run = await s.NewVerifiedResultAsync();
        var verified = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/results/{run}/verification", null);
        Assert.Equal("2020.06", verified.Str("guideline"));
    }

    [SkippableFact]
    public async Task Programs_leave_out_a_result_verified_against_a_guideline_not_in_force_when_verified()
    {
        registry.RequireServer();
        var s = await Scene.SharedAsync(registry);
        var (product, version) = await s.NewProductAsync(s.VendorA);
        await s.AttestAsync(product, "2020.06");
        var kept = await s.NewReadyResultAsync();
        var dropped = await s.NewReadyResultAsync();
        foreach (var run in new[] { kept, dropped })
        {
            await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/results/{run}", s.AdminA, new { product_version_id = version });
            await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/results/{run}", s.Foundation, new { verification_status = 1 });
        }

        // As verified before the rule: against the draft.
        await registry.BackdateVerificationGuidelineAsync(Guid.Parse(dropped), "next");

        var programs = (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/products/{product}/programs", s.Foundation)).Body;
        var program = Assert.Single(programs.GetProperty("unassigned").EnumerateArray());
        Assert.Equal("2020.06", program.GetProperty("guideline").GetString());
        Assert.Equal([kept], program.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(1, programs.GetProperty("verified_not_valid").GetInt32());
        Assert.Equal(0, programs.GetProperty("verified_not_compliant").GetInt32());
    }
}

public sealed class SqliteCertificationValidityTests(SqliteRegistry registry) : CertificationValidityTests<SqliteRegistry>(registry);

public sealed class PostgresCertificationValidityTests(PostgresRegistry registry) : CertificationValidityTests<PostgresRegistry>(registry);
