namespace Stackmark;

/// <summary>
/// Community data: per capability of a guideline's target, how many distinct clouds (cpids) and products pass it among
/// the results uploaded in a window, and how that evolved month by month. Pure and thread-safe.
/// </summary>
/// <remarks>
/// The rule (<see cref="AdoptionReport.Rule"/>): only each cloud's latest result in the window counts (ties on the
/// upload time: the later in the input); a capability passes for that cloud when every one of its non-flagged tests
/// passed, as <see cref="ComplianceEvaluator"/> matches them (idempotent id, then name, then aliases), and it has at
/// least one such test. The cloud's product is the one its latest result is linked to. Each trend point applies the
/// same rule to the results uploaded from the window's start to the end of its month (UTC); the points run from the
/// month of the first result in the window to the month of the window's end (or of the last result when the window
/// is open-ended), so the last point equals the totals.
/// </remarks>
public static class CommunityAdoption
{
    /// <summary>The comparer clouds are told apart with: cpids compared ordinally, ignoring case.</summary>
    public static StringComparer CloudComparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>Computes every capability's adoption among <paramref name="results"/> in <paramref name="window"/>.</summary>
    /// <param name="guideline">The guideline the results are judged against.</param>
    /// <param name="target">The target's key (platform, compute, object, dns, …).</param>
    /// <param name="results">Stored results, in any order; those outside the window are ignored.</param>
    /// <param name="window">The window; null for every result.</param>
    /// <exception cref="ArgumentException">The guideline has no such target.</exception>
    public static AdoptionReport Compute(Guideline guideline, string target, IEnumerable<CommunityResult> results, CommunityWindow? window = null)
    {
        ArgumentNullException.ThrowIfNull(guideline);
        ArgumentNullException.ThrowIfNull(results);
        window ??= CommunityWindow.All;
        var capabilities = guideline.CapabilitiesOf(target);
        var counted = capabilities.Select(c => c.Tests.Count(t => !t.IsFlagged)).ToArray();
        var inWindow = results.Where(r => window.Contains(r.UploadedAt)).ToList();
        var verdicts = new Dictionary<CommunityResult, bool[]>(ReferenceEqualityComparer.Instance);
        bool[] Passes(CommunityResult r)
        {
            if (!verdicts.TryGetValue(r, out var passes))
            {
                var report = ComplianceEvaluator.Evaluate(guideline, target, r.Tests);
                passes = [.. report.Capabilities.Select((v, i) => counted[i] > 0 && v.Pass)];
                verdicts[r] = passes;
            }

            return passes;
        }

        var trends = capabilities.Select(_ => new List<AdoptionPoint>()).ToArray();
        Counts? last = null;
        Sweep(inWindow, r => r.Cpid, r => r.UploadedAt, window, (month, latest) =>
        {
            last = Count(latest.Values, capabilities.Count, Passes);
            for (var i = 0; i < capabilities.Count; i++)
            {
                trends[i].Add(new AdoptionPoint(month, last.CloudsPassing[i], last.Clouds, last.ProductsPassing[i].Count));
            }
        });
        last ??= Count([], capabilities.Count, Passes);

        var adoption = capabilities.Select((c, i) => new CapabilityAdoption(
            c.Id, c.Status, counted[i], last.CloudsPassing[i], last.Clouds, last.ProductsPassing[i].Count, last.Products, trends[i])).ToList();
        return new AdoptionReport(guideline.Id, target, window, inWindow.Count, last.Clouds, last.Products, adoption);
    }

    /// <summary>
    /// The results <see cref="Compute"/> would look at: those that are some cloud's latest in the window at the end of
    /// some month. Lets a store load the tests of only these (e.g. a registry with many reruns per cloud).
    /// </summary>
    /// <typeparam name="T">Whatever stands for a result before its tests are loaded.</typeparam>
    /// <param name="results">The results, in any order.</param>
    /// <param name="cpid">A result's cloud.</param>
    /// <param name="uploadedAt">A result's upload time.</param>
    /// <param name="window">The window.</param>
    public static IReadOnlyList<T> Relevant<T>(IEnumerable<T> results, Func<T, string> cpid, Func<T, DateTimeOffset> uploadedAt, CommunityWindow? window = null)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(cpid);
        ArgumentNullException.ThrowIfNull(uploadedAt);
        window ??= CommunityWindow.All;
        var inWindow = results.Where(r => window.Contains(uploadedAt(r))).ToList();
        var relevant = new HashSet<T>();
        var list = new List<T>();
        Sweep(inWindow, cpid, uploadedAt, window, (_, latest) =>
        {
            foreach (var r in latest.Values.Where(relevant.Add))
            {
                list.Add(r);
            }
        });
        return list;
    }

    /// <summary>The first day of each month the trend covers (see the remarks of <see cref="CommunityAdoption"/>).</summary>
    private static List<DateOnly> Months(DateTimeOffset first, DateTimeOffset last)
    {
        var months = new List<DateOnly>();
        var end = MonthOf(last);
        for (var m = MonthOf(first); m <= end; m = m.AddMonths(1))
        {
            months.Add(m);
        }

        return months;
    }

    private static DateOnly MonthOf(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return new DateOnly(utc.Year, utc.Month, 1);
    }

    // Walks the results oldest first and calls back at the end of each month with each cloud's latest result so far.
    private static void Sweep<T>(List<T> inWindow, Func<T, string> cpid, Func<T, DateTimeOffset> uploadedAt, CommunityWindow window, Action<DateOnly, Dictionary<string, T>> atMonthEnd)
    {
        if (inWindow.Count == 0)
        {
            return;
        }

        var ordered = inWindow.Select((r, i) => (Result: r, Index: i)).OrderBy(x => uploadedAt(x.Result)).ThenBy(x => x.Index).Select(x => x.Result).ToList();
        var lastAt = window.To is { } to && to > uploadedAt(ordered[^1]) ? to : uploadedAt(ordered[^1]);
        var latest = new Dictionary<string, T>(CloudComparer);
        var next = 0;
        foreach (var month in Months(uploadedAt(ordered[0]), lastAt))
        {
            var monthEnd = new DateTimeOffset(month.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            while (next < ordered.Count && uploadedAt(ordered[next]) < monthEnd)
            {
                latest[cpid(ordered[next]).Trim()] = ordered[next];
                next++;
            }

            atMonthEnd(month, latest);
        }
    }

    private static Counts Count(IEnumerable<CommunityResult> latest, int capabilities, Func<CommunityResult, bool[]> passes)
    {
        var counts = new Counts(capabilities);
        var products = new HashSet<string>(StringComparer.Ordinal);
        foreach (var result in latest)
        {
            counts.Clouds++;
            if (result.ProductId is { } p)
            {
                products.Add(p);
            }

            var pass = passes(result);
            for (var i = 0; i < capabilities; i++)
            {
                if (pass[i])
                {
                    counts.CloudsPassing[i]++;
                    if (result.ProductId is { } product)
                    {
                        counts.ProductsPassing[i].Add(product);
                    }
                }
            }
        }

        counts.Products = products.Count;
        return counts;
    }

    private sealed class Counts(int capabilities)
    {
        public int Clouds { get; set; }

        public int Products { get; set; }

        public int[] CloudsPassing { get; } = new int[capabilities];

        public HashSet<string>[] ProductsPassing { get; } = [.. Enumerable.Range(0, capabilities).Select(_ => new HashSet<string>(StringComparer.Ordinal))];
    }
}
