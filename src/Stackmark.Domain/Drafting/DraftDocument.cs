using System.Globalization;
using System.Net;
using System.Text;

namespace Stackmark;

/// <summary>
/// Writes readable documentation of a draft — changes, community data, capabilities by status per program with scores,
/// flags with reasons — as Markdown, or as a standalone HTML page with the same content.
/// </summary>
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

        if (result.DeployedChanges.Count > 0)
        {
            sb.Append("## Community data\n\n");
            sb.Append("\"Widely Deployed\" set from the clouds' uploaded results before anything was decided:\n\n");
            sb.Append("| Capability | Deployed | Clouds passing | Score |\n|---|---|---|---|\n");
            foreach (var c in result.DeployedChanges)
            {
                sb.Append("| ").Append(c.Capability).Append(" | ").Append(c.Old.ToChar()).Append(" → ").Append(c.New.ToChar()).Append(" | ")
                    .Append(c.CloudsPassing.ToString(CultureInfo.InvariantCulture)).Append(" of ").Append(c.CloudsTotal.ToString(CultureInfo.InvariantCulture))
                    .Append(" | ").Append(c.OldTotal.ToString(CultureInfo.InvariantCulture)).Append(" → ").Append(c.NewTotal.ToString(CultureInfo.InvariantCulture)).Append(" |\n");
            }

            sb.Append('\n');
        }

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

    /// <summary>The same documentation as <see cref="ToMarkdown"/>, as a standalone HTML page (every text escaped).</summary>
    /// <exception cref="ArgumentException">The result holds no draft.</exception>
    public static string ToHtml(DraftResult result)
    {
        var markdown = ToMarkdown(result);
        var title = WebUtility.HtmlEncode($"Guideline {result.Draft!.Id} (draft)");
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(title).Append("</title>\n<style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2433}")
            .Append("table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccd;padding:.25rem .6rem;text-align:left;vertical-align:top}")
            .Append("th{background:#eef1f6}h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ccd}</style></head><body>\n");
        var lines = markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith('#'))
            {
                var level = line.TakeWhile(ch => ch == '#').Count();
                html.Append("<h").Append(level).Append('>').Append(WebUtility.HtmlEncode(line[level..].Trim())).Append("</h").Append(level).Append(">\n");
            }
            else if (line.StartsWith('|'))
            {
                // A table: header row, separator row, body rows (cells split on unescaped pipes).
                html.Append("<table>\n");
                var header = true;
                for (; i < lines.Length && lines[i].StartsWith('|'); i++)
                {
                    if (lines[i].StartsWith("|---", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var tag = header ? "th" : "td";
                    html.Append("<tr>");
                    foreach (var cell in Cells(lines[i]))
                    {
                        html.Append('<').Append(tag).Append('>').Append(WebUtility.HtmlEncode(cell)).Append("</").Append(tag).Append('>');
                    }

                    html.Append("</tr>\n");
                    header = false;
                }

                i--;
                html.Append("</table>\n");
            }
            else if (line.Length > 0)
            {
                html.Append("<p>").Append(WebUtility.HtmlEncode(line)).Append("</p>\n");
            }
        }

        return html.Append("</body></html>\n").ToString();
    }

    // "| a | b\\|c |" → ["a", "b|c"]
    private static IEnumerable<string> Cells(string row)
    {
        var cell = new StringBuilder();
        for (var i = 1; i < row.Length; i++)
        {
            if (row[i] == '\\' && i + 1 < row.Length && row[i + 1] == '|')
            {
                cell.Append('|');
                i++;
            }
            else if (row[i] == '|')
            {
                yield return cell.ToString().Trim();
                cell.Clear();
            }
            else
            {
                cell.Append(row[i]);
            }
        }
    }

    private static string Word(CapabilityStatus? s) => s?.ToWord() ?? "—";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
