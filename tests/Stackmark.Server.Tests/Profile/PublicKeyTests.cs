using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Stackmark.RefStack;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Profile;

/// <summary>/v1/profile/pubkeys: import with a self-signature, list, delete; and the token login in front of it.</summary>
public abstract class PublicKeyTests<TFixture>(TFixture registry) : IClassFixture<TFixture>
    where TFixture : RegistryFixture
{
    [SkippableFact]
    public async Task A_key_is_imported_once_listed_and_deleted_by_its_owner_only()
    {
        registry.RequireServer();
        var (name, token) = await registry.NewUserAsync();
        using var key = RSA.Create(2048);
        using var created = await registry.RegisterKeyAsync(token, key);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = await created.Content.ReadFromJsonAsync<string>();

        using (var again = await registry.RegisterKeyAsync(token, key))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        using (var list = await registry.SendAsync(HttpMethod.Get, "/v1/profile/pubkeys", token))
        {
            var k = (await list.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Single();
            Assert.Equal(id, k.GetProperty("id").GetString());
            Assert.Equal(name, k.GetProperty("openid").GetString());
            Assert.Equal("ssh-rsa", k.GetProperty("format").GetString());
            Assert.Equal(SshPublicKey.FromRsa(key).Sha256Fingerprint, k.GetProperty("fingerprint").GetString());
        }

        var (_, other) = await registry.NewUserAsync();
        using (var foreign = await registry.SendAsync(HttpMethod.Delete, $"/v1/profile/pubkeys/{id}", other))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }

        using (var own = await registry.SendAsync(HttpMethod.Delete, $"/v1/profile/pubkeys/{id}", token))
        {
            Assert.Equal(HttpStatusCode.NoContent, own.StatusCode);
        }

        // Uploads signed with the deleted key are no longer accepted.
        Assert.Equal(401, (await registry.UploadAsync(Some.Results(), key)).StatusCode);
    }

    [SkippableFact]
    public async Task A_key_that_signed_before_is_refused_once_deleted_and_works_again_once_registered_again()
    {
        // The registry keeps the key rows it found for uploads; a delete must not leave one behind.
        registry.RequireServer();
        var (_, token, key) = await registry.NewSignerAsync();
        using (key)
        {
            Assert.Equal(201, (await registry.UploadAsync(Some.Results(), key)).StatusCode);
            Assert.Equal(201, (await registry.UploadAsync(Some.Results(), key)).StatusCode);
            using (var list = await registry.SendAsync(HttpMethod.Get, "/v1/profile/pubkeys", token))
            {
                var id = (await list.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Single().GetProperty("id").GetString();
                using var deleted = await registry.SendAsync(HttpMethod.Delete, $"/v1/profile/pubkeys/{id}", token);
                Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            }

            var refused = await registry.UploadAsync(Some.Results(), key);
            Assert.Equal(401, refused.StatusCode);
            Assert.Contains("User with specified key not found", refused.Error, StringComparison.Ordinal);

            using (var again = await registry.RegisterKeyAsync(token, key))
            {
                Assert.Equal(HttpStatusCode.Created, again.StatusCode);
            }

            var accepted = await registry.UploadAsync(Some.Results(), key);
            Assert.Equal(201, accepted.StatusCode);
        }
    }

    [SkippableFact]
    public async Task Bad_self_signature_small_key_and_anonymous_callers_are_refused()
    {
        registry.RequireServer();
        var (_, token) = await registry.NewUserAsync();
        using var key = RSA.Create(2048);
        using var otherKey = RSA.Create(2048);
        using (var wrong = await registry.RegisterKeyAsync(token, key, ResultSigner.SelfSignature(otherKey)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using (var small = await registry.RegisterKeyAsync(token, SshKeys.Key1024, Convert.ToHexStringLower(SshKeys.Key1024.SignData("signature"u8.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, small.StatusCode);
        }

        using (var extra = await registry.SendAsync(HttpMethod.Post, "/v1/profile/pubkeys", token, JsonContent.Create(new { raw_key = "ssh-rsa AAAA", self_signature = "00", extra = "x" })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, extra.StatusCode);
        }

        using (var anonymous = await registry.RegisterKeyAsync("smk_not-a-real-token", key))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
    }

    [SkippableFact]
    public async Task Tokens_need_the_right_password_and_only_admins_create_users()
    {
        registry.RequireServer();
        using (var wrong = await registry.Http.PostAsJsonAsync("/v1/auth/tokens", new { username = "admin", password = "guess" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var (name, token) = await registry.NewUserAsync();
        using (var profile = await registry.SendAsync(HttpMethod.Get, "/v1/profile", token))
        {
            var p = await profile.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(name, p.GetProperty("openid").GetString());
            Assert.False(p.GetProperty("is_admin").GetBoolean());
        }

        using (var notAdmin = await registry.SendAsync(HttpMethod.Post, "/v1/users", token, JsonContent.Create(new { username = "x", password = "a long enough password" })))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        }

        using var anonymous = await registry.SendAsync(HttpMethod.Get, "/v1/profile");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}

public sealed class SqlitePublicKeyTests(SqliteRegistry registry) : PublicKeyTests<SqliteRegistry>(registry);

public sealed class PostgresPublicKeyTests(PostgresRegistry registry) : PublicKeyTests<PostgresRegistry>(registry);
