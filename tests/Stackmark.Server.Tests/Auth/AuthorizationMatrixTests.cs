using System.Text;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Auth;

/// <summary>
/// Every endpoint × every role in one table: anonymous, a plain user, the admin of vendor A (who also owns A's
/// results), the admin of vendor B, and a foundation admin. Each cell acts on fresh objects, so a DELETE in one cell
/// does not change the next. Rows marked HOLE are where RefStack let the call through.
/// </summary>
public abstract class AuthorizationMatrixTests<TFixture>(TFixture registry) : IClassFixture<TFixture>
    where TFixture : RegistryFixture
{
    /// <summary>A request to make, built against a scene (fresh objects made as needed).</summary>
    public sealed record Call(HttpMethod Method, string Path, object? Json = null, string? Text = null);

    /// <summary>One endpoint and the status each role gets: anonymous, user, admin of A, admin of B, foundation.</summary>
    public sealed record Row(string Name, Func<Scene, Task<Call>> Arrange, int Anonymous, int User, int AdminA, int AdminB, int Foundation);

    private static readonly HttpMethod Get = HttpMethod.Get;
    private static readonly HttpMethod Post = HttpMethod.Post;
    private static readonly HttpMethod Put = HttpMethod.Put;
    private static readonly HttpMethod Delete = HttpMethod.Delete;

    public static IReadOnlyList<Row> Rows { get; } =
    [
        // Profile and accounts
        new("GET /v1/profile", _ => Task.FromResult(new Call(Get, "/v1/profile")), 401, 200, 200, 200, 200),
        new("POST /v1/users", _ => Task.FromResult(new Call(Post, "/v1/users", new { username = Scene.Unique("u"), password = "a long enough password" })), 401, 403, 403, 403, 201),

        // Vendors
        new("GET /v1/vendors", _ => Task.FromResult(new Call(Get, "/v1/vendors")), 200, 200, 200, 200, 200),
        new("POST /v1/vendors", _ => Task.FromResult(new Call(Post, "/v1/vendors", new { name = Scene.Unique("vendor") })), 401, 201, 201, 201, 201),
        new("GET /v1/vendors/{private A}", s => Task.FromResult(new Call(Get, $"/v1/vendors/{s.VendorA}")), 401, 403, 200, 403, 200),
        new("GET /v1/vendors/{official A}", async s => new Call(Get, $"/v1/vendors/{await s.NewVendorOfAAsync(3)}"), 200, 200, 200, 200, 200),
        new("PUT /v1/vendors/{private A} description", async s => new Call(Put, $"/v1/vendors/{await s.NewVendorOfAAsync(1)}", new { description = "new" }), 401, 403, 200, 403, 200),
        new("PUT /v1/vendors/{official A} name", async s => new Call(Put, $"/v1/vendors/{await s.NewVendorOfAAsync(3)}", new { name = Scene.Unique("renamed") }), 401, 403, 403, 403, 200),
        new("DELETE /v1/vendors/{private A}", async s => new Call(Delete, $"/v1/vendors/{await s.NewVendorOfAAsync(1)}"), 401, 403, 204, 403, 204),
        new("DELETE /v1/vendors/{official A}", async s => new Call(Delete, $"/v1/vendors/{await s.NewVendorOfAAsync(3)}"), 401, 403, 403, 403, 204),
        new("POST /v1/vendors/{A}/action register", async s => new Call(Post, $"/v1/vendors/{await s.NewVendorOfAAsync(1)}/action", new { register = (object?)null }), 401, 403, 200, 403, 200),
        new("POST /v1/vendors/{A}/action cancel", async s => new Call(Post, $"/v1/vendors/{await s.NewVendorOfAAsync(2)}/action", new { cancel = (object?)null }), 401, 403, 200, 403, 200),
        new("POST /v1/vendors/{A}/action approve", async s => new Call(Post, $"/v1/vendors/{await s.NewVendorOfAAsync(2)}/action", new { approve = (object?)null }), 401, 403, 403, 403, 200),
        new("POST /v1/vendors/{A}/action deny", async s => new Call(Post, $"/v1/vendors/{await s.NewVendorOfAAsync(2)}/action", new { deny = (object?)null, registration_decline_reason = "no" }), 401, 403, 403, 403, 200),
        new("GET /v1/vendors/{A}/users (HOLE: RefStack 200 null)", s => Task.FromResult(new Call(Get, $"/v1/vendors/{s.VendorA}/users")), 401, 403, 200, 403, 200),
        new("PUT /v1/vendors/{A}/users/{user}", async s => new Call(Put, $"/v1/vendors/{await s.NewVendorOfAAsync(1)}/users/{Scene.OpenId(s.UserName)}"), 401, 403, 204, 403, 204),
        new("DELETE /v1/vendors/{A}/users/{admin A}", async s => new Call(Delete, $"/v1/vendors/{await s.NewVendorOfAAsync(1)}/users/{Scene.OpenId(s.AdminAName)}"), 401, 403, 204, 403, 204),

        // Products
        new("GET /v1/products", _ => Task.FromResult(new Call(Get, "/v1/products")), 200, 200, 200, 200, 200),
        new("POST /v1/products under A (HOLE: foreign vendor)", s => Task.FromResult(new Call(Post, "/v1/products", new { name = Scene.Unique("p"), product_type = 0, organization_id = s.VendorA })), 401, 403, 201, 403, 201),
        new("GET /v1/products/{private of A}", async s => new Call(Get, $"/v1/products/{(await s.NewProductAsync(s.VendorA)).Product}"), 401, 403, 200, 403, 200),
        new("GET /v1/products/{public of A}", async s => new Call(Get, $"/v1/products/{(await s.NewProductAsync(s.VendorA, isPublic: true)).Product}"), 200, 200, 200, 200, 200),
        new("PUT /v1/products/{public of A}", async s => new Call(Put, $"/v1/products/{(await s.NewProductAsync(s.VendorA, isPublic: true)).Product}", new { description = "new" }), 401, 403, 200, 403, 200),
        new("DELETE /v1/products/{public of A}", async s => new Call(Delete, $"/v1/products/{(await s.NewProductAsync(s.VendorA, isPublic: true)).Product}"), 401, 403, 204, 403, 204),
        new("GET /v1/products/{private of A}/versions", async s => new Call(Get, $"/v1/products/{(await s.NewProductAsync(s.VendorA)).Product}/versions"), 401, 403, 200, 403, 200),
        new("POST /v1/products/{public of A}/versions", async s => new Call(Post, $"/v1/products/{(await s.NewProductAsync(s.VendorA, isPublic: true)).Product}/versions", new { version = "1.0", cpid = "c" }), 401, 403, 201, 403, 201),
        new("GET /v1/products/{public of A}/versions/{its version}", async s =>
        {
            var (p, v) = await s.NewProductAsync(s.VendorA, isPublic: true);
            return new Call(Get, $"/v1/products/{p}/versions/{v}");
        }, 200, 200, 200, 200, 200),
        new("PUT /v1/products/{public of A}/versions/{its version}", async s =>
        {
            var (p, v) = await s.NewProductAsync(s.VendorA, isPublic: true);
            return new Call(Put, $"/v1/products/{p}/versions/{v}", new { cpid = "new-cpid" });
        }, 401, 403, 200, 403, 200),
        new("DELETE /v1/products/{public of A}/versions/{its version}", async s =>
        {
            var (p, _) = await s.NewProductAsync(s.VendorA, isPublic: true);
            return new Call(Delete, $"/v1/products/{p}/versions/{await s.NewVersionAsync(p)}");
        }, 401, 403, 204, 403, 204),
        new("GET /v1/products/{public of B}/versions/{version of A} (HOLE: leak)", async s =>
        {
            var (pb, _) = await s.NewProductAsync(s.VendorB, isPublic: true);
            var (_, va) = await s.NewProductAsync(s.VendorA);
            return new Call(Get, $"/v1/products/{pb}/versions/{va}");
        }, 404, 404, 404, 404, 404),
        new("PUT /v1/products/{public of B}/versions/{version of A} (HOLE: IDOR)", async s =>
        {
            var (pb, _) = await s.NewProductAsync(s.VendorB, isPublic: true);
            var (_, va) = await s.NewProductAsync(s.VendorA);
            return new Call(Put, $"/v1/products/{pb}/versions/{va}", new { cpid = "stolen" });
        }, 401, 403, 403, 404, 404),
        new("DELETE /v1/products/{public of B}/versions/{version of A} (HOLE: IDOR)", async s =>
        {
            var (pb, _) = await s.NewProductAsync(s.VendorB, isPublic: true);
            var (pa, _) = await s.NewProductAsync(s.VendorA);
            return new Call(Delete, $"/v1/products/{pb}/versions/{await s.NewVersionAsync(pa)}");
        }, 401, 403, 403, 404, 404),

        // Declared configuration (regions) and the programs verified results pass per region
        new("GET /v1/products/{private of A}/regions", async s => new Call(Get, $"/v1/products/{(await s.NewProductAsync(s.VendorA)).Product}/regions"), 401, 403, 200, 403, 200),
        new("GET /v1/products/{public of A}/regions", async s => new Call(Get, $"/v1/products/{(await s.NewProductAsync(s.VendorA, isPublic: true)).Product}/regions"), 200, 200, 200, 200, 200),
        new("PUT /v1/products/{public of A}/regions (foreign vendor admin: 403)", async s => new Call(Put, $"/v1/products/{(await s.NewProductAsync(s.VendorA, isPublic: true)).Product}/regions", new { regions = new[] { new { name = "RegionOne", kind = "hypervisor", runtime = "KVM", guest_os = new[] { "Ubuntu 24.04" } } } }), 401, 403, 200, 403, 200),
        new("PUT /v1/products/{private of A}/regions", async s => new Call(Put, $"/v1/products/{(await s.NewProductAsync(s.VendorA)).Product}/regions", new { regions = Array.Empty<object>() }), 401, 403, 200, 403, 200),
        new("GET /v1/products/{private of A}/programs", async s => new Call(Get, $"/v1/products/{(await s.NewProductAsync(s.VendorA)).Product}/programs"), 401, 403, 200, 403, 200),
        new("GET /v1/products/{public of A}/programs", async s => new Call(Get, $"/v1/products/{(await s.NewProductAsync(s.VendorA, isPublic: true)).Product}/programs"), 200, 200, 200, 200, 200),


        // Attestations that a product runs a guideline's designated sections
        new("GET /v1/products/{private of A}/attestations", async s => new Call(Get, $"/v1/products/{(await s.NewProductAsync(s.VendorA)).Product}/attestations"), 401, 403, 200, 403, 200),
        new("GET /v1/products/{public of A}/attestations", async s => new Call(Get, $"/v1/products/{(await s.NewProductAsync(s.VendorA, isPublic: true)).Product}/attestations"), 200, 200, 200, 200, 200),
        new("PUT /v1/products/{public of A}/attestations/2020.06", async s => new Call(Put, $"/v1/products/{(await s.NewProductAsync(s.VendorA, isPublic: true)).Product}/attestations/2020.06"), 401, 403, 201, 403, 201),
        new("DELETE /v1/products/{public of A}/attestations/2020.06", async s =>
        {
            var (p, _) = await s.NewProductAsync(s.VendorA, isPublic: true);
            await s.AttestAsync(p, "2020.06");
            return new Call(Delete, $"/v1/products/{p}/attestations/2020.06");
        }, 401, 403, 204, 403, 204),

        // Results
        new("POST /v1/results unsigned (a token is no upload credential)", _ => Task.FromResult(new Call(Post, "/v1/results", Json: new { cpid = "c", duration_seconds = 1, results = new[] { new { name = "t.T.test" } } })), 401, 401, 401, 401, 401),
        new("POST /v1/results/full unsigned", _ => Task.FromResult(new Call(Post, "/v1/results/full", Json: new { cpid = "c", tests = new[] { new { name = "t.T.test", status = "pass" } } })), 401, 401, 401, 401, 401),
        new("GET /v1/results", _ => Task.FromResult(new Call(Get, "/v1/results")), 200, 200, 200, 200, 200),
        new("GET /v1/results?signed", _ => Task.FromResult(new Call(Get, "/v1/results?signed")), 400, 200, 200, 200, 200),
        new("GET /v1/results/{private of A} (HOLE: private results)", async s => new Call(Get, $"/v1/results/{await s.NewResultAsync(s.KeyA)}"), 401, 403, 200, 403, 200),
        new("GET /v1/results/{shared of A}", async s => new Call(Get, $"/v1/results/{await s.NewReadyResultAsync()}"), 200, 200, 200, 200, 200),
        new("GET /v1/results/{private of A}/tests", async s => new Call(Get, $"/v1/results/{await s.NewResultAsync(s.KeyA)}/tests"), 401, 403, 200, 403, 200),
        new("GET /v1/results/{private of A}/meta", async s => new Call(Get, $"/v1/results/{await s.NewResultAsync(s.KeyA)}/meta"), 401, 403, 200, 403, 200),
        new("GET /v1/results/{private of A}/compliance", async s => new Call(Get, $"/v1/results/{await s.NewResultAsync(s.KeyA)}/compliance"), 401, 403, 200, 403, 200),
        new("POST /v1/results/{private of A}/meta/shared", async s => new Call(Post, $"/v1/results/{await s.NewResultAsync(s.KeyA)}/meta/shared", Text: "true"), 401, 403, 201, 403, 201),
        new("POST /v1/results/{private of A, linked}/meta/region", async s =>
        {
            var (p, v) = await s.NewProductAsync(s.VendorA);
            await s.DeclareRegionsAsync(p, ("RegionOne", "hypervisor", "KVM", []));
            return new Call(Post, $"/v1/results/{await s.NewLinkedResultAsync(v)}/meta/region", Text: "RegionOne");
        }, 401, 403, 201, 403, 201),
        new("GET /v1/results/queue", _ => Task.FromResult(new Call(Get, "/v1/results/queue")), 401, 403, 403, 403, 200),
        new("DELETE /v1/results/{shared of A}/meta/shared", async s => new Call(Delete, $"/v1/results/{await s.NewReadyResultAsync()}/meta/shared"), 401, 403, 204, 403, 204),
        new("GET /v1/results/{private of A}/subunit (JSON upload: none)", async s => new Call(Get, $"/v1/results/{await s.NewResultAsync(s.KeyA)}/subunit"), 401, 403, 404, 403, 404),
        new("DELETE /v1/results/{private of A}", async s => new Call(Delete, $"/v1/results/{await s.NewResultAsync(s.KeyA)}"), 401, 403, 204, 403, 204),
        new("DELETE /v1/results/{verified of A} (HOLE: verified)", async s => new Call(Delete, $"/v1/results/{await s.NewVerifiedResultAsync()}"), 401, 403, 403, 403, 403),
        new("PUT /v1/results/{private of A} link A's version", async s =>
        {
            var (_, va) = await s.NewProductAsync(s.VendorA);
            return new Call(Put, $"/v1/results/{await s.NewResultAsync(s.KeyA)}", new { product_version_id = va });
        }, 401, 403, 200, 403, 200),
        new("PUT /v1/results/{private of B} link A's version (HOLE)", async s =>
        {
            var (_, va) = await s.NewProductAsync(s.VendorA);
            return new Call(Put, $"/v1/results/{await s.NewResultAsync(s.KeyB)}", new { product_version_id = va });
        }, 401, 403, 403, 403, 200),
        new("PUT /v1/results/{shared of A} verify (HOLE: not foundation)", async s => new Call(Put, $"/v1/results/{await s.NewReadyResultAsync()}", new { verification_status = 1 }), 401, 403, 403, 403, 200),
        new("PUT /v1/results/{verified of A} link a version", async s =>
        {
            var (_, va) = await s.NewProductAsync(s.VendorA);
            return new Call(Put, $"/v1/results/{await s.NewVerifiedResultAsync()}", new { product_version_id = va });
        }, 401, 403, 403, 403, 403),
        new("PUT /v1/results/{verified of A} unverify", async s => new Call(Put, $"/v1/results/{await s.NewVerifiedResultAsync()}", new { verification_status = 0 }), 401, 403, 403, 403, 200),
        new("GET /v1/results/{private of A}/verification (not verified)", async s => new Call(Get, $"/v1/results/{await s.NewResultAsync(s.KeyA)}/verification"), 401, 403, 404, 403, 200),
        new("GET /v1/results/{verified of A}/verification", async s => new Call(Get, $"/v1/results/{await s.NewVerifiedResultAsync()}/verification"), 200, 200, 200, 200, 200),

        // Scoring matrix: anyone reads, foundation admins write
        new("GET /v1/scoring", _ => Task.FromResult(new Call(Get, "/v1/scoring")), 200, 200, 200, 200, 200),
        new("GET /v1/scoring/{stored}", async s => new Call(Get, $"/v1/scoring/{await s.NewWorksheetAsync()}"), 200, 200, 200, 200, 200),
        new("GET /v1/scoring/{stored}/text", async s => new Call(Get, $"/v1/scoring/{await s.NewWorksheetAsync()}/text"), 200, 200, 200, 200, 200),
        new("GET /v1/scoring/{stored}/history", async s => new Call(Get, $"/v1/scoring/{await s.NewWorksheetAsync()}/history"), 200, 200, 200, 200, 200),
        new("PUT /v1/scoring/{new} (import)", _ => Task.FromResult(new Call(Put, $"/v1/scoring/{Governance.FreshGuideline()}", Text: Governance.SmallWorksheet)), 401, 403, 403, 403, 201),
        new("PUT /v1/scoring/{stored}/capabilities/{capability}", async s => new Call(Put, $"/v1/scoring/{await s.NewWorksheetAsync()}/capabilities/compute-flavors-list", new { marks = "011111110010", comment = "matrix" }), 401, 403, 403, 403, 200),

        // Flags: signed-in users propose, foundation admins decide, anyone reads
        new("GET /v1/flags", _ => Task.FromResult(new Call(Get, "/v1/flags")), 200, 200, 200, 200, 200),
        new("GET /v1/flags/{proposal}", async s => new Call(Get, $"/v1/flags/{await s.NewFlagProposalAsync()}"), 200, 200, 200, 200, 200),
        new("GET /v1/flags/approved?guideline=2019.11", _ => Task.FromResult(new Call(Get, "/v1/flags/approved?guideline=2019.11")), 200, 200, 200, 200, 200),
        new("POST /v1/flags", _ => Task.FromResult(new Call(Post, "/v1/flags", new { guideline = "2019.11", test = Governance.FlavorsTest, reason = "D404", rationale = "matrix" })), 401, 201, 201, 201, 201),
        new("POST /v1/flags/{proposal}/approve", async s => new Call(Post, $"/v1/flags/{await s.NewFlagProposalAsync()}/approve", new { }), 401, 403, 403, 403, 200),
        new("POST /v1/flags/{proposal}/reject", async s => new Call(Post, $"/v1/flags/{await s.NewFlagProposalAsync()}/reject", new { note = "matrix" }), 401, 403, 403, 403, 200),

        // Waivers: read with the product, granted and revoked by foundation admins
        new("GET /v1/products/{private of A}/waivers", async s => new Call(Get, $"/v1/products/{(await s.NewProductAsync(s.VendorA)).Product}/waivers"), 401, 403, 200, 403, 200),
        new("GET /v1/products/{public of A}/waivers", async s => new Call(Get, $"/v1/products/{(await s.NewProductAsync(s.VendorA, isPublic: true)).Product}/waivers"), 200, 200, 200, 200, 200),
        new("POST /v1/products/{public of A}/waivers", async s => new Call(Post, $"/v1/products/{(await s.NewProductAsync(s.VendorA, isPublic: true)).Product}/waivers",
            new { tests = new[] { "tempest.api.compute.test_some.SomeTest.test_0" }, reason = "matrix", expires = "2099-12-31" }), 401, 403, 403, 403, 201),
        new("DELETE /v1/products/{public of A}/waivers/{waiver}", async s =>
        {
            var (p, _) = await s.NewProductAsync(s.VendorA, isPublic: true);
            return new Call(Delete, $"/v1/products/{p}/waivers/{await s.NewWaiverAsync(p)}");
        }, 401, 403, 403, 403, 204),
    ];

    [SkippableFact]
    public async Task Every_endpoint_answers_every_role_as_the_matrix_says()
    {
        registry.RequireServer();
        var scene = await Scene.CreateAsync(registry);
        string?[] tokens = [null, scene.User, scene.AdminA, scene.AdminB, scene.Foundation];
        string[] roles = ["anonymous", "user", "admin A", "admin B", "foundation"];
        var wrong = new StringBuilder();
        foreach (var row in Rows)
        {
            int[] expected = [row.Anonymous, row.User, row.AdminA, row.AdminB, row.Foundation];
            for (var i = 0; i < tokens.Length; i++)
            {
                var call = await row.Arrange(scene);
                var reply = await scene.CallAsync(call.Method, call.Path, tokens[i], call.Json, call.Text);
                if (reply.Code != expected[i])
                {
                    wrong.AppendLine($"{row.Name} as {roles[i]}: expected {expected[i]}, got {reply.Code} {reply.Text[..Math.Min(160, reply.Text.Length)]}");
                }
            }
        }

        Assert.True(wrong.Length == 0, "\n" + wrong);
    }
}

public sealed class SqliteAuthorizationMatrixTests(SqliteRegistry registry) : AuthorizationMatrixTests<SqliteRegistry>(registry);

public sealed class PostgresAuthorizationMatrixTests(PostgresRegistry registry) : AuthorizationMatrixTests<PostgresRegistry>(registry);
