using System.Text.Json;
using Stackmark.Tests.Support;

namespace Stackmark.Cli.Tests;

/// <summary>Designated sections in <c>guidelines show</c>, <c>guidelines diff</c> and the compliance reports.</summary>
public sealed class SectionOutputTests
{
    private static readonly string Source = InteropData.Directory;
    private static readonly string Samples = Path.Combine(InteropData.RepoRoot, "samples");

    [Fact]
    public async Task Show_lists_sections_per_component_and_status_and_the_projects_in_no_component()
    {
        var (exit, output, _) = await Cli.RunAsync("guidelines", "show", "2020.06", "--source", Source);
        Assert.Equal(0, exit);
        Assert.Contains("Designated sections", output, StringComparison.Ordinal);
        var neutron = output.Split('\n').Single(l => l.Contains(" neutron ", StringComparison.Ordinal));
        Assert.Contains("os_powered_compute", neutron, StringComparison.Ordinal);
        Assert.Contains("required", neutron, StringComparison.Ordinal);
        Assert.Contains("Core API and server", neutron, StringComparison.Ordinal);
        Assert.Contains("Scheduler drivers", neutron, StringComparison.Ordinal);
        Assert.Contains("In no component: heat (informational), horizon (informational)", output, StringComparison.Ordinal);

        (exit, output, _) = await Cli.RunAsync("guidelines", "show", "2017.09", "--source", Source);
        Assert.Equal(0, exit);
        Assert.Contains(output.Split('\n'), l => l.Contains("deprecated", StringComparison.Ordinal) && l.Contains("keystone", StringComparison.Ordinal) && l.Contains("auth (v2.0) API", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Diff_shows_section_changes_in_text_and_json()
    {
        var (exit, output, _) = await Cli.RunAsync("guidelines", "diff", "2017.01", "2017.09", "--source", Source, "--target", "object");
        Assert.Equal(0, exit);
        Assert.Contains("designated sections: 1 changes", output, StringComparison.Ordinal);
        Assert.Contains("section keystone: auth (v2.0) API ~ required → deprecated", output, StringComparison.Ordinal);

        (exit, output, _) = await Cli.RunAsync("guidelines", "diff", "2015.04", "2015.05", "--source", Source, "--format", "json");
        Assert.Equal(0, exit);
        var sections = JsonDocument.Parse(output).RootElement.GetProperty("sections").EnumerateArray().ToList();
        Assert.Equal(15, sections.Count);
        var project = sections[0];
        Assert.Equal(("changed", "keystone", "advisory", "required"), (project.GetProperty("change").GetString(), project.GetProperty("project").GetString(),
            project.GetProperty("status_before").GetString(), project.GetProperty("status_after").GetString()));
        Assert.Equal(JsonValueKind.Null, project.GetProperty("section").ValueKind);
        var trust = sections.Single(s => s.GetProperty("section").GetString() == "trust API");
        Assert.Equal(("added", true), (trust.GetProperty("change").GetString(), trust.GetProperty("designated_after").GetBoolean()));
    }

    [Fact]
    public async Task Reports_list_the_sections_the_product_must_run_in_text_html_and_json()
    {
        var results = Path.Combine(Samples, "results", "sample-cloud.json");
        var guidelines = Path.Combine(Samples, "guidelines");
        var (_, output, _) = await Cli.RunAsync("report", results, "--guideline", "2099.01", "--target", "object", "--source", guidelines);
        Assert.Contains("Designated sections the product must run", output, StringComparison.Ordinal);
        Assert.Contains("swift: All code except drivers.", output, StringComparison.Ordinal);

        (_, output, _) = await Cli.RunAsync("report", results, "--guideline", "2099.01", "--target", "object", "--source", guidelines, "--format", "json");
        var sections = JsonDocument.Parse(output).RootElement.GetProperty("designated_sections").EnumerateArray().ToList();
        Assert.Equal(["keystone", "swift"], sections.Select(s => s.GetProperty("project").GetString()));
        Assert.Equal(("required", "All code."), (sections[0].GetProperty("status").GetString(), sections[0].GetProperty("guidance").GetString()));

        (_, output, _) = await Cli.RunAsync("report", results, "--guideline", "2099.01", "--target", "object", "--source", guidelines, "--format", "html");
        Assert.Contains("<table id=\"designated-sections\">", output, StringComparison.Ordinal);
        Assert.Contains("<td>swift</td><td>All code except drivers.</td>", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_on_an_official_guideline_names_designated_and_replaceable_sections()
    {
        var results = Path.Combine(Samples, "results", "sample-cloud.json");
        var (_, output, _) = await Cli.RunAsync("report", results, "--guideline", "2020.06", "--target", "object", "--source", Source, "--format", "json");
        var sections = JsonDocument.Parse(output).RootElement.GetProperty("designated_sections").EnumerateArray().ToList();
        Assert.Equal(["keystone", "swift"], sections.Select(s => s.GetProperty("project").GetString()));
        var swift = sections[1].GetProperty("sections").EnumerateArray().ToList();
        Assert.Equal(28, swift.Count);
        Assert.Equal(11, swift.Count(s => s.GetProperty("designated").GetBoolean()));

        (_, output, _) = await Cli.RunAsync("report", results, "--guideline", "2020.06", "--target", "object", "--source", Source);
        Assert.Contains("keystone: designated assignment API, auth (v3) API, trust API, resource API; not designated catalog API", output, StringComparison.Ordinal);
    }
}
