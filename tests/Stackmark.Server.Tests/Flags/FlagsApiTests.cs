using System.Net;
using System.Text;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Flags;

/// <summary>The flag workflow: a user proposes, the foundation approves or rejects with a note, approved flags export as a flags file.</summary>
public abstract class FlagsApiTests<TFixture>(TFixture registry) : IClassFixture<TFixture>
    where TFixture : RegistryFixture
{
    private static readonly GuidelineTest Flavors = Interop.Load("2019.11").Capabilities.SelectMany(c => c.Tests).First(t => t.Name.Value == Governance.FlavorsTest);

    [SkippableFact]
    public async Task A_proposal_by_idempotent_id_is_approved_and_exported_in_the_flags_file_format()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        var proposed = (await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/v1/flags", s.User,
            new { guideline = "2019.11.json", test = Flavors.Id!.Value.ToString(), reason = "[d401]", rationale = "https://bugs.launchpad.net/tempest/+bug/1234" })).Body;
        var id = proposed.GetProperty("id").GetString()!;
        Assert.Equal("2019.11", proposed.GetProperty("guideline").GetString());
        Assert.Equal(Governance.FlavorsTest, proposed.GetProperty("test").GetString());
        Assert.Equal(Flavors.Id.Value.ToString(), proposed.GetProperty("idempotent_id").GetString());
        Assert.Equal(["compute-flavors-list"], proposed.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("D401", proposed.GetProperty("reason").GetString());
        Assert.Equal("accepted bug in the test", proposed.GetProperty("reason_meaning").GetString());
        Assert.Equal("proposed", proposed.GetProperty("status").GetString());
        Assert.Equal(s.UserName, proposed.GetProperty("proposed_by").GetString());

        // Not exported before the foundation decides.
        var before = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/v1/flags/approved?guideline=2019.11", null);
        Assert.Equal(0, before.Body.GetProperty("flags").GetArrayLength());

        var approved = (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/v1/flags/{id}/approve", s.Foundation, new { note = "agreed at the 2031-03 meeting" })).Body;
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal("admin", approved.GetProperty("decided_by").GetString());
        Assert.Equal("agreed at the 2031-03 meeting", approved.GetProperty("decision_note").GetString());
        await s.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"/v1/flags/{id}/approve", s.Foundation, new { });
        await s.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"/v1/flags/{id}/reject", s.Foundation, new { note = "changed my mind" });

        // A second proposal for the same test cannot be approved too; rejecting it needs a note.
        var second = await s.NewFlagProposalAsync(s.AdminA);
        await s.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"/v1/flags/{second}/approve", s.Foundation, new { });
        await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"/v1/flags/{second}/reject", s.Foundation, new { });
        var rejected = (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/v1/flags/{second}/reject", s.Foundation, new { note = "duplicate of the approved one" })).Body;
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());

        // The export is a flags file as `guidelines draft --flags` reads it: one flag, approved today (the registry's clock).
        using var export = await registry.Http.GetAsync("/v1/flags/approved?guideline=2019.11");
        var bytes = await export.Content.ReadAsByteArrayAsync();
        var parsed = FlagsFileParser.Parse(bytes, "approved.json");
        Assert.True(parsed.Success, parsed.ToString() + "\n" + Encoding.UTF8.GetString(bytes));
        var flag = Assert.Single(parsed.Value!);
        Assert.Equal(Governance.FlavorsTest, flag.Test);
        Assert.Equal("D401", flag.ReasonCode);
        Assert.Equal("https://bugs.launchpad.net/tempest/+bug/1234", flag.Rationale);
        Assert.Equal(registry.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), flag.Date);
        Assert.Equal("Flagged", flag.Action);

        var list = (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/v1/flags?guideline=2019.11&status=rejected", null)).Body.GetProperty("flags");
        Assert.Contains(list.EnumerateArray(), f => f.GetProperty("id").GetString() == second);
        Assert.DoesNotContain(list.EnumerateArray(), f => f.GetProperty("id").GetString() == id);
        Assert.Equal("approved", (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/flags/{id}", null)).Body.GetProperty("status").GetString());

        var page = await registry.Http.GetStringAsync("/flags?guideline=2019.11");
        Assert.Contains("duplicate of the approved one", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/v1/flags/approved?guideline=2019.11\"", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Proposals_naming_unknown_tests_reasons_or_guidelines_are_refused()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        async Task RefusedAsync(object body, string title, string detail)
        {
            var reply = await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/v1/flags", s.User, body);
            Assert.Equal(title, reply.Body.GetProperty("title").GetString());
            Assert.Contains(detail, reply.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await RefusedAsync(new { guideline = "2019.11", test = Governance.FlavorsTest, reason = "D499", rationale = "r" }, "Invalid reason code", "'D499' is not a reason code (D400 capability fails core criteria");
        await RefusedAsync(new { guideline = "2019.11", test = "tempest.api.nowhere.Test.test_x", reason = "D404", rationale = "r" }, "Unknown test", "is no test of guideline 2019.11");
        await RefusedAsync(new { guideline = "2019.11", test = "00000000-0000-0000-0000-000000000000", reason = "D404", rationale = "r" }, "Unknown test", "is no test of guideline 2019.11");
        await RefusedAsync(new { guideline = "1999.01", test = Governance.FlavorsTest, reason = "D404", rationale = "r" }, "Unknown guideline", "1999.01 is not in the guideline source");
        await RefusedAsync(new { guideline = "latest", test = Governance.FlavorsTest, reason = "D404", rationale = "r" }, "Invalid guideline", "'latest' is not");
        await RefusedAsync(new { guideline = "2019.11", test = Governance.FlavorsTest, reason = "D404" }, "Request doesn't correspond to schema", "\"rationale\" are required");
        await RefusedAsync(new { guideline = "2019.11", test = Governance.FlavorsTest, reason = "D404", rationale = "r", status = "approved" }, "Malformed request", "unexpected key \"status\"");
        await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, "/v1/flags/approved", null);
        await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, "/v1/flags?status=maybe", null);
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, $"/v1/flags/{Guid.NewGuid()}/approve", s.Foundation, new { });
        Assert.Equal(0, (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/v1/flags?guideline=1999.01", null)).Body.GetProperty("flags").GetArrayLength());
    }
}

public sealed class SqliteFlagsApiTests(ClockedSqliteRegistry registry) : FlagsApiTests<ClockedSqliteRegistry>(registry);

public sealed class PostgresFlagsApiTests(ClockedPostgresRegistry registry) : FlagsApiTests<ClockedPostgresRegistry>(registry);
