using System.Text.Json.Nodes;
using Stackmark.Tests.Support;

namespace Stackmark.Tests.Guidelines;

/// <summary>Each real-world quirk, in a small hand-made guideline: tolerated, and reported with its JSON path.</summary>
public sealed class LoaderQuirkTests
{
    [Fact]
    public void A_valid_guideline_loads_without_warnings()
    {
        var g = Some.Guideline();
        Assert.Empty(g.Warnings);
        Assert.Equal(GuidelineId.Parse("2099.01"), g.Id);
        Assert.Equal(["platform", "compute", "object"], g.Targets.Select(t => t.Key));
    }

    [Fact]
    public void The_schema_spelling_flag_is_read_as_flagged_with_a_warning()
    {
        var json = Some.V2();
        var test = Some.Test(json, "compute-servers-create", Some.HostName);
        test["flag"] = test["flagged"]!.DeepClone();
        test.Remove("flagged");
        var g = Some.Guideline(json);
        Assert.True(g.Capabilities.SelectMany(c => c.Tests).Single(t => t.Name.Value == Some.HostName).IsFlagged);
        var w = Assert.Single(g.Warnings);
        Assert.Equal("flag-key", w.Code);
        Assert.Equal($"$.capabilities[\"compute-servers-create\"].tests[\"{Some.HostName}\"].flag", w.Location.JsonPath);
        Assert.True(w.Location.Line > 1);
    }

    [Fact]
    public void Required_since_with_a_dash_in_a_2_0_file_is_read_with_a_warning()
    {
        var json = Some.V2();
        var cap = json["capabilities"]!["compute-flavors-list"]!.AsObject();
        cap["required-since"] = cap["required_since"]!.DeepClone();
        cap.Remove("required_since");
        var g = Some.Guideline(json);
        Assert.Equal("2015.07", g.Capabilities[0].RequiredSince);
        Assert.Equal("required-since-spelling", Assert.Single(g.Warnings).Code);
    }

    [Fact]
    public void Ids_with_and_without_the_id_prefix_parse_alike_and_a_mix_is_reported()
    {
        var json = Some.V2();
        Some.Test(json, "compute-servers-create", Some.CreateServer)["idempotent_id"] = Some.CreateId.ToUpperInvariant();
        var g = Some.Guideline(json);
        Assert.Equal(IdempotentId.Parse(Some.CreateId), g.Capabilities[1].Tests[0].Id);
        Assert.Contains("id-prefix-mixed", Some.WarningCodes(g));
        Assert.Contains("id-case", Some.WarningCodes(g));
    }

    [Fact]
    public void One_id_under_two_names_is_reported()
    {
        var json = Some.V2();
        Some.Test(json, "objectstore-container-create", Some.CreateContainer)["idempotent_id"] = "id-" + Some.ListId;
        Assert.Contains("id-under-several-names", Some.WarningCodes(Some.Guideline(json)));
    }

    [Fact]
    public void A_component_naming_an_undefined_capability_warns_and_counts_zero_tests()
    {
        var json = Some.V2();
        json["components"]!["os_powered_compute"]!["capabilities"]!["required"]!.AsArray().Add("compute-ghost");
        var g = Some.Guideline(json);
        var w = Assert.Single(g.Warnings);
        Assert.Equal("undefined-capability", w.Code);
        Assert.Equal("$.components.os_powered_compute", w.Location.JsonPath);
        var ghost = g.CapabilitiesOf("compute").Single(c => c.Id.Value == "compute-ghost");
        Assert.Null(ghost.Definition);
        Assert.Empty(ghost.Tests);
    }

    [Fact]
    public void A_capability_in_no_component_is_reported()
    {
        var json = Some.V2();
        json["components"]!["os_powered_compute"]!["capabilities"]!["advisory"] = new JsonArray();
        Assert.Equal("unreferenced-capability", Assert.Single(Some.Guideline(json).Warnings).Code);
    }

    [Fact]
    public void Typo_keys_of_the_official_files_are_read_with_warnings()
    {
        var json = Some.V2();
        var cap = json["capabilities"]!["compute-flavors-list"]!.AsObject();
        cap["acheivements"] = cap["achievements"]!.DeepClone();
        cap.Remove("achievements");
        cap["descriptin"] = "typo";
        cap.Remove("description");
        var g = Some.Guideline(json);
        Assert.Equal(["deployed"], g.Capabilities[0].Achievements);
        Assert.Equal("typo", g.Capabilities[0].Description);
        Assert.Equal(2, g.Warnings.Count(w => w.Code == "key-typo"));
    }

    [Fact]
    public void Unknown_keys_are_reported_not_silently_dropped()
    {
        var json = Some.V2();
        json["surprise"] = 1;
        var w = Assert.Single(Some.Guideline(json).Warnings);
        Assert.Equal(("unknown-key", "$.surprise"), (w.Code, w.Location.JsonPath));
    }

    [Fact]
    public void A_schema_1_2_guideline_lists_bare_names_and_parallel_flags()
    {
        var json = JsonNode.Parse("""
        {"id": "2099.02", "schema": "1.2", "status": "approved", "replaces": null, "releases": ["zed"], "source": "t",
         "platform": {"required": ["compute"], "advisory": [], "deprecated": [], "removed": []},
         "components": {"compute": {"required": ["compute-x"], "advisory": [], "deprecated": [], "removed": []}},
         "capabilities": {"compute-x": {"achievements": [], "admin": false, "status": "required", "flagged": ["t.b"], "tests": ["t.a", "t.b"]}},
         "criteria": {}}
        """)!;
        var g = Some.Guideline(json, "2099.02.json");
        Assert.False(g.HasIdempotentIds);
        Assert.Equal(["t.a", "t.b"], g.TestListLines(new TestListQuery()));
        Assert.Equal(["t.a"], g.TestListLines(new TestListQuery(IncludeFlagged: false)));
    }

    [Fact]
    public void Test_list_lines_carry_the_id_as_written_and_aliases_unless_asked_not_to()
    {
        var g = Some.Guideline();
        var lines = g.TestListLines(new TestListQuery("compute", [CapabilityStatus.Required]));
        Assert.Equal(
        [
            $"{Some.ListFlavorsOldName}[id-{Some.ListId}]",
            $"{Some.ListFlavors}[id-{Some.ListId}]",
            $"{Some.CreateServer}[id-{Some.CreateId}]",
            $"{Some.HostName}[id-{Some.FlaggedId}]",
        ], lines);
        Assert.Equal(2, g.TestListLines(new TestListQuery("compute", [CapabilityStatus.Required], IncludeFlagged: false, IncludeAliases: false)).Count);
    }
}
