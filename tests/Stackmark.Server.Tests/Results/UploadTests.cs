using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Stackmark.RefStack;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Results;

/// <summary>POST /v1/results through the real client and by hand: signatures, keys, policy, bad bodies.</summary>
public abstract class UploadTests<TFixture>(TFixture registry) : IClassFixture<TFixture>
    where TFixture : RegistryFixture
{
    protected TFixture Registry { get; } = registry;

    [SkippableFact]
    public async Task Signed_upload_by_the_real_client_with_an_ssh_keygen_key_is_stored_and_owned()
    {
        Registry.RequireServer();
        var (name, token) = await Registry.NewUserAsync();
        using (var registered = await Registry.RegisterKeyAsync(token, SshKeys.Key2048))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        var results = Some.Results(tests: 5);
        var upload = await Registry.UploadAsync(results, SshKeys.Key2048);
        Assert.True(upload.Success, upload.Error);
        Assert.Equal(new Uri(Registry.BaseUrl, $"/v1/results/{upload.TestId}"), upload.Url);

        using var asOwner = await Registry.SendAsync(HttpMethod.Get, $"/v1/results/{upload.TestId}", token);
        var run = await asOwner.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("owner", run.GetProperty("user_role").GetString());
        Assert.Equal(results.Cpid, run.GetProperty("cpid").GetString());
        Assert.Equal(name, run.GetProperty("meta").GetProperty("user").GetString());
        Assert.Equal(results.Passed.Select(p => p.Name.Value).Order(StringComparer.Ordinal), run.GetProperty("results").EnumerateArray().Select(e => e.GetString()));

        // Private until shared: anonymous 401, another user 403.
        using var anonymous = await Registry.SendAsync(HttpMethod.Get, $"/v1/results/{upload.TestId}");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var (_, other) = await Registry.NewUserAsync();
        using var asOther = await Registry.SendAsync(HttpMethod.Get, $"/v1/results/{upload.TestId}", other);
        Assert.Equal(HttpStatusCode.Forbidden, asOther.StatusCode);

        // The full results keep each test's idempotent id and status.
        using var tests = await Registry.SendAsync(HttpMethod.Get, $"/v1/results/{upload.TestId}/tests", token);
        var list = await tests.Content.ReadFromJsonAsync<JsonElement>();
        Assert.All(list.EnumerateArray(), t => Assert.Equal("pass", t.GetProperty("status").GetString()));
        Assert.Equal(results.Passed.Select(p => p.Id.ToString()).Order(), list.EnumerateArray().Select(t => t.GetProperty("uuid").GetString()).Order());
    }

    [SkippableFact]
    public async Task Unsigned_upload_is_refused_by_default()
    {
        Registry.RequireServer();
        var upload = await Registry.UploadAsync(Some.Results(), key: null);
        Assert.Equal(401, upload.StatusCode);
        Assert.Contains("Anonymous uploads are disabled", upload.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Tampered_body_is_refused_with_400()
    {
        Registry.RequireServer();
        var (_, _, key) = await Registry.NewSignerAsync();
        var body = RefStackJson.Serialize(Some.Results());
        var signature = ResultSigner.Sign(body, key);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("\"duration_seconds\": 42", "\"duration_seconds\": 43", StringComparison.Ordinal));
        Assert.NotEqual(body, tampered);
        using var response = await PostSignedAsync("/v1/results/", tampered, signature, SshPublicKey.FromRsa(key).ToHeaderValue());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("verification failed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Key_under_2048_bits_is_refused_with_400()
    {
        Registry.RequireServer();
        var key = SshKeys.Key1024;
        var body = RefStackJson.Serialize(Some.Results());
        var signature = Convert.ToHexStringLower(key.SignData(body, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        using var response = await PostSignedAsync("/v1/results/", body, signature, SshPublicKey.FromRsa(key).ToHeaderValue());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("2048", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Unknown_key_is_refused_with_401()
    {
        Registry.RequireServer();
        using var stranger = RSA.Create(2048);
        var upload = await Registry.UploadAsync(Some.Results(), stranger);
        Assert.Equal(401, upload.StatusCode);
        Assert.Contains("User with specified key not found", upload.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Double_slashes_in_the_path_are_collapsed()
    {
        Registry.RequireServer();
        var (_, _, key) = await Registry.NewSignerAsync();
        var body = RefStackJson.Serialize(Some.Results());
        using var response = await PostSignedAsync(Registry.BaseUrl.GetLeftPart(UriPartial.Authority) + "//v1//results/", body, ResultSigner.Sign(body, key), SshPublicKey.FromRsa(key).ToHeaderValue());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(Guid.TryParse(created.GetProperty("test_id").GetString(), out _));
    }

    [SkippableFact]
    public async Task One_signature_header_without_the_other_is_400()
    {
        Registry.RequireServer();
        var (_, _, key) = await Registry.NewSignerAsync();
        var body = RefStackJson.Serialize(Some.Results());
        using var response = await PostSignedAsync("/v1/results", body, ResultSigner.Sign(body, key), publicKey: null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [SkippableTheory]
    [InlineData("{", "Malformed request")]
    [InlineData("[]", "schema")]
    [InlineData("{\"cpid\": \"x\", \"duration_seconds\": 1, \"results\": []}", "at least one passing test")]
    [InlineData("{\"cpid\": \"x\", \"duration_seconds\": 1, \"results\": [{\"name\": \"a\"}], \"extra\": 1}", "unexpected key")]
    [InlineData("{\"cpid\": \"x\", \"duration_seconds\": \"1\", \"results\": [{\"name\": \"a\"}]}", "duration_seconds")]
    [InlineData("{\"cpid\": \"x\", \"duration_seconds\": 1, \"results\": [{\"name\": \"a\"}, {\"name\": 5}]}", "$.results[1].name")]
    [InlineData("{\"cpid\": \"x\", \"duration_seconds\": 1, \"results\": [{\"name\": \"a\", \"uuid\": \"nope\"}]}", "uuid")]
    [InlineData("{\"cpid\": \"x\\u0000\", \"duration_seconds\": 1, \"results\": [{\"name\": \"a\"}]}", "NUL")]
    [InlineData("{\"cpid\": \"x\", \"duration_seconds\": 1, \"results\": [{\"name\": \"a\\ud800\"}]}", "")]
    public async Task Bad_bodies_are_400_with_the_reason_and_nothing_is_stored(string body, string reason)
    {
        Registry.RequireServer();
        var (_, token, key) = await Registry.NewSignerAsync();
        var bytes = Encoding.UTF8.GetBytes(body);
        using var response = await PostSignedAsync("/v1/results/", bytes, ResultSigner.Sign(bytes, key), SshPublicKey.FromRsa(key).ToHeaderValue());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, error.GetProperty("code").GetInt32());
        Assert.Contains(reason, error.GetProperty("title").GetString() + " " + error.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var mine = await Registry.SendAsync(HttpMethod.Get, "/v1/results?signed", token);
        Assert.Empty((await mine.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray());
    }

    [SkippableFact]
    public async Task Oversize_body_is_413()
    {
        Registry.RequireServer();
        var results = Some.Results(tests: 12_000);
        var upload = await Registry.UploadAsync(results, SshKeys.Key2048);
        Assert.Equal(413, upload.StatusCode);
    }

    [SkippableFact]
    public async Task Duplicate_test_names_are_stored_once()
    {
        Registry.RequireServer();
        var (_, token, key) = await Registry.NewSignerAsync();
        var body = "{\"cpid\": \"dup\", \"duration_seconds\": 1, \"results\": [{\"name\": \"t.A.test_a\"}, {\"name\": \"t.A.test_a\"}, {\"name\": \"t.A.test_a[id-9a6a3a4e-6b5d-4a0e-9f43-3bb1b6b1e0a1,smoke]\"}]}"u8.ToArray();
        using var response = await PostSignedAsync("/v1/results", body, ResultSigner.Sign(body, key), SshPublicKey.FromRsa(key).ToHeaderValue());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("test_id").GetString();
        using var run = await Registry.SendAsync(HttpMethod.Get, $"/v1/results/{id}", token);
        Assert.Equal(["t.A.test_a"], (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().Select(e => e.GetString()));
    }

    protected async Task<HttpResponseMessage> PostSignedAsync(string path, byte[] body, string? signature, string? publicKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Signature", signature);
        }

        if (publicKey is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Public-Key", publicKey);
        }

        return await Registry.Http.SendAsync(request);
    }
}

public sealed class SqliteUploadTests(SqliteRegistry registry) : UploadTests<SqliteRegistry>(registry);

public sealed class PostgresUploadTests(PostgresRegistry registry) : UploadTests<PostgresRegistry>(registry);
