using System.Globalization;

namespace Stackmark;

/// <summary>
/// The "Widely Deployed" criterion (<c>deployed</c>, the first worksheet column) from community data: met when the share
/// of clouds passing a capability reaches a threshold.
/// </summary>
/// <remarks>
/// A capability without data (no cloud uploaded, or no non-flagged test to pass) is marked <c>?</c>, and
/// <see cref="Apply"/> leaves its line alone, as it leaves lines the target does not list and lines that do not
/// consider the criterion (<c>*</c>, add-on sheets). Pure.
/// </remarks>
public static class WidelyDeployed
{
    /// <summary>The criterion's key in <see cref="ScoringScheme.WorksheetOrder"/>.</summary>
    public const string CriterionKey = "deployed";

    /// <summary>The committee's usual reading of "widely deployed": at least half the clouds.</summary>
    public const double DefaultThreshold = 0.5;

    /// <summary>The criterion's index in <see cref="CriteriaMarks"/> (0).</summary>
    public static int CriterionIndex { get; } = IndexOf(CriterionKey);

    /// <summary>The <c>deployed</c> mark of a capability: 1 when its share of clouds is at least <paramref name="threshold"/>, 0 below, <c>?</c> without data.</summary>
    /// <param name="adoption">The capability's community data.</param>
    /// <param name="threshold">The share of clouds needed, in (0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is not in (0, 1].</exception>
    public static Mark MarkFor(CapabilityAdoption adoption, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(adoption);
        CheckThreshold(threshold);
        return !adoption.HasData ? Mark.Unknown
            : adoption.Share >= threshold - 1e-9 ? Mark.One
            : Mark.Zero;
    }

    /// <summary>
    /// The worksheet with the <c>deployed</c> mark of every capability the report covers set from community data;
    /// lines whose mark changes get their total and star recomputed by <paramref name="scheme"/> when one is given
    /// (other lines are kept byte for byte, wrong totals included).
    /// </summary>
    /// <param name="sheet">The worksheet.</param>
    /// <param name="report">Community data for the guideline the worksheet scores.</param>
    /// <param name="threshold">The share of clouds needed, in (0, 1].</param>
    /// <param name="scheme">Weights to recompute changed lines with, or null to keep their recorded totals.</param>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is not in (0, 1].</exception>
    public static DeployedUpdate Apply(Worksheet sheet, AdoptionReport report, double threshold = DefaultThreshold, ScoringScheme? scheme = null)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(report);
        CheckThreshold(threshold);
        var lines = new List<WorksheetLine>(sheet.Lines.Count);
        var changes = new List<DeployedChange>();
        var confirmed = 0;
        var noData = new List<CapabilityId>();
        var notInReport = new List<CapabilityId>();
        foreach (var line in sheet.Lines)
        {
            if (line is not ScoreLine score)
            {
                lines.Add(line);
                continue;
            }

            var old = score.Marks[CriterionIndex];
            var adoption = report.Find(score.Capability);
            var mark = adoption is null ? (Mark?)null : MarkFor(adoption, threshold);
            if (adoption is null)
            {
                notInReport.Add(score.Capability);
            }
            else if (mark == Mark.Unknown)
            {
                noData.Add(score.Capability);
            }

            if (mark is not { } m || m == Mark.Unknown || old == Mark.NotConsidered || old == m)
            {
                confirmed += mark == old ? 1 : 0;
                lines.Add(line);
                continue;
            }

            var updated = score with { Marks = score.Marks.With(CriterionIndex, m) };
            updated = scheme is null ? updated : updated.Recomputed(scheme);
            changes.Add(new DeployedChange(score.Capability, old, m, adoption!.CloudsPassing, adoption.CloudsTotal, score.RecordedTotal, updated.RecordedTotal));
            lines.Add(updated);
        }

        return new DeployedUpdate(new Worksheet(lines, sheet.NewLine, sheet.EndsWithNewLine), changes, confirmed, noData, notInReport);
    }

    /// <summary>A share as a percentage with one decimal, e.g. <c>66.7%</c>.</summary>
    public static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static void CheckThreshold(double threshold)
    {
        if (!(threshold > 0 && threshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "the threshold is a share of clouds in (0, 1], e.g. 0.5");
        }
    }

    private static int IndexOf(string key)
    {
        for (var i = 0; i < ScoringScheme.WorksheetOrder.Count; i++)
        {
            if (ScoringScheme.WorksheetOrder[i] == key)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"{key} is not a worksheet criterion");
    }
}

/// <summary>A worksheet updated from community data, and what changed.</summary>
/// <param name="Worksheet">The updated worksheet.</param>
/// <param name="Changes">Lines whose <c>deployed</c> mark changed, in worksheet order.</param>
/// <param name="Confirmed">Lines whose mark the data confirmed (already right).</param>
/// <param name="NoData">Capabilities left alone for want of data (no cloud, or no non-flagged test).</param>
/// <param name="NotInReport">Capabilities the worksheet scores but the guideline's target does not list (left alone).</param>
public sealed record DeployedUpdate(
    Worksheet Worksheet,
    IReadOnlyList<DeployedChange> Changes,
    int Confirmed,
    IReadOnlyList<CapabilityId> NoData,
    IReadOnlyList<CapabilityId> NotInReport);

/// <summary>One worksheet line whose <c>deployed</c> mark community data changed.</summary>
/// <param name="Capability">The capability.</param>
/// <param name="Old">The mark it had.</param>
/// <param name="New">The mark the data gives.</param>
/// <param name="CloudsPassing">Clouds passing it.</param>
/// <param name="CloudsTotal">Clouds in the window.</param>
/// <param name="OldTotal">The total recorded before.</param>
/// <param name="NewTotal">The total written now (recomputed when a scheme was given, else unchanged).</param>
public sealed record DeployedChange(CapabilityId Capability, Mark Old, Mark New, int CloudsPassing, int CloudsTotal, int OldTotal, int NewTotal);
