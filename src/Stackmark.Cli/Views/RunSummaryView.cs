using Spectre.Console;
using Spectre.Console.Rendering;
using Stackmark.Runner;

namespace Stackmark.Cli.Views;

/// <summary>The end of a run: the verdict, every required non-pass with its category and reason, the files.</summary>
internal static class RunSummaryView
{
    public static IRenderable Render(RunOutcome outcome, string directory, CloudFacts? facts = null)
    {
        var rows = new List<IRenderable> { ComplianceView.Render(outcome.Report, outcome.Summary.Verdict, outcome.Summary.ToComplete) };
        if (facts is not null)
        {
            // The guest question's evidence: was SSH into guests on, which guest OSes, which hypervisors.
            var images = facts.Images.Count == 0 ? "none" : string.Join(", ", facts.Images.Select(i => $"{i.Name} ({i.OsDistro ?? i.OsType ?? "OS not declared"})"));
            rows.Add(new Text($"Guest validation: {(facts.GuestValidation ? "on" : "off")}; images: {images}; hypervisors: {(facts.Hypervisors.Count == 0 ? "not visible" : string.Join(", ", facts.Hypervisors))}"));
            if (facts.Validation is { } v)
            {
                rows.Add(new Text($"  why: {v.Reason}"));
                if (v.Enabled)
                {
                    rows.Add(new Text($"  reached by {v.ConnectMethod} over {v.Network}; SSH user {v.SshUser} (from {v.SshUserSource}); image {v.Image?.Name} ({v.Image?.OsDistro ?? v.Image?.OsType ?? "OS not declared"})"));
                    rows.Add(new Text($"  timeouts: {v.TimeoutReason}"));
                }
            }
            foreach (var flag in facts.FeatureFlags ?? [])
            {
                rows.Add(new Text($"Tempest flag {flag.Option} = {flag.Value ?? "Tempest's default"} ({flag.SourceWord}): {flag.Reason}"));
            }
        }

        var counted = outcome.Results.Where(r => r.Planned.Capability.Status == CapabilityStatus.Required && !r.Planned.Test.IsFlagged).ToList();
        var nonPass = counted.Where(r => r.Status != TestStatus.Passed).ToList();
        rows.Add(new Text($"Required, counted tests: {counted.Count(r => r.Status == TestStatus.Passed)} passed, {counted.Count(r => r.Status == TestStatus.Failed)} failed, {counted.Count(r => r.Status == TestStatus.Skipped)} skipped, {counted.Count(r => r.Status == TestStatus.NotRun)} not run ({(outcome.Summary.FinishedAt - outcome.Summary.StartedAt).TotalSeconds:F0} s)"));
        foreach (var group in nonPass.GroupBy(r => r.NonPass?.CategoryWord ?? "unknown"))
        {
            rows.Add(new Markup($"[bold]{Markup.Escape(group.Key)}[/] ({group.Count()}):"));
            foreach (var r in group)
            {
                rows.Add(new Markup($"  {Markup.Escape(r.Planned.Test.Name.Value)} [grey]({Markup.Escape(r.Planned.Capability.Id.Value)}): {Markup.Escape(r.NonPass?.Reason ?? "")}[/]"));
            }
        }

        if (outcome.ClassErrors.Count > 0)
        {
            // Tempest exits 1 for these; say why the verdict does not follow that exit code.
            rows.Add(new Markup($"[bold]class-level errors[/] ({outcome.ClassErrors.Count}, not counted: the verdict comes from each test's own result):"));
            foreach (var e in outcome.ClassErrors)
            {
                rows.Add(new Markup($"  {Markup.Escape($"{e.Fixture} ({e.Scope})")} [grey]{Markup.Escape($"{e.NonPass.CategoryWord}: {e.NonPass.Reason} ({e.Effect})")}[/]"));
            }
        }

        if (outcome.ParserErrors > 0)
        {
            rows.Add(new Markup($"[yellow]warning:[/] the subunit stream had {outcome.ParserErrors} corrupt spot(s); see subunit.v2"));
        }

        rows.Add(new Text($"Results: {directory} (results.json to upload, full-results.json, junit.xml, report.html, manifest.json)"));
        return new Rows(rows);
    }
}
