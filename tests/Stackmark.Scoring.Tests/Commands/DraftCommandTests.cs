using Stackmark.Scoring.Tests.Support;
using Stackmark.Tests.Support;

namespace Stackmark.Scoring.Tests.Commands;

public sealed class DraftCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("stackmark-draft-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Draft_writes_json_and_markdown_and_prints_the_diff()
    {
        var flags = Write("flags.yaml", """
            - test: tempest.api.compute.flavors.test_flavors.FlavorsV2TestJSON.test_list_flavors
              reason: D401
              rationale: bug 123
              date: 2099-01-15
            """);
        var scoring = Write("matrix.txt", "compute-flavors-list: [0,0,0] [0,0,0] [0,0,0] [0,0,0] [1] [0]\n");
        var json = Path.Combine(_dir, "next.json");
        var md = Path.Combine(_dir, "next.md");
        var (exit, output, err) = await ScoringCli.RunAsync("guidelines", "draft", "--from", "2019.11", "--source", InteropData.Directory,
            "--scoring", scoring, "--flags", flags, "--deprecate", "compute-images-create", "--out", json, "--doc", md);
        Assert.True(exit == 0, output + err);
        Assert.Contains("compute-images-create", output, StringComparison.Ordinal);
        Assert.Contains("deprecated by the committee", output, StringComparison.Ordinal);
        Assert.Contains("flagged tempest.api.compute.flavors.test_flavors.FlavorsV2TestJSON.test_list_flavors (compute-flavors-list): D401 bug 123", output, StringComparison.Ordinal);
        Assert.Contains($"wrote {json}", output, StringComparison.Ordinal);
        var draft = GuidelineLoader.Load(await File.ReadAllBytesAsync(json), json).Value!;
        Assert.Equal("draft", draft.Metadata.Status);
        Assert.Equal("2019.11", draft.Metadata.Replaces);
        Assert.StartsWith("# Guideline next (draft)", await File.ReadAllTextAsync(md), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Draft_takes_community_data_from_a_file_and_documents_it_in_html()
    {
        // Two clouds: both pass everything but object storage, which only one of them passes.
        var g = GuidelineLoader.Load(await File.ReadAllBytesAsync(Path.Combine(InteropData.Directory, "2019.11.json")), "2019.11.json").Value!;
        var results = new[] { "one", "two" }.Select((cpid, i) => new CommunityResult(cpid, null, DateTimeOffset.UnixEpoch.AddDays(i),
            g.CapabilitiesOf("platform", [CapabilityStatus.Required]).Where(c => i == 0 || !c.Id.Value.StartsWith("objectstore-", StringComparison.Ordinal))
                .SelectMany(c => c.Tests).Select(t => new TestOutcome(t.Name, t.Id, TestStatus.Passed)).DistinctBy(t => t.Name).ToList())).ToList();
        var community = Write("community.json", CommunityJson.Write(CommunityAdoption.Compute(g, "platform", results)));
        var html = Path.Combine(_dir, "next.html");
        var (exit, output, err) = await ScoringCli.RunAsync("guidelines", "draft", "--from", "2019.11", "--source", InteropData.Directory,
            "--community", community, "--deployed-threshold", "0.75", "--out", Path.Combine(_dir, "next.json"), "--doc", html);
        Assert.True(exit == 0, output + err);
        Assert.Contains("community: objectstore-container-create widely deployed 1 -> 0 (1/2 clouds)", output, StringComparison.Ordinal);
        var page = await File.ReadAllTextAsync(html);
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Contains("<td>objectstore-container-create</td><td>1 → 0</td><td>1 of 2</td>", page, StringComparison.Ordinal);

        (exit, _, err) = await ScoringCli.RunAsync("guidelines", "draft", "--from", "2019.11", "--source", InteropData.Directory, "--community", Write("bad.json", "{\"guideline\": 7}"), "--out", Path.Combine(_dir, "x.json"));
        Assert.Equal(2, exit);
        Assert.Contains("bad.json: not community data", err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "x.json")));
    }

    [Fact]
    public async Task A_bad_flags_file_is_a_located_usage_error()
    {
        var flags = Write("flags.json", "[{\"test\": \"t\", \"reason\": \"D499\", \"rationale\": \"r\", \"date\": \"2099-01-01\"}]");
        var (exit, _, err) = await ScoringCli.RunAsync("guidelines", "draft", "--from", "2019.11", "--source", InteropData.Directory, "--flags", flags, "--out", Path.Combine(_dir, "x.json"));
        Assert.Equal(2, exit);
        Assert.Contains($"{flags}:1:26: \"D499\" is not a reason code", err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "x.json")));
    }

    [Fact]
    public async Task Flags_from_an_unreachable_registry_exit_3_and_write_nothing()
    {
        var (exit, _, err) = await ScoringCli.RunAsync("guidelines", "draft", "--from", "2019.11", "--source", InteropData.Directory, "--flags", "http://127.0.0.1:1/", "--out", Path.Combine(_dir, "x.json"));
        Assert.Equal(3, exit);
        Assert.Contains("127.0.0.1:1 is unreachable", err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "x.json")));
    }

    [Fact]
    public async Task A_flag_for_an_unknown_test_exits_2_and_writes_nothing()
    {
        var flags = Write("flags.yaml", "- test: tempest.api.nowhere\n  reason: D404\n  rationale: r\n  date: 2099-01-01\n");
        var (exit, output, _) = await ScoringCli.RunAsync("guidelines", "draft", "--from", "2019.11", "--source", InteropData.Directory, "--flags", flags, "--out", Path.Combine(_dir, "x.json"), "--warnings");
        Assert.Equal(2, exit);
        Assert.Contains("flagged test tempest.api.nowhere is in no capability of the draft", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "x.json")));
    }
}
