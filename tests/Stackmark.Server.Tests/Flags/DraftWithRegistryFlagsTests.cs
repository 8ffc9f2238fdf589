using System.Net;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Flags;

/// <summary>
/// The loop from proposal to draft: a user proposes a flag in the registry, a foundation admin approves it, and
/// <c>stackmark guidelines draft --from 2019.11 --flags REGISTRY_URL</c> writes a draft where that test is flagged with
/// the reason code and still listed by its capability.
/// </summary>
public sealed class DraftWithRegistryFlagsTests(SqliteRegistry registry) : IClassFixture<SqliteRegistry>
{
    [SkippableFact]
    public async Task An_approved_proposal_flags_its_test_in_the_draft_and_the_test_stays_listed()
    {
        registry.RequireServer();
        var run = StackmarkCli.Load();
        var s = await Scene.CreateAsync(registry);
        var id = (await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/v1/flags", s.User,
            new { guideline = "2019.11", test = Governance.FlavorsTest, reason = "D402", rationale = "bug 1234 in nova's flavor listing" })).Str("id");
        await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/v1/flags/{id}/approve", s.Foundation, new { note = "approved" });

        // A proposal still open and a rejected one must not reach the draft.
        var other = Interop.Load("2019.11").Capabilities.Single(c => c.Id.Value == "compute-servers-create").Tests.First(t => !t.IsFlagged).Name.Value;
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/v1/flags", s.User, new { guideline = "2019.11", test = other, reason = "D404", rationale = "still open" });

        var dir = Directory.CreateTempSubdirectory("stackmark-draft-flags-");
        try
        {
            var registryUrl = registry.BaseUrl.ToString();
            foreach (var (flags, file) in new[] { (registryUrl, "base.json"), (registryUrl.TrimEnd('/') + "/v1/flags/approved?guideline=2019.11", "full.json") })
            {
                var outFile = Path.Combine(dir.FullName, file);
                var (code, stdout, stderr) = await run(["guidelines", "draft", "--from", "2019.11", "--source", Interop.Directory, "--flags", flags, "--out", outFile]);
                Assert.True(code == 0, stdout + stderr);
                Assert.Contains("1 approved flags from", stdout, StringComparison.Ordinal);

                var draft = GuidelineLoader.Load(await File.ReadAllBytesAsync(outFile), outFile).Value!;
                var capability = draft.Capabilities.Single(c => c.Id.Value == "compute-flavors-list");
                var test = Assert.Single(capability.Tests, t => t.Name.Value == Governance.FlavorsTest);
                Assert.True(test.IsFlagged);
                Assert.Equal("D402", test.Flag!.ReasonCode);
                Assert.Equal("D402 bug 1234 in nova's flavor listing", test.Flag.Reason);
                Assert.False(draft.Capabilities.Single(c => c.Id.Value == "compute-servers-create").Tests.Single(t => t.Name.Value == other).IsFlagged);
            }

            // A registry refusing the query is a usage error (2); no registry at all is exit 3; nothing is written.
            var refused = Path.Combine(dir.FullName, "refused.json");
            var (badCode, _, badErr) = await run(["guidelines", "draft", "--from", "2019.11", "--source", Interop.Directory, "--flags", registryUrl.TrimEnd('/') + "/v1/flags/approved?guideline=latest", "--out", refused]);
            Assert.Equal(2, badCode);
            Assert.Contains("answered 400: Invalid guideline", badErr, StringComparison.Ordinal);
            var (downCode, _, downErr) = await run(["guidelines", "draft", "--from", "2019.11", "--source", Interop.Directory, "--flags", "http://127.0.0.1:1/", "--out", refused]);
            Assert.Equal(3, downCode);
            Assert.Contains("unreachable", downErr, StringComparison.Ordinal);
            Assert.False(File.Exists(refused));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
