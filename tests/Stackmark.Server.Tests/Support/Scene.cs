using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Stackmark.Server.Tests.Support;

/// <summary>One HTTP exchange: the status and the JSON body (default when empty or not JSON).</summary>
public sealed record Reply(HttpStatusCode Status, JsonElement Body, string Text)
{
    public int Code => (int)Status;

    public string Str(string property) => Body.GetProperty(property).GetString()!;
}

/// <summary>
/// The registry's cast, made through HTTP: a foundation admin, a plain user, and the admins of vendors A and B (each with
/// a registered signing key, so they own the results they upload). Builders make fresh vendors, products, versions and
/// results for a test to act on.
/// </summary>
public sealed class Scene
{
    private static int _names;

    private Scene(RegistryFixture registry) => Registry = registry;

    public RegistryFixture Registry { get; }

    public string Foundation { get; private set; } = "";

    public string User { get; private set; } = "";

    public string UserName { get; private set; } = "";

    public string AdminA { get; private set; } = "";

    public string AdminAName { get; private set; } = "";

    public RSA KeyA { get; private set; } = null!;

    public string AdminB { get; private set; } = "";

    public RSA KeyB { get; private set; } = null!;

    /// <summary>Vendor A: private, administered by <see cref="AdminA"/>.</summary>
    public string VendorA { get; private set; } = "";

    /// <summary>Vendor B: private, administered by <see cref="AdminB"/>.</summary>
    public string VendorB { get; private set; } = "";

    public static async Task<Scene> CreateAsync(RegistryFixture registry)
    {
        var scene = new Scene(registry) { Foundation = await registry.AdminTokenAsync() };
        (scene.UserName, scene.User) = await registry.NewUserAsync();
        (scene.AdminAName, scene.AdminA, scene.KeyA) = await registry.NewSignerAsync();
        (_, scene.AdminB, scene.KeyB) = await registry.NewSignerAsync();
        scene.VendorA = await scene.NewVendorAsync(scene.AdminA);
        scene.VendorB = await scene.NewVendorAsync(scene.AdminB);
        return scene;
    }

    /// <summary>
    /// One cast per registry, made on first use: for tests (theory cases) that only act on fresh objects and would
    /// otherwise spend most of their time hashing the passwords of new users.
    /// </summary>
    public static Task<Scene> SharedAsync(RegistryFixture registry) => Shared.GetValue(registry, r => CreateAsync(r));

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<RegistryFixture, Task<Scene>> Shared = new();

    public static string Unique(string prefix) => $"{prefix}-{Interlocked.Increment(ref _names)}-{Guid.NewGuid().ToString("N")[..6]}";

    public static string OpenId(string userName) => Convert.ToBase64String(Encoding.UTF8.GetBytes(userName));

    public async Task<Reply> CallAsync(HttpMethod method, string path, string? token, object? json = null, string? text = null)
    {
        HttpContent? content = json is not null ? JsonContent.Create(json) : text is not null ? new StringContent(text, Encoding.UTF8, "text/plain") : null;
        using var response = await Registry.SendAsync(method, path, token, content);
        var body = await response.Content.ReadAsStringAsync();
        JsonElement parsed = default;
        if (body.Length > 0 && (body[0] is '{' or '[' or '"' || body == "null"))
        {
            try
            {
                parsed = JsonDocument.Parse(body).RootElement.Clone();
            }
            catch (JsonException)
            {
            }
        }

        return new Reply(response.StatusCode, parsed, body);
    }

    public async Task<Reply> ExpectAsync(HttpStatusCode expected, HttpMethod method, string path, string? token, object? json = null, string? text = null)
    {
        var reply = await CallAsync(method, path, token, json, text);
        Assert.True(reply.Status == expected, $"{method} {path}: expected {(int)expected}, got {reply.Code} {reply.Text}");
        return reply;
    }

    /// <summary>A new private vendor; <paramref name="token"/>'s user becomes its admin.</summary>
    public async Task<string> NewVendorAsync(string token) =>
        (await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/v1/vendors", token, new { name = Unique("vendor"), description = "made by a test" })).Str("id");

    /// <summary>A new vendor of <see cref="AdminA"/>, moved to pending (registered) or official (approved by the foundation).</summary>
    public async Task<string> NewVendorOfAAsync(int type)
    {
        var id = await NewVendorAsync(AdminA);
        if (type >= 2)
        {
            await ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/v1/vendors/{id}/action", AdminA, new { register = (object?)null });
        }

        if (type >= 3)
        {
            await ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/v1/vendors/{id}/action", Foundation, new { approve = (object?)null });
        }

        return id;
    }

    /// <summary>A new product of the vendor, made by the foundation; returns its id and its default version's id.</summary>
    public async Task<(string Product, string DefaultVersion)> NewProductAsync(string vendor, bool isPublic = false)
    {
        var product = (await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/v1/products", Foundation,
            new { name = Unique("product"), product_type = 1, organization_id = vendor, @public = isPublic })).Str("id");
        var versions = await ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/products/{product}/versions", Foundation);
        return (product, versions.Body[0].GetProperty("id").GetString()!);
    }

    public async Task<string> NewVersionAsync(string product, string? cpid = null) =>
        (await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/products/{product}/versions", Foundation, new { version = Unique("v"), cpid })).Str("id");

    /// <summary>A private (unshared) result uploaded with <paramref name="key"/>.</summary>
    public async Task<string> NewResultAsync(RSA key, RefStackResults? results = null)
    {
        var upload = await Registry.UploadAsync(results ?? Some.Results(), key);
        Assert.True(upload.Success, upload.Error);
        return upload.TestId!;
    }

    /// <summary>
    /// A result of <see cref="AdminA"/>, shared, with guideline 2020.06 and target object, linked to a new product of
    /// <see cref="VendorA"/> that attests to 2020.06's designated sections: ready to verify.
    /// </summary>
    public async Task<string> NewReadyResultAsync()
    {
        var id = await NewUnattestedReadyResultAsync();
        await LinkToAttestedProductAsync(id);
        return id;
    }

    /// <summary>
    /// Links the result (as its owner <see cref="AdminA"/>) to a new product of <see cref="VendorA"/> that attests to
    /// the designated sections of <paramref name="guideline"/>, as verification requires; returns the product's id.
    /// </summary>
    public async Task<string> LinkToAttestedProductAsync(string result, string guideline = "2020.06")
    {
        var (product, version) = await NewProductAsync(VendorA);
        await ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/results/{result}", AdminA, new { product_version_id = version });
        await AttestAsync(product, guideline);
        return product;
    }

    /// <summary>A result of <see cref="AdminA"/>, shared, with guideline 2020.06 and target object, linked to no product.</summary>
    public async Task<string> NewUnattestedReadyResultAsync()
    {
        var id = await NewResultAsync(KeyA, Some.PassingObjectStorage2020());
        await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/results/{id}/meta/shared", AdminA, text: "true");
        await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/results/{id}/meta/guideline", AdminA, text: "2020.06.json");
        await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/results/{id}/meta/target", AdminA, text: "object");
        return id;
    }

    /// <summary>The product attests (as the foundation) that it runs the designated sections of <paramref name="guideline"/>.</summary>
    public async Task AttestAsync(string product, string guideline)
    {
        var reply = await CallAsync(HttpMethod.Put, $"/v1/products/{product}/attestations/{guideline}", Foundation);
        Assert.True(reply.Status is HttpStatusCode.Created or HttpStatusCode.OK, $"attest {guideline}: {reply.Code} {reply.Text}");
    }

    /// <summary>Declares the product's regions (as the foundation); each is <c>(name, kind, runtime, guest OSes)</c>.</summary>
    public async Task<Reply> DeclareRegionsAsync(string product, params (string Name, string Kind, string? Runtime, string[] GuestOs)[] regions) =>
        await ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/products/{product}/regions", Foundation,
            new { regions = regions.Select(r => new { name = r.Name, kind = r.Kind, runtime = r.Runtime, guest_os = r.GuestOs }) });

    /// <summary>A result of <see cref="AdminA"/> linked (by its owner) to <paramref name="version"/>, a version of vendor A's.</summary>
    public async Task<string> NewLinkedResultAsync(string version, RefStackResults? results = null)
    {
        var id = await NewResultAsync(KeyA, results);
        await ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/results/{id}", AdminA, new { product_version_id = version });
        return id;
    }

    /// <summary>A result of <see cref="AdminA"/> verified by the foundation.</summary>
    public async Task<string> NewVerifiedResultAsync()
    {
        var id = await NewReadyResultAsync();
        await ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/results/{id}", Foundation, new { verification_status = 1 });
        return id;
    }
}
