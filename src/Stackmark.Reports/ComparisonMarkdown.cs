using System.Text;

namespace Stackmark.Reports;

/// <summary>
/// Writes a <see cref="RunComparison"/> as GitHub-flavoured Markdown, so that documentation can carry a comparison
/// exactly as <c>stackmark compare --format markdown</c> printed it (docs/guest-question.md is generated this way).
/// </summary>
public static class ComparisonMarkdown
{
    /// <summary>The comparison as Markdown; text from the runs is escaped so it cannot break a table.</summary>
    /// <param name="comparison">What differs.</param>
    /// <param name="runA">How to name run A (its directory).</param>
    /// <param name="runB">How to name run B.</param>
    public static string Render(RunComparison comparison, string runA, string runB)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var sb = new StringBuilder();
        sb.Append("| | Run | Guideline | Target | Verdict | Passed |\n|---|---|---|---|---|---|\n");
        Run(sb, "A", runA, comparison.A);
        Run(sb, "B", runB, comparison.B);
        sb.Append('\n').Append(comparison.Identical
            ? "**Identical**: no test status and no capability verdict differs."
            : $"**{comparison.Tests.Count} test(s) and {comparison.Capabilities.Count} capabilit{(comparison.Capabilities.Count == 1 ? "y" : "ies")} differ.**").Append('\n');
        foreach (var note in comparison.Notes)
        {
            sb.Append("\n- ").Append(Cell(note));
        }

        if (comparison.Notes.Count > 0)
        {
            sb.Append('\n');
        }

        if (comparison.Capabilities.Count > 0)
        {
            sb.Append("\n| Capability | A | B |\n|---|---|---|\n");
            foreach (var c in comparison.Capabilities)
            {
                sb.Append("| `").Append(Cell(c.Id.Value)).Append("` | ")
                  .Append(c.A is null ? "*absent*" : $"{c.A.Verdict} ({c.A.Passed}/{c.A.Tests})").Append(" | ")
                  .Append(c.B is null ? "*absent*" : $"{c.B.Verdict} ({c.B.Passed}/{c.B.Tests})").Append(" |\n");
            }
        }

        if (comparison.Tests.Count > 0)
        {
            sb.Append("\n| Test | Capability | A | B |\n|---|---|---|---|\n");
            foreach (var t in comparison.Tests)
            {
                sb.Append("| `").Append(Cell(t.Name.Value)).Append("` | ").Append(Cell(string.Join(", ", t.Capabilities.Select(c => c.Value)))).Append(" | ")
                  .Append(Cell(ComparisonHtml.Side(t.A) ?? "*absent*")).Append(" | ").Append(Cell(ComparisonHtml.Side(t.B) ?? "*absent*")).Append(" |\n");
            }
        }

        // Listed even when the runs are identical; never counted.
        if (comparison.ClassErrors.Count > 0)
        {
            sb.Append("\nClass-level errors in one run only (not counted):\n\n| Fixture | A | B |\n|---|---|---|\n");
            foreach (var e in comparison.ClassErrors)
            {
                sb.Append("| `").Append(Cell(e.Id)).Append("` | ").Append(Cell(ComparisonHtml.ClassErrorSide(e.A) ?? "*absent*")).Append(" | ")
                  .Append(Cell(ComparisonHtml.ClassErrorSide(e.B) ?? "*absent*")).Append(" |\n");
            }
        }

        return sb.ToString();
    }

    private static void Run(StringBuilder sb, string side, string path, RunRecord run) =>
        sb.Append("| ").Append(side).Append(" | `").Append(Cell(path)).Append("` | ").Append(Cell(run.Guideline)).Append(" | ").Append(Cell(run.Target))
          .Append(" | ").Append(run.Verdict.ToWord().Replace('-', ' ')).Append(" | ")
          .Append(run.Tests.Count(t => t.Status == TestStatus.Passed)).Append(" of ").Append(run.Tests.Count).Append(" |\n");

    // A pipe ends a cell and a newline ends a row; backticks would end an inline code span.
    private static string Cell(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("`", "'", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
