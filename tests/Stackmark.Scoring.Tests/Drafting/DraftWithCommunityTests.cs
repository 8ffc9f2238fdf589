using System.Text.Json.Nodes;
using Stackmark.Tests.Support;

namespace Stackmark.Scoring.Tests.Drafting;

/// <summary>
/// Drafts from the official 2019.11 with community data made here: four clouds' results, judged by the same engine the
/// registry uses, decide "Widely Deployed" — and the lifecycle rules still hold whatever the data says.
/// </summary>
public sealed class DraftWithCommunityTests
{
    private const string InstanceActions = "compute-instance-actions-list";

    private static readonly string[] Clouds = ["cloud-a", "cloud-b", "cloud-c", "cloud-d"];

    private static byte[] Official2019 => File.ReadAllBytes(Path.Combine(InteropData.Directory, "2019.11.json"));

    private static Guideline Load(byte[] json) => GuidelineLoader.Load(json, "2019.11.json").Value!;

    // Every cloud passes every test of the platform, except that only the first `objectStoreClouds` pass object storage
    // and only the first `instanceActionClouds` pass compute-instance-actions-list.
    private static AdoptionReport Community(Guideline g, int objectStoreClouds, int instanceActionClouds)
    {
        var results = new List<CommunityResult>();
        for (var i = 0; i < Clouds.Length; i++)
        {
            var passed = g.CapabilitiesOf("platform", [CapabilityStatus.Required, CapabilityStatus.Advisory])
                .Where(c => !c.Id.Value.StartsWith("objectstore-", StringComparison.Ordinal) || i < objectStoreClouds)
                .Where(c => c.Id.Value != InstanceActions || i < instanceActionClouds)
                .SelectMany(c => c.Tests)
                .Select(t => new TestOutcome(t.Name, t.Id, TestStatus.Passed))
                .DistinctBy(t => t.Name)
                .ToList();
            results.Add(new CommunityResult(Clouds[i], null, new DateTimeOffset(2026, 11, 1 + i, 0, 0, 0, TimeSpan.Zero), passed));
        }

        return CommunityAdoption.Compute(g, "platform", results);
    }

    // 2019.11 with compute-instance-actions-list made advisory again (it scores 75 with "deployed", 67 without).
    private static byte[] WithInstanceActionsAdvisory()
    {
        var root = JsonNode.Parse(Official2019)!;
        var caps = root["components"]!["os_powered_compute"]!["capabilities"]!;
        var required = caps["required"]!.AsArray();
        required.Remove(required.First(n => n!.GetValue<string>() == InstanceActions));
        caps["advisory"]!.AsArray().Add(InstanceActions);
        return System.Text.Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private static CapabilityStatus? StatusOf(DraftResult r, string capability) =>
        r.Draft!.CapabilitiesOf("platform").FirstOrDefault(c => c.Id.Value == capability)?.Status;

    [Fact]
    public void Community_data_sets_widely_deployed_exactly_where_the_data_disagrees_with_the_guideline()
    {
        var g = Load(Official2019);
        var report = Community(g, objectStoreClouds: 1, instanceActionClouds: 4);
        var r = GuidelineDrafter.Draft(Official2019, "2019.11.json", new DraftOptions(GuidelineId.Parse("2099.01"), Community: report));
        Assert.True(r.Success, string.Join("\n", r.Findings));

        // Independently: a capability with counted tests is deployed when at least half the clouds pass it.
        var expected = report.Capabilities.Where(a => a.HasData)
            .Where(a => g.TryGetCapability(a.Id, out var def) && def.Achievements.Contains("deployed") != (a.Share >= 0.5))
            .Select(a => a.Id.Value).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, r.DeployedChanges.Select(c => c.Capability.Value).Order(StringComparer.Ordinal));

        var container = r.DeployedChanges.Single(c => c.Capability.Value == "objectstore-container-create");
        Assert.Equal((Mark.One, Mark.Zero, 1, 4), (container.Old, container.New, container.CloudsPassing, container.CloudsTotal));
        Assert.Equal(container.OldTotal - 8, container.NewTotal);
        Assert.True(r.Draft!.TryGetCapability(new CapabilityId("objectstore-container-create"), out var written));
        Assert.DoesNotContain("deployed", written.Achievements);
    }

    [Fact]
    public void Required_capabilities_stay_required_when_the_community_does_not_deploy_them()
    {
        var g = Load(Official2019);
        var r = GuidelineDrafter.Draft(Official2019, "2019.11.json", new DraftOptions(GuidelineId.Parse("2099.01"), Community: Community(g, objectStoreClouds: 0, instanceActionClouds: 4)));
        Assert.True(r.Success, string.Join("\n", r.Findings));
        var objectStore = g.CapabilitiesOf("object", [CapabilityStatus.Required]).Select(c => c.Id.Value).ToList();
        Assert.All(objectStore, id => Assert.Equal(CapabilityStatus.Required, StatusOf(r, id)));
        var below = r.Decisions.Where(d => objectStore.Contains(d.Capability.Value) && d.Score is { } s && !s.Qualifies(74)).ToList();
        Assert.NotEmpty(below);
        Assert.All(below, d => Assert.Contains("sticky", d.Reason, StringComparison.Ordinal));
        Assert.DoesNotContain(r.Findings, f => f.Severity == Severity.Error);
    }

    [Fact]
    public void An_advisory_capability_becomes_required_only_when_the_community_deploys_it()
    {
        var source = WithInstanceActionsAdvisory();
        var g = Load(source);
        Assert.Equal(InstanceActions, g.CapabilitiesOf("compute", [CapabilityStatus.Advisory]).Single().Id.Value);

        var deployed = GuidelineDrafter.Draft(source, "2019.11.json", new DraftOptions(GuidelineId.Parse("2099.01"), Community: Community(g, 4, instanceActionClouds: 3)));
        Assert.True(deployed.Success, string.Join("\n", deployed.Findings));
        Assert.Equal(CapabilityStatus.Required, StatusOf(deployed, InstanceActions));
        Assert.True(deployed.Draft!.TryGetCapability(new CapabilityId(InstanceActions), out var promoted));
        Assert.Equal("2099.01", promoted.RequiredSince);
        Assert.DoesNotContain(deployed.DeployedChanges, c => c.Capability.Value == InstanceActions);

        var rare = GuidelineDrafter.Draft(source, "2019.11.json", new DraftOptions(GuidelineId.Parse("2099.01"), Community: Community(g, 4, instanceActionClouds: 1)));
        Assert.True(rare.Success, string.Join("\n", rare.Findings));
        Assert.Equal(CapabilityStatus.Advisory, StatusOf(rare, InstanceActions));
        var change = rare.DeployedChanges.Single(c => c.Capability.Value == InstanceActions);
        Assert.Equal((75, 67), (change.OldTotal, change.NewTotal));
        Assert.Contains(rare.Decisions, d => d.Capability.Value == InstanceActions && d.Reason.Contains("does not qualify", StringComparison.Ordinal));
    }

    [Fact]
    public void A_matrix_line_takes_the_community_mark_and_its_total_is_recomputed()
    {
        var g = Load(Official2019);
        // The committee's matrix has no opinion yet on deployment (?) for the flavors line.
        var sheet = WorksheetParser.Parse("Compute\n-------\ncompute-flavors-list:   [?,1,1] [1,1,1] [1,1,1] [1,1,1] [1] [66]\n", "matrix.txt").Value!;
        var r = GuidelineDrafter.Draft(Official2019, "2019.11.json", new DraftOptions(GuidelineId.Parse("2099.01"), sheet, Community: Community(g, 4, 4)));
        Assert.True(r.Success, string.Join("\n", r.Findings));
        var change = r.DeployedChanges.First();
        Assert.Equal(("compute-flavors-list", Mark.Unknown, Mark.One), (change.Capability.Value, change.Old, change.New));
        Assert.True(r.Draft!.TryGetCapability(new CapabilityId("compute-flavors-list"), out var flavors));
        Assert.Contains("deployed", flavors.Achievements);
    }

    [Fact]
    public void The_documentation_names_the_community_changes_in_markdown_and_escaped_html()
    {
        var g = Load(Official2019);
        var r = GuidelineDrafter.Draft(Official2019, "2019.11.json", new DraftOptions(GuidelineId.Parse("2099.01"), Community: Community(g, 1, 4)));
        var markdown = DraftDocument.ToMarkdown(r);
        Assert.Contains("## Community data", markdown, StringComparison.Ordinal);
        Assert.Contains("| objectstore-container-create | 1 → 0 | 1 of 4 |", markdown, StringComparison.Ordinal);
        var html = DraftDocument.ToHtml(r);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Community data</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<td>objectstore-container-create</td><td>1 → 0</td><td>1 of 4</td>", html, StringComparison.Ordinal);
        Assert.Equal(markdown.Split('\n').Count(l => l.StartsWith("## ", StringComparison.Ordinal)), html.Split("<h2>").Length - 1);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_threshold_outside_zero_to_one_is_a_clear_error()
    {
        var g = Load(Official2019);
        var r = GuidelineDrafter.Draft(Official2019, "2019.11.json", new DraftOptions(GuidelineId.Parse("2099.01"), Community: Community(g, 1, 1), DeployedThreshold: 1.5));
        Assert.False(r.Success);
        Assert.Contains("(0, 1]", Assert.Single(r.Findings).Message, StringComparison.Ordinal);
    }
}
