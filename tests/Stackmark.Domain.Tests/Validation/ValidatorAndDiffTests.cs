using Stackmark.Tests.Support;

namespace Stackmark.Tests.Validation;

/// <summary>Validation findings and guideline diffs, on hand-made and official guidelines.</summary>
public sealed class ValidatorAndDiffTests
{
    [Fact]
    public void Official_approved_guidelines_validate_without_errors()
    {
        foreach (var file in InteropData.AllFiles())
        {
            var g = InteropData.Load(Path.GetRelativePath(InteropData.Directory, file));
            Assert.DoesNotContain(GuidelineValidator.Validate(g, file), f => f.Severity == Severity.Error);
        }
    }

    [Fact]
    public void A_flag_without_a_reason_code_is_a_warning()
    {
        var json = Some.V2();
        Some.Test(json, "compute-servers-create", Some.HostName)["flagged"]!["reason"] = "needs ssh";
        var findings = GuidelineValidator.Validate(Some.Guideline(json), "2099.01.json");
        var f = Assert.Single(findings);
        Assert.Equal(("flag-reason-code", Severity.Warning), (f.Code, f.Severity));
    }

    [Fact]
    public void An_id_that_is_not_a_uuid_is_an_error_for_the_validator()
    {
        var json = Some.V2();
        Some.Test(json, "compute-servers-create", Some.CreateServer)["idempotent_id"] = "id-zzz";
        var findings = GuidelineValidator.Validate(Some.Guideline(json), "2099.01.json");
        Assert.Contains(findings, f => f.Severity == Severity.Error && f.Code == "invalid-idempotent-id");
    }

    [Fact]
    public void A_capability_required_without_being_advisory_first_breaks_the_lifecycle()
    {
        var previous = Some.V2();
        previous["metadata"]!["id"] = "2098.06";
        var prevComponent = previous["components"]!["os_powered_compute"]!["capabilities"]!;
        prevComponent["required"] = new System.Text.Json.Nodes.JsonArray("compute-flavors-list");
        prevComponent["advisory"] = new System.Text.Json.Nodes.JsonArray("compute-servers-resize");
        var older = Some.Guideline(previous, "2098.06.json");
        var findings = GuidelineValidator.Validate(Some.Guideline(), "2099.01.json", older);
        var skip = findings.Where(f => f.Code == "lifecycle-skip").ToList();
        Assert.Contains(skip, f => f.Message.Contains("compute-servers-create is required but was absent in 2098.06", StringComparison.Ordinal));
    }

    [Fact]
    public void Weights_that_do_not_sum_to_100_are_reported()
    {
        var json = Some.V2();
        json["metadata"]!["scoring"]!["criteria"]!["clients"]!["weight"] = 10;
        Assert.Contains(GuidelineValidator.Validate(Some.Guideline(json), "x"), f => f.Code == "criteria-weights");
    }

    [Fact]
    public void A_catalog_check_finds_missing_renamed_and_mismatched_tests()
    {
        var catalog = new DictionaryCatalog(new()
        {
            [Some.ListFlavors] = IdempotentId.Parse(Some.ListId),
            ["tempest.api.compute.servers.test_create_server.ServersV3.test_create_server"] = IdempotentId.Parse(Some.CreateId),
            [Some.HostName] = IdempotentId.Parse(Some.ListId),
        });
        var findings = GuidelineValidator.Validate(Some.Guideline(), "x", tempest: catalog);
        Assert.Contains(findings, f => f.Code == "tempest-renamed" && f.Message.Contains("ServersV3", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Code == "tempest-id-mismatch" && f.Severity == Severity.Error);
        Assert.Contains(findings, f => f.Code == "tempest-missing" && f.Message.Contains("test_create_container", StringComparison.Ordinal));
    }

    [Fact]
    public void Diff_of_2019_11_and_2020_06_finds_no_capability_change_and_diff_of_2019_06_finds_the_removals()
    {
        var d = TargetDiff.Compare(InteropData.Load("2019.11.json"), InteropData.Load("2020.06.json"), "platform");
        Assert.Empty(d.Capabilities);

        var older = TargetDiff.Compare(InteropData.Load("2019.06.json"), InteropData.Load("2019.11.json"), "compute");
        Assert.Equal(14, older.Capabilities.Count(c => c.Before == CapabilityStatus.Removed && c.After is null));
    }

    [Fact]
    public void Diff_reports_renames_by_id_and_flag_changes()
    {
        var newer = Some.V2();
        var tests = newer["capabilities"]!["compute-servers-create"]!["tests"]!.AsObject();
        var entry = tests[Some.CreateServer]!.DeepClone();
        tests.Remove(Some.CreateServer);
        tests["tempest.api.compute.servers.test_create_server.ServersV3.test_create_server"] = entry;
        Some.Test(newer, "compute-flavors-list", Some.ListFlavors)["flagged"] = System.Text.Json.Nodes.JsonNode.Parse("""{"reason": "D401 bug", "action": "flag", "date": "2099-02-02"}""");
        var d = TargetDiff.Compare(Some.Guideline(), Some.Guideline(newer), "compute");
        Assert.Contains(d.Tests, t => t.Kind == TestChangeKind.Renamed && t.Detail == Some.CreateServer);
        Assert.Contains(d.Tests, t => t.Kind == TestChangeKind.Flagged && t.Test.Value == Some.ListFlavors);
        Assert.DoesNotContain(d.Tests, t => t.Kind is TestChangeKind.Added or TestChangeKind.Removed);
    }

    private sealed class DictionaryCatalog(Dictionary<string, IdempotentId> tests) : ITestCatalog
    {
        public string Description => "test catalog";

        public bool TryFindByName(TestName name, out IdempotentId? id)
        {
            var found = tests.TryGetValue(name.Value, out var i);
            id = found ? i : null;
            return found;
        }

        public IReadOnlyList<TestName> FindById(IdempotentId id) => [.. tests.Where(kv => kv.Value == id).Select(kv => new TestName(kv.Key))];
    }
}
