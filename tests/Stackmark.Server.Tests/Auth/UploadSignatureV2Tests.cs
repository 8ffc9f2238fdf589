using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Stackmark.RefStack;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Auth;

/// <summary>
/// Version 2 signatures: method, target, timestamp (±5 minutes of the registry's injected clock) and a one-time nonce;
/// the registry's clock stands at 2031-03-01 12:00 UTC, far from the real one.
/// </summary>
public abstract class UploadSignatureV2Tests<TFixture>(TFixture registry) : IClassFixture<TFixture>
    where TFixture : RegistryFixture
{
    private ManualClock Clock => (ManualClock)registry.Clock;

    [Fact]
    public void Canonical_string_is_six_lf_separated_lines_ending_with_the_body_sha256()
    {
        var text = UploadSignatureV2.CanonicalString("post", "/v1/results?cpid=abc", "1929528000", "AAAAAAAAAAAAAAAAAAAAAA", "{}"u8);
        Assert.Equal(
            "stackmark-upload-v2\nPOST\n/v1/results?cpid=abc\n1929528000\nAAAAAAAAAAAAAAAAAAAAAA\n44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
            text);
        Assert.Equal(Encoding.UTF8.GetBytes(text), UploadSignatureV2.CanonicalBytes("POST", "/v1/results?cpid=abc", "1929528000", "AAAAAAAAAAAAAAAAAAAAAA", "{}"u8));
        Assert.True(UploadSignatureV2.IsValidNonce(UploadSignatureV2.NewNonce()));
        Assert.False(UploadSignatureV2.IsValidNonce("short"));
        Assert.False(UploadSignatureV2.IsValidNonce("has spaces in it, sixteen+"));
    }

    [SkippableFact]
    public async Task V2_upload_is_accepted_once_and_its_replay_is_409()
    {
        registry.RequireServer();
        var (_, token, key) = await registry.NewSignerAsync();
        var body = RefStackJson.Serialize(Some.Results());
        var nonce = UploadSignatureV2.NewNonce();
        using var first = await registry.Http.SendAsync(SignedRequests.V2("/v1/results", body, key, Clock.GetUtcNow(), nonce));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("test_id").GetString();
        using var run = await registry.SendAsync(HttpMethod.Get, $"/v1/results/{id}", token);
        Assert.Equal(2, (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("signature_version").GetInt32());

        Clock.Advance(TimeSpan.FromMinutes(4));
        using var replay = await registry.Http.SendAsync(SignedRequests.V2("/v1/results", body, key, Clock.GetUtcNow() - TimeSpan.FromMinutes(4), nonce));
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Contains("Replayed", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Once the timestamp is out of the window the nonce is forgotten, and the timestamp refuses the replay.
        Clock.Advance(TimeSpan.FromMinutes(2));
        using var late = await registry.Http.SendAsync(SignedRequests.V2("/v1/results", body, key, Clock.GetUtcNow() - TimeSpan.FromMinutes(6), nonce));
        Assert.Equal(HttpStatusCode.Unauthorized, late.StatusCode);

        using var mine = await registry.SendAsync(HttpMethod.Get, "/v1/results?signed", token);
        Assert.Single((await mine.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray());
    }

    [SkippableFact]
    public async Task Timestamps_are_judged_by_the_registrys_clock_within_five_minutes()
    {
        registry.RequireServer();
        var (_, _, key) = await registry.NewSignerAsync();
        async Task<HttpStatusCode> Send(DateTimeOffset at)
        {
            using var response = await registry.Http.SendAsync(SignedRequests.V2("/v1/results", RefStackJson.Serialize(Some.Results()), key, at, UploadSignatureV2.NewNonce()));
            return response.StatusCode;
        }

        var now = Clock.GetUtcNow();
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(now - TimeSpan.FromSeconds(301)));
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(now + TimeSpan.FromSeconds(301)));
        Assert.Equal(HttpStatusCode.Created, await Send(now - TimeSpan.FromSeconds(299)));
        Assert.Equal(HttpStatusCode.Created, await Send(now + TimeSpan.FromSeconds(299)));
    }

    [SkippableFact]
    public async Task Changing_what_was_signed_fails_verification()
    {
        registry.RequireServer();
        var (_, _, key) = await registry.NewSignerAsync();
        var body = RefStackJson.Serialize(Some.Results());
        var now = Clock.GetUtcNow();

        // Signed for the subunit endpoint, sent to the JSON one; signed with another nonce than sent.
        using var otherTarget = await registry.Http.SendAsync(SignedRequests.V2("/v1/results", body, key, now, UploadSignatureV2.NewNonce(), signedTarget: "/v1/results/subunit"));
        Assert.Equal(HttpStatusCode.BadRequest, otherTarget.StatusCode);
        using var otherNonce = await registry.Http.SendAsync(SignedRequests.V2("/v1/results", body, key, now, UploadSignatureV2.NewNonce(), signedNonce: UploadSignatureV2.NewNonce()));
        Assert.Equal(HttpStatusCode.BadRequest, otherNonce.StatusCode);

        // A v1 signature (body only) sent as v2.
        var v1AsV2 = SignedRequests.V2("/v1/results", body, key, now, UploadSignatureV2.NewNonce());
        v1AsV2.Headers.Remove("X-Signature");
        v1AsV2.Headers.TryAddWithoutValidation("X-Signature", ResultSigner.Sign(body, key));
        using var downgraded = await registry.Http.SendAsync(v1AsV2);
        Assert.Equal(HttpStatusCode.BadRequest, downgraded.StatusCode);

        // The query is part of the target: a subunit upload's cpid is signed.
        var stream = SubunitFixtures.Read("tempest-sample.subunit");
        using var cpidSwapped = await registry.Http.SendAsync(SignedRequests.V2("/v1/results/subunit?cpid=theirs", stream, key, now, UploadSignatureV2.NewNonce(), "application/vnd.subunit", signedTarget: "/v1/results/subunit?cpid=mine"));
        Assert.Equal(HttpStatusCode.BadRequest, cpidSwapped.StatusCode);
        using var subunit = await registry.Http.SendAsync(SignedRequests.V2("/v1/results/subunit?cpid=mine", stream, key, now, UploadSignatureV2.NewNonce(), "application/vnd.subunit"));
        Assert.Equal(HttpStatusCode.Created, subunit.StatusCode);
    }

    [SkippableTheory]
    [InlineData("3", "1929528000", "AAAAAAAAAAAAAAAAAAAAAA", "Unsupported signature version")]
    [InlineData("2", "yesterday", "AAAAAAAAAAAAAAAAAAAAAA", "Unix seconds")]
    [InlineData("2", "1929528000", "short", "X-Stackmark-Nonce")]
    [InlineData("2", "", "AAAAAAAAAAAAAAAAAAAAAA", "Unix seconds")]
    public async Task Malformed_v2_headers_are_400(string version, string timestamp, string nonce, string reason)
    {
        registry.RequireServer();
        var (_, _, key) = await registry.NewSignerAsync();
        var request = SignedRequests.V2("/v1/results", RefStackJson.Serialize(Some.Results()), key, Clock.GetUtcNow(), UploadSignatureV2.NewNonce());
        foreach (var (name, value) in new[] { (UploadSignatureV2.VersionHeader, version), (UploadSignatureV2.TimestampHeader, timestamp), (UploadSignatureV2.NonceHeader, nonce) })
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await registry.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task V1_uploads_stay_accepted_and_are_marked_as_version_1()
    {
        registry.RequireServer();
        var (_, token, key) = await registry.NewSignerAsync();
        var upload = await registry.UploadAsync(Some.Results(), key);
        Assert.True(upload.Success, upload.Error);
        using var run = await registry.SendAsync(HttpMethod.Get, $"/v1/results/{upload.TestId}", token);
        Assert.Equal(1, (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("signature_version").GetInt32());
    }
}

public sealed class SqliteUploadSignatureV2Tests(ClockedSqliteRegistry registry) : UploadSignatureV2Tests<ClockedSqliteRegistry>(registry);

public sealed class PostgresUploadSignatureV2Tests(ClockedPostgresRegistry registry) : UploadSignatureV2Tests<ClockedPostgresRegistry>(registry);
