using System.Text;

namespace Stackmark;

/// <summary>Writes readable Markdown documentation of a draft: changes, capabilities by status per program with scores, flags with reasons.</summary>
public static class DraftDocument
{
    /// <summary>The Markdown text of a successful draft.</summary>
    /// <exception cref="ArgumentException">The result holds no draft.</exception>
    public static string ToMarkdown(DraftResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var draft = result.Draft ?? throw new ArgumentException("the draft failed; there is nothing to document", nameof(result));
        var scheme = result.Scheme ?? ScoringScheme.For(draft);
        var m = draft.Metadata;
        var sb = new StringBuilder();
        sb.Append("# Guideline ").Append(draft.Id).Append(" (draft)\n\n");
        sb.Append("Replaces ").Append(m.Replaces).Append(". Releases: ").Append(string.Join(", ", m.Releases)).Append(". ");
        sb.Append("Cutoff score: ").Append(scheme.CutoffScore).Append(" (").Append(scheme.Description).Append(").\n\n");
        sb.Append("Criteria: ").Append(string.Join(", ", scheme.Criteria.Select(c => $"{c.Name} ({c.Key}) {c.Weight}"))).Append(".\n\n");

        sb.Append("## Changes from ").Append(result.From?.Id.ToString() ?? m.Replaces).Append("\n\n");
        var changes = result.Decisions.Where(d => d.IsChange || d.After is null).ToList();
        if (changes.Count == 0)
        {
            sb.Append("No capability changes status.\n\n");
        }
        else
        {
            sb.Append("| Capability | Component | Before | After | Score | Why |\n|---|---|---|---|---|---|\n");
            foreach (var d in changes)
            {
                sb.Append("| ").Append(d.Capability).Append(" | ").Append(d.Component).Append(" | ").Append(Word(d.Before)).Append(" | ")
                    .Append(Word(d.After)).Append(" | ").Append(d.Score?.ToString() ?? "").Append(" | ").Append(Cell(d.Reason)).Append(" |\n");
            }

            sb.Append('\n');
        }

        foreach (var target in draft.Targets)
        {
            sb.Append("## ").Append(target.Name).Append(" (").Append(target.Key).Append(")\n\n");
            var caps = draft.CapabilitiesOf(target.Key);
            foreach (var status in CapabilityStatuses.All)
            {
                var these = caps.Where(c => c.Status == status).ToList();
                if (these.Count == 0)
                {
                    continue;
                }

                sb.Append("### ").Append(char.ToUpperInvariant(status.ToWord()[0])).Append(status.ToWord()[1..]).Append(" (").Append(these.Count).Append(")\n\n");
                sb.Append("| Capability | Project | Score | Tests | Flagged |\n|---|---|---|---|---|\n");
                foreach (var c in these)
                {
                    var score = c.Definition is { } def ? scheme.Evaluate(def).ToString() : "";
                    sb.Append("| ").Append(c.Id).Append(" | ").Append(c.Definition?.Project).Append(" | ").Append(score).Append(" | ")
                        .Append(c.Tests.Count).Append(" | ").Append(c.Tests.Count(t => t.IsFlagged)).Append(" |\n");
                }

                sb.Append('\n');
            }
        }

        sb.Append("## Flags\n\n");
        var fresh = result.Flags.Select(f => (f.Capability, f.Test)).ToHashSet();
        var flagged = draft.Capabilities.SelectMany(c => c.Tests.Where(t => t.IsFlagged).Select(t => (Capability: c.Id, Test: t))).ToList();
        if (flagged.Count == 0)
        {
            sb.Append("No test is flagged.\n");
        }
        else
        {
            sb.Append("| Test | Capability | Code | Meaning | Reason | Date | New |\n|---|---|---|---|---|---|---|\n");
            foreach (var (cap, test) in flagged)
            {
                var code = test.Flag!.ReasonCode;
                var meaning = code is not null && Flag.KnownReasonCodes.TryGetValue(code, out var mm) ? mm : "";
                sb.Append("| ").Append(test.Name).Append(" | ").Append(cap).Append(" | ").Append(code ?? "none").Append(" | ").Append(meaning)
                    .Append(" | ").Append(Cell(test.Flag.Reason)).Append(" | ").Append(test.Flag.Date).Append(" | ")
                    .Append(fresh.Contains((cap, test.Name)) ? "yes" : "").Append(" |\n");
            }
        }

        return sb.ToString();
    }

    private static string Word(CapabilityStatus? s) => s?.ToWord() ?? "—";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
