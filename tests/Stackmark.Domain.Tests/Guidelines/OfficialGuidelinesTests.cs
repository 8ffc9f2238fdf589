using Stackmark.Tests.Support;

namespace Stackmark.Tests.Guidelines;

/// <summary>Every official guideline loads, with the figures the files themselves give.</summary>
public sealed class OfficialGuidelinesTests
{
    [Theory]
    [MemberData(nameof(InteropData.Files), MemberType = typeof(InteropData))]
    public void Every_official_file_loads_and_every_warning_names_its_file_path_and_line(string file)
    {
        var g = InteropData.Load(file);
        Assert.NotEmpty(g.Capabilities);
        Assert.NotEmpty(g.Targets);
        Assert.All(g.Warnings, w =>
        {
            Assert.EndsWith(file, w.Location.File);
            Assert.StartsWith("$", w.Location.JsonPath);
            Assert.True(w.Location.Line > 0, w.ToString());
        });
    }

    // From the files themselves: distinct tests in required capabilities / how many of them are flagged.
    [Theory]
    [InlineData("2015.03", "platform", 127, 9)]
    [InlineData("2015.03", "compute", 112, 9)]
    [InlineData("2015.04", "platform", 127, 51)]
    [InlineData("2015.05", "object", 15, 2)]
    [InlineData("2015.07", "platform", 129, 31)]
    [InlineData("2016.01", "platform", 124, 28)]
    [InlineData("2016.08", "compute", 215, 17)]
    [InlineData("2017.01", "object", 48, 17)]
    [InlineData("2017.09", "platform", 259, 29)]
    [InlineData("2018.02", "platform", 282, 16)]
    [InlineData("2018.11", "compute", 225, 11)]
    [InlineData("2019.06", "object", 58, 0)]
    [InlineData("2019.11", "platform", 284, 11)]
    [InlineData("2020.06", "platform", 284, 11)]
    [InlineData("2020.06", "compute", 228, 11)]
    [InlineData("2020.06", "object", 58, 0)]
    [InlineData("next", "platform", 281, 11)]
    public void Required_test_counts_match_the_official_files(string version, string target, int tests, int flagged)
    {
        var g = InteropData.Load(version + ".json");
        var required = g.Tests(new TestListQuery(target, [CapabilityStatus.Required]));
        Assert.Equal(tests, required.Count);
        Assert.Equal(flagged, required.Count(t => t.Test.IsFlagged));
    }

    [Fact]
    public void Guideline_2020_06_powered_compute_has_217_counted_required_tests_and_platform_273()
    {
        var g = InteropData.Load("2020.06.json");
        Assert.Equal(217, g.Tests(new TestListQuery("compute", [CapabilityStatus.Required], IncludeFlagged: false)).Count);
        Assert.Equal(273, g.Tests(new TestListQuery("platform", [CapabilityStatus.Required], IncludeFlagged: false)).Count);
    }

    [Theory]
    [InlineData("add-ons/dns.2020.06.json", "dns", 2, 10)]
    [InlineData("add-ons/dns.2018.02.json", "dns", 2, 10)]
    [InlineData("add-ons/orchestration.2018.02.json", "orchestration", 16, 39)]
    [InlineData("add-ons/orchestration.2020.06.json", "orchestration", 23, 60)]
    public void Add_ons_have_their_required_capabilities_and_tests(string file, string target, int capabilities, int tests)
    {
        var g = InteropData.Load(file);
        Assert.Equal(GuidelineKind.AddOn, g.Kind);
        Assert.Equal(capabilities, g.CapabilitiesOf(target, [CapabilityStatus.Required]).Count);
        Assert.Equal(tests, g.Tests(new TestListQuery(target, [CapabilityStatus.Required])).Count);
        var addOn = g.FindTarget(target)!;
        Assert.Equal("os_powered_compute", Assert.Single(addOn.RequiredPlatformComponents).Name);
    }

    [Fact]
    public void Add_on_ids_are_bare_uuids_and_core_ids_are_prefixed_yet_both_parse_to_the_same_value()
    {
        var dns = InteropData.Load("add-ons/dns.2020.06.json");
        var test = dns.Capabilities.SelectMany(c => c.Tests).First();
        Assert.False(test.RawId!.StartsWith("id-", StringComparison.Ordinal));
        Assert.Equal(IdempotentId.Parse(test.RawId), test.Id);
        var core = InteropData.Load("2020.06.json").Capabilities.SelectMany(c => c.Tests).First();
        Assert.StartsWith("id-", core.RawId);
        Assert.Equal(core.RawId, core.Id!.Value.ToAttribute());
    }

    [Theory]
    [InlineData("2018.02.json", "required-since-spelling", 75)]
    [InlineData("2018.02.json", "key-typo", 2)]
    [InlineData("2018.11.json", "key-typo", 3)]
    [InlineData("2016.01.json", "id-with-attributes", 29)]
    [InlineData("2015.05.json", "status-disagrees", 1)]
    [InlineData("2015.03.json", "sections-array", 5)]
    [InlineData("2018.02.json", "undefined-capability", 2)]
    [InlineData("next.json", "undefined-capability", 14)]
    [InlineData("2020.06.json", "test-in-several-capabilities", 2)]
    [InlineData("2017.09.json", "id-under-several-names", 2)]
    [InlineData("add-ons/orchestration.2018.02.json", "id-mismatch", 1)]
    public void Known_quirks_of_the_official_files_are_reported_never_silently(string file, string code, int count)
    {
        var g = InteropData.Load(file);
        Assert.Equal(count, g.Warnings.Count(w => w.Code == code));
    }

    [Fact]
    public void Guideline_2015_05_takes_the_component_list_over_the_capabilitys_own_status()
    {
        var g = InteropData.Load("2015.05.json");
        Assert.Equal(CapabilityStatus.Advisory, g.CapabilitiesOf("object").Single(c => c.Id.Value == "identity-auth").Status);
        Assert.Equal(CapabilityStatus.Required, g.CapabilitiesOf("platform").Single(c => c.Id.Value == "identity-auth").Status);
        var warning = Assert.Single(g.Warnings, w => w.Code == "status-disagrees");
        Assert.Contains("identity-auth", warning.Location.JsonPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Undefined_capabilities_named_by_components_count_as_zero_tests()
    {
        var g = InteropData.Load("next.json");
        var undefined = g.CapabilitiesOf("platform").Where(c => c.Definition is null).ToList();
        Assert.Equal(14, undefined.Count);
        Assert.All(undefined, c => Assert.Empty(c.Tests));
    }

    [Fact]
    public void Metadata_is_normalized_across_schemas()
    {
        var v1 = InteropData.Load("2016.01.json");
        Assert.Equal(74, v1.Metadata.CutoffScore);
        Assert.Equal("superseded", v1.Metadata.Status);
        Assert.Equal(100, v1.Metadata.Criteria.Sum(c => c.Weight));
        Assert.Equal("2015.07", v1.Metadata.Replaces);

        var v2 = InteropData.Load("2020.06.json");
        Assert.Equal(74, v2.Metadata.CutoffScore);
        Assert.Equal("approved", v2.Metadata.Status);
        Assert.Equal(["stein", "train", "ussuri", "victoria"], v2.Metadata.Releases);
        Assert.Equal("d43223773d75d2e82fb33c2ea2e20e8c0cab7f57"[..12], v2.TestRepositories.Single(r => r.Name == "tempest").Reference![..12]);
        Assert.Contains(v2.DesignatedSections, d => d.Project == "nova" && d.Status == SectionStatus.Required);

        var addOn = InteropData.Load("add-ons/dns.2020.06.json");
        Assert.Equal(60, addOn.Metadata.CutoffScore);
        Assert.Equal(75, addOn.Metadata.Criteria.Sum(c => c.Weight));
    }

    [Fact]
    public void Flags_carry_reason_codes_where_the_files_give_them()
    {
        var g = InteropData.Load("2020.06.json");
        var flags = g.Capabilities.SelectMany(c => c.Tests).Where(t => t.IsFlagged).Select(t => t.Flag!).ToList();
        Assert.Equal(11, flags.Count);
        Assert.Equal(2, flags.Count(f => f.ReasonCode == "D400"));
        Assert.Equal(4, flags.Count(f => f.ReasonCode == "D401"));
        Assert.Equal(1, flags.Count(f => f.ReasonCode == "D406"));
        Assert.Equal(4, flags.Count(f => f.ReasonCode is null));
    }
}
