using Stackmark.Tests.Support;

namespace Stackmark.Scoring.Tests.Drafting;

/// <summary>Drafts from the official 2019.11 with a hand-made matrix, then drafts again from that draft.</summary>
public sealed class DraftFrom2019Tests
{
    private const string ListFlavors = "tempest.api.compute.flavors.test_flavors.FlavorsV2TestJSON.test_list_flavors";
    private const string ShelveTest = "tempest.api.compute.servers.test_shelve.ShelveTestJSON.test_shelve_unshelve_server";

    // compute-flavors-list scores 0 but is required (sticky); compute-servers-shelve is new and qualifies;
    // compute-servers-evacuate qualifies but has no definition; compute-servers-levitate has one but scores too low.
    private const string Matrix = """
        Compute
        -------
        compute-flavors-list:   [0,0,0] [0,0,0] [0,0,0] [0,0,0] [1] [0]
        compute-servers-create: [1,1,1] [1,1,1] [1,1,1] [1,1,1] [1] [100]*
        compute-servers-shelve: [1,1,1] [1,1,1] [1,1,0] [0,1,1] [1] [82]*
        compute-servers-evacuate: [1,1,1] [1,1,1] [1,1,0] [0,1,1] [1] [82]*
        compute-servers-levitate:   [1,0,0] [0,1,1] [1,1,0] [0,0,0] [1] [41]

        """;

    private static readonly ApprovedFlag FlavorsFlag =
        new(ListFlavors, "D401", "bug 123: flavor listing races", "2099-01-15", "Flagged", new TextLocation("flags.yaml", 1, 3));

    private static Capability Candidate(string id, string test) => new(
        new CapabilityId(id), "nova", "candidate", false, ["deployed"], null,
        [new GuidelineTest(new TestName(test), IdempotentId.Parse("0d1b2c3a-1111-4222-8333-444455556666"), null, [], null)]);

    private static byte[] Official2019 => File.ReadAllBytes(Path.Combine(InteropData.Directory, "2019.11.json"));

    private static Worksheet Sheet(string text) => WorksheetParser.Parse(text, "matrix.txt").Value!;

    private static DraftResult First() => GuidelineDrafter.Draft(Official2019, "2019.11.json", new DraftOptions(
        GuidelineId.Parse("2099.01"),
        Sheet(Matrix),
        [FlavorsFlag],
        [new CapabilityId("compute-images-create")],
        [Candidate("compute-servers-shelve", ShelveTest), Candidate("compute-servers-levitate", "tempest.api.compute.servers.test_server_actions.ServerActionsTestJSON.test_lock")]));

    private static DraftResult Second()
    {
        var first = First();
        return GuidelineDrafter.Draft(System.Text.Encoding.UTF8.GetBytes(first.Json!), "2099.01.json", new DraftOptions(GuidelineId.Parse("2099.06"), Sheet(Matrix)));
    }

    private static CapabilityStatus? StatusOf(DraftResult r, string capability) =>
        r.Draft!.CapabilitiesOf("compute").FirstOrDefault(c => c.Id.Value == capability)?.Status;

    // The official 2019.11 lists two tests under two capabilities each (objectstore-dlo-support and
    // objectstore-info-request share a test with an older capability). Test mappings are immutable after approval, so
    // the draft keeps them and the loader's test-in-several-capabilities warnings with them; every other quirk of the
    // source (key typos, spellings) is normalized away.
    private static void AssertOnlyInherentWarnings(DraftResult r)
    {
        Assert.Equal(["test-in-several-capabilities"], r.Draft!.Warnings.Select(w => w.Code).Distinct());
        Assert.Equal(2, r.Draft.Warnings.Count);
        Assert.Equal(2, r.From!.Warnings.Count(w => w.Code == "test-in-several-capabilities"));
    }

    [Fact]
    public void The_source_quirks_are_normalized_in_the_draft()
    {
        var r = First();
        Assert.Contains(r.From!.Warnings, w => w.Code != "test-in-several-capabilities");
        Assert.DoesNotContain("acheivements", r.Json!, StringComparison.Ordinal);
        Assert.DoesNotContain("descriptin", r.Json!, StringComparison.Ordinal);
    }

    [Fact]
    public void The_draft_loads_without_warnings_and_validates_without_errors()
    {
        var r = First();
        Assert.True(r.Success, string.Join("\n", r.Findings));
        AssertOnlyInherentWarnings(r);
        Assert.DoesNotContain(r.Findings, f => f.Code == "lifecycle-skip");
        Assert.Equal("draft", r.Draft!.Metadata.Status);
        Assert.Equal("2019.11", r.Draft.Metadata.Replaces);
        Assert.Equal("2.0", r.Draft.Schema);
        Assert.Equal("2099.01", r.Draft.Metadata.DeclaredId);
    }

    [Fact]
    public void A_new_qualifying_capability_enters_as_advisory_not_required()
    {
        var r = First();
        Assert.Equal(CapabilityStatus.Advisory, StatusOf(r, "compute-servers-shelve"));
        Assert.Contains(r.Decisions, d => d.Capability.Value == "compute-servers-shelve" && d.Before is null && d.After == CapabilityStatus.Advisory);
        Assert.True(r.Draft!.TryGetCapability(new CapabilityId("compute-servers-shelve"), out var shelve));
        Assert.Equal(ShelveTest, shelve.Tests.Single().Name.Value);
    }

    [Fact]
    public void New_capabilities_without_tests_or_below_the_cutoff_stay_out()
    {
        var r = First();
        Assert.Null(StatusOf(r, "compute-servers-evacuate"));
        Assert.Null(StatusOf(r, "compute-servers-levitate"));
        Assert.Contains(r.Decisions, d => d.Capability.Value == "compute-servers-evacuate" && d.Reason.Contains("no definition", StringComparison.Ordinal));
        Assert.Contains(r.Decisions, d => d.Capability.Value == "compute-servers-levitate" && d.Reason.Contains("does not qualify", StringComparison.Ordinal));
    }

    [Fact]
    public void Required_capabilities_are_sticky_even_when_they_score_below_the_cutoff()
    {
        var r = First();
        Assert.Equal(CapabilityStatus.Required, StatusOf(r, "compute-flavors-list"));
        Assert.Contains(r.Decisions, d => d.Capability.Value == "compute-flavors-list" && d.Reason.Contains("sticky", StringComparison.Ordinal));
        Assert.Equal(60 - 1, r.Draft!.CapabilitiesOf("compute").Count(c => c.Status == CapabilityStatus.Required));
    }

    [Fact]
    public void Only_an_explicit_deprecation_moves_a_required_capability_and_it_goes_through_deprecated()
    {
        Assert.Equal(CapabilityStatus.Deprecated, StatusOf(First(), "compute-images-create"));
        Assert.Equal(CapabilityStatus.Removed, StatusOf(Second(), "compute-images-create"));
    }

    [Fact]
    public void An_advisory_capability_that_qualifies_becomes_required_in_the_next_draft()
    {
        var r = Second();
        Assert.True(r.Success, string.Join("\n", r.Findings));
        AssertOnlyInherentWarnings(r);
        Assert.Equal(CapabilityStatus.Required, StatusOf(r, "compute-servers-shelve"));
        Assert.True(r.Draft!.TryGetCapability(new CapabilityId("compute-servers-shelve"), out var shelve));
        Assert.Equal("2099.06", shelve.RequiredSince);
        Assert.Equal(CapabilityStatus.Required, StatusOf(r, "compute-flavors-list"));
        Assert.DoesNotContain(r.Findings, f => f.Code == "lifecycle-skip");
    }

    [Fact]
    public void An_approved_flag_keeps_its_test_listed_with_its_reason_code()
    {
        foreach (var r in new[] { First(), Second() })
        {
            Assert.True(r.Draft!.TryGetCapability(new CapabilityId("compute-flavors-list"), out var cap));
            var test = cap.Tests.Single(t => t.Name.Value == ListFlavors);
            Assert.Equal("D401", test.Flag!.ReasonCode);
            Assert.Equal("D401 bug 123: flavor listing races", test.Flag.Reason);
            Assert.Equal("2099-01-15", test.Flag.Date);
        }

        var diff = First().Diff.Single(d => d.Target == "compute");
        Assert.Contains(diff.Tests, t => t.Kind == TestChangeKind.Flagged && t.Test.Value == ListFlavors);
        Assert.DoesNotContain(diff.Tests, t => t.Kind == TestChangeKind.Removed);
    }

    [Fact]
    public void Scored_lines_update_achievements_and_admin()
    {
        Assert.True(First().Draft!.TryGetCapability(new CapabilityId("compute-flavors-list"), out var cap));
        Assert.Empty(cap.Achievements);
        Assert.True(First().Draft!.TryGetCapability(new CapabilityId("compute-servers-create"), out var create));
        Assert.Equal(100, ScoringScheme.CoreSince2016.Evaluate(create).Points);
    }

    [Fact]
    public void A_flag_for_a_test_no_capability_lists_is_an_error_at_its_place_in_the_flags_file()
    {
        var r = GuidelineDrafter.Draft(Official2019, "2019.11.json", new DraftOptions(GuidelineId.Parse("next"),
            Flags: [FlavorsFlag with { Test = "tempest.api.nowhere.test_nothing", Location = new TextLocation("flags.yaml", 7, 5) }]));
        Assert.False(r.Success);
        var error = Assert.Single(r.Findings, f => f.Severity == Severity.Error);
        Assert.Equal("flag-unknown-test", error.Code);
        Assert.Equal(7, error.Location.Line);
        Assert.Equal("flags.yaml", error.Location.File);
    }

    [Fact]
    public void Deprecating_a_capability_no_component_lists_is_an_error()
    {
        var r = GuidelineDrafter.Draft(Official2019, "2019.11.json", new DraftOptions(GuidelineId.Parse("next"), Deprecate: [new CapabilityId("compute-teleport")]));
        Assert.False(r.Success);
        Assert.Contains(r.Findings, f => f.Code == "draft-deprecate-unknown");
    }

    [Fact]
    public void Without_inputs_the_draft_of_2019_11_changes_nothing_but_its_metadata()
    {
        var r = GuidelineDrafter.Draft(Official2019, "2019.11.json", new DraftOptions(GuidelineId.Parse("next")));
        Assert.True(r.Success, string.Join("\n", r.Findings));
        AssertOnlyInherentWarnings(r);
        Assert.All(r.Diff, d => Assert.Empty(d.Capabilities));
        Assert.All(r.Diff, d => Assert.Empty(d.Tests));
        // images-v2-import is defined in 2019.11 but in no component; a definition nobody lists is not carried over.
        Assert.Equal(78, r.Draft!.Capabilities.Count);
        Assert.Contains(r.From!.Warnings, w => w.Code == "unreferenced-capability");
    }

    [Fact]
    public void The_documentation_lists_changes_statuses_scores_and_flags()
    {
        var md = DraftDocument.ToMarkdown(First());
        Assert.StartsWith("# Guideline 2099.01 (draft)\n", md, StringComparison.Ordinal);
        Assert.Contains("| compute-servers-shelve | os_powered_compute | — | advisory | 82 |", md, StringComparison.Ordinal);
        Assert.Contains("| compute-images-create | os_powered_compute | required | deprecated |", md, StringComparison.Ordinal);
        Assert.Contains("### Deprecated (1)", md, StringComparison.Ordinal);
        Assert.Contains($"| {ListFlavors} | compute-flavors-list | D401 | accepted bug in the test | D401 bug 123: flavor listing races | 2099-01-15 | yes |", md, StringComparison.Ordinal);
    }
}
