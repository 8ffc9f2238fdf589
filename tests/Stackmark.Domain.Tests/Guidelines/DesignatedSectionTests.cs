using Stackmark.Tests.Support;

namespace Stackmark.Tests.Guidelines;

/// <summary>Which designated sections apply to a target, and how they change, on the official files.</summary>
public sealed class DesignatedSectionTests
{
    [Fact]
    public void Sections_of_2015_03_apply_to_projects_with_required_capabilities_of_the_component()
    {
        var g = InteropData.Load("2015.03.json");

        // compute's required capabilities are nova's and glance's; keystone (advisory only) and cinder (removed) stay out.
        var compute = g.SectionsOf("compute");
        Assert.Equal(["nova", "glance"], compute.Select(s => s.Project));
        Assert.All(compute, s => Assert.Equal(("compute", SectionStatus.Required), (s.Component, s.Status)));
        var nova = compute[0].Section;
        Assert.Equal(6, nova.Sections.Count);
        Assert.Empty(nova.Designated);
        Assert.Equal("By default, designated except scheduler, filter, drivers, API extensions and networking.", nova.Guidance);
        var driver = nova.Sections.Single(s => s.Name == "scheduler driver");
        Assert.Equal(new CodeSection("scheduler driver", "(Host and cell)", false, "none provided"), driver);
        Assert.Equal(["http apis", "domain model"], compute[1].Section.Designated.Select(s => s.Name));

        var swift = Assert.Single(g.SectionsOf("object"));
        Assert.Equal(("object", "swift", 28, 11), (swift.Component, swift.Project, swift.Section.Sections.Count, swift.Section.Designated.Count()));
        Assert.Equal(["nova", "glance", "swift"], g.RequiredSectionsOf("platform").Select(s => s.Project));
    }

    [Fact]
    public void Sections_of_2017_09_list_keystone_under_required_and_deprecated()
    {
        var g = InteropData.Load("2017.09.json");
        var compute = g.SectionsOf("compute");
        Assert.Equal(
            ["required nova", "required keystone", "required glance", "required cinder", "required neutron", "deprecated keystone"],
            compute.Select(s => $"{s.Status.ToWord()} {s.Project}"));
        var deprecated = compute.Single(s => s.Status == SectionStatus.Deprecated).Section;
        var v2 = Assert.Single(deprecated.Sections);
        Assert.Equal(("auth (v2.0) API", true), (v2.Name, v2.Designated));
        var keystone = compute.Single(s => s is { Status: SectionStatus.Required, Project: "keystone" }).Section;
        Assert.Equal(["assignment API", "auth (v3) API", "trust API", "resource API"], keystone.Designated.Select(s => s.Name));

        Assert.Equal(["required keystone", "required swift", "deprecated keystone"], g.SectionsOf("object").Select(s => $"{s.Status.ToWord()} {s.Project}"));
    }

    [Fact]
    public void Sections_of_2020_06_come_from_the_component_lists()
    {
        var g = InteropData.Load("2020.06.json");
        var platform = g.SectionsOf("platform");
        Assert.Equal(
            ["os_powered_compute cinder", "os_powered_compute glance", "os_powered_compute keystone", "os_powered_compute nova", "os_powered_compute neutron",
             "os_powered_storage keystone", "os_powered_storage swift"],
            platform.Select(s => $"{s.Component} {s.Project}"));
        Assert.All(platform, s => Assert.Equal(SectionStatus.Required, s.Status));

        // keystone comes in through both components; a product runs it once.
        Assert.Equal(["cinder", "glance", "keystone", "nova", "neutron", "swift"], g.RequiredSectionsOf("platform").Select(s => s.Project));
        var neutron = platform.Single(s => s.Project == "neutron").Section;
        Assert.Equal(
            ["Core API and server", "Core API quota extension", "Core API security group extension", "Core API L3 extension", "Agents", "RPC", "neutron-lib"],
            neutron.Designated.Select(s => s.Name));
        var glanceApis = platform.Single(s => s.Project == "glance").Section.Sections[0];
        Assert.Equal(new CodeSection("http apis", "API", true, null), glanceApis);

        // heat and horizon are informational: in the file, in no target.
        Assert.Contains(g.DesignatedSections, d => d is { Project: "heat", Status: SectionStatus.Informational });
        Assert.DoesNotContain(g.SectionsByComponent(), s => s.Project == "heat");
    }

    [Fact]
    public void An_add_on_component_gives_the_status_even_where_the_sections_are_written_under_another()
    {
        var next = InteropData.Load("add-ons/dns.next.json");
        var designate = Assert.Single(next.SectionsOf("dns"));
        Assert.Equal((SectionStatus.Advisory, "designate", 2), (designate.Status, designate.Project, designate.Section.Designated.Count()));
        Assert.Empty(next.RequiredSectionsOf("dns"));

        var approved = InteropData.Load("add-ons/orchestration.2020.06.json");
        Assert.Equal(["heat"], approved.RequiredSectionsOf("orchestration").Select(s => s.Project));
    }

    [Fact]
    public void Diff_shows_a_project_becoming_required_with_its_new_sections()
    {
        var changes = SectionDiff.Compare(InteropData.Load("2015.04.json"), InteropData.Load("2015.05.json"));
        var keystone = changes.Where(c => c.Project == "keystone").ToList();
        Assert.Equal(new SectionChange(SectionChangeKind.Changed, "keystone", null, SectionStatus.Advisory, SectionStatus.Required, null, null), keystone[0]);
        Assert.Equal(14, keystone.Count(c => c is { Kind: SectionChangeKind.Added, StatusAfter: SectionStatus.Required }));
        Assert.Contains(keystone, c => c is { Section: "trust API", DesignatedAfter: true });
        Assert.Equal(15, changes.Count);
    }

    [Fact]
    public void Diff_shows_sections_moving_status_and_appearing()
    {
        var deprecated = SectionDiff.Compare(InteropData.Load("2017.01.json"), InteropData.Load("2017.09.json"));
        Assert.Equal(
            [new SectionChange(SectionChangeKind.Changed, "keystone", "auth (v2.0) API", SectionStatus.Required, SectionStatus.Deprecated, true, true)],
            deprecated);

        var added = SectionDiff.Compare(InteropData.Load("2016.08.json"), InteropData.Load("2017.01.json"));
        Assert.Contains(new SectionChange(SectionChangeKind.Added, "neutron", "neutron-lib", null, SectionStatus.Required, null, true), added);

        var across = SectionDiff.Compare(InteropData.Load("2019.11.json"), InteropData.Load("2020.06.json"));
        Assert.Contains(new SectionChange(SectionChangeKind.Removed, "ceilometer", null, SectionStatus.Informational, null, null, null), across);
        Assert.Empty(SectionDiff.Compare(InteropData.Load("2020.06.json"), InteropData.Load("2020.06.json")));
    }
}
