using Stackmark.Tests.Support;

namespace Stackmark.Tests.Community;

/// <summary>Community data computed from results made here, judged against the official 2020.06 platform target.</summary>
public sealed class CommunityAdoptionTests
{
    private static readonly Guideline G = InteropData.Load("2020.06.json");
    private static readonly IReadOnlyList<TargetCapability> Caps = G.CapabilitiesOf("platform");

    // A capability with a flagged test and at least two counted tests with idempotent ids.
    private static readonly TargetCapability X = Caps.First(c => c.Tests.Any(t => t.IsFlagged) && c.Tests.Count(t => !t.IsFlagged && t.Id is not null) >= 2);

    // Another required capability, passed by everyone below.
    private static readonly TargetCapability Y = Caps.First(c => c.Id != X.Id && c.Status == CapabilityStatus.Required && c.Tests.Any(t => !t.IsFlagged));

    private static DateTimeOffset At(int month, int day = 10) => new(2030, month, day, 12, 0, 0, TimeSpan.Zero);

    private static List<TestOutcome> Counted(TargetCapability c) => [.. c.Tests.Where(t => !t.IsFlagged).Select(t => new TestOutcome(t.Name, t.Id, TestStatus.Passed))];

    private static List<TestOutcome> Everything() => [.. Caps.SelectMany(c => c.Tests).Select(t => new TestOutcome(t.Name, t.Id, TestStatus.Passed))];

    private static List<TestOutcome> AllBut(TargetCapability c)
    {
        var drop = c.Tests.Where(t => !t.IsFlagged).Take(1).Select(t => t.Name).ToHashSet();
        return [.. Everything().Where(o => !drop.Contains(o.Name))];
    }

    // A in January passes everything, in March misses one test of X; B and C (product P1) pass everything in
    // February; D (product P2) passes only Y.
    private static List<CommunityResult> Scenario() =>
    [
        new("cloud-a", null, At(1), Everything()),
        new("cloud-b", "P1", At(2), Everything()),
        new("cloud-c", "P1", At(2, 20), Everything()),
        new("cloud-d", "P2", At(2, 21), Counted(Y)),
        new("CLOUD-A", null, At(3), AllBut(X)),
    ];

    [Fact]
    public void Each_clouds_latest_result_counts_and_products_are_distinct()
    {
        var report = CommunityAdoption.Compute(G, "platform", Scenario());
        Assert.Equal(5, report.Results);
        Assert.Equal(4, report.Clouds); // cpids ignore case: cloud-a and CLOUD-A are one cloud
        Assert.Equal(2, report.Products);
        Assert.Equal(Caps.Count, report.Capabilities.Count);

        var x = report.Find(X.Id)!;
        Assert.Equal((2, 4, 1, 2), (x.CloudsPassing, x.CloudsTotal, x.ProductsPassing, x.ProductsTotal));
        Assert.Equal(0.5, x.Share);
        Assert.Equal(X.Tests.Count(t => !t.IsFlagged), x.CountedTests);

        var y = report.Find(Y.Id)!;
        Assert.Equal((4, 4, 2, 2), (y.CloudsPassing, y.CloudsTotal, y.ProductsPassing, y.ProductsTotal));
    }

    [Fact]
    public void The_trend_gives_each_months_end()
    {
        var x = CommunityAdoption.Compute(G, "platform", Scenario()).Find(X.Id)!;
        Assert.Equal(
            [(new DateOnly(2030, 1, 1), 1, 1, 0), (new DateOnly(2030, 2, 1), 3, 4, 1), (new DateOnly(2030, 3, 1), 2, 4, 1)],
            x.Trend.Select(p => (p.Month, p.CloudsPassing, p.CloudsTotal, p.ProductsPassing)));
    }

    [Fact]
    public void The_window_bounds_which_result_is_latest_and_the_trend_runs_to_its_end()
    {
        // Up to the end of February: A's March miss is outside, so its January pass is its latest.
        var window = new CommunityWindow(null, At(2, 28));
        var x = CommunityAdoption.Compute(G, "platform", Scenario(), window).Find(X.Id)!;
        Assert.Equal((3, 4), (x.CloudsPassing, x.CloudsTotal));

        // From February to May: A only has its March miss; the trend runs to May.
        var later = CommunityAdoption.Compute(G, "platform", Scenario(), new CommunityWindow(At(2, 1), At(5, 1))).Find(X.Id)!;
        Assert.Equal((2, 4), (later.CloudsPassing, later.CloudsTotal));
        Assert.Equal(["2030-02", "2030-03", "2030-04", "2030-05"], later.Trend.Select(p => p.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(2, later.Trend[^1].CloudsPassing);

        var empty = CommunityAdoption.Compute(G, "platform", Scenario(), new CommunityWindow(At(6), null));
        Assert.Equal((0, 0), (empty.Results, empty.Clouds));
        Assert.All(empty.Capabilities, c => Assert.Empty(c.Trend));
        Assert.All(empty.Capabilities, c => Assert.Equal(Mark.Unknown, WidelyDeployed.MarkFor(c)));
    }

    [Fact]
    public void A_renamed_test_counts_by_idempotent_id_and_flagged_tests_are_not_needed()
    {
        var renamed = X.Tests.Where(t => !t.IsFlagged).Select(t => new TestOutcome(new TestName(t.Name.Value + "_renamed"), t.Id, TestStatus.Passed)).ToList();
        Assert.All(renamed, r => Assert.NotNull(r.Id));
        var report = CommunityAdoption.Compute(G, "platform", [new CommunityResult("renamer", null, At(1), renamed), new CommunityResult("plain", null, At(1), Counted(X))]);
        Assert.Equal(2, report.Find(X.Id)!.CloudsPassing);

        // Without ids, the renamed names match nothing.
        var anonymous = renamed.Select(r => r with { Id = null }).ToList();
        Assert.Equal(0, CommunityAdoption.Compute(G, "platform", [new CommunityResult("renamer", null, At(1), anonymous)]).Find(X.Id)!.CloudsPassing);
    }

    [Fact]
    public void Advisory_capabilities_are_counted()
    {
        // 2020.06 has none; next.json has advisory capabilities.
        var next = InteropData.Load("next.json");
        var advisory = next.CapabilitiesOf("platform").First(c => c.Status == CapabilityStatus.Advisory && c.Tests.Any(t => !t.IsFlagged));
        var report = CommunityAdoption.Compute(next, "platform", [new CommunityResult("a", null, At(1), Counted(advisory)), new CommunityResult("b", null, At(1), [])]);
        var a = report.Find(advisory.Id)!;
        Assert.Equal((CapabilityStatus.Advisory, 1, 2), (a.Status, a.CloudsPassing, a.CloudsTotal));
    }

    [Fact]
    public void Relevant_keeps_only_results_that_are_some_clouds_latest_at_a_months_end()
    {
        var runs = new[] { ("a", At(1, 1)), ("a", At(1, 5)), ("a", At(2, 1)), ("b", At(1, 3)) };
        var relevant = CommunityAdoption.Relevant(runs, r => r.Item1, r => r.Item2);
        Assert.Equal([("a", At(1, 5)), ("b", At(1, 3)), ("a", At(2, 1))], relevant);
    }

    [Fact]
    public void An_unknown_target_is_an_argument_error() =>
        Assert.Throws<ArgumentException>(() => CommunityAdoption.Compute(G, "moon", []));

    [Fact]
    public void The_json_form_round_trips()
    {
        var report = CommunityAdoption.Compute(G, "platform", Scenario(), new CommunityWindow(At(1, 1), At(3, 31)));
        var json = CommunityJson.Write(report);
        var back = CommunityJson.Read(json);
        Assert.Equal((report.Guideline, report.Target, report.Window, report.Results, report.Clouds, report.Products), (back.Guideline, back.Target, back.Window, back.Results, back.Clouds, back.Products));
        Assert.Equal(report.Capabilities.Select(c => c with { Trend = [] }), back.Capabilities.Select(c => c with { Trend = [] }));
        Assert.Equal(report.Capabilities.SelectMany(c => c.Trend), back.Capabilities.SelectMany(c => c.Trend));
        Assert.Equal(json, CommunityJson.Write(back));
        Assert.Contains("\"clouds_passing\":2", json, StringComparison.Ordinal);

        Assert.Throws<FormatException>(() => CommunityJson.Read("{\"guideline\":\"latest\"}"));
        Assert.Throws<FormatException>(() => CommunityJson.Read("<html>"));
    }
}
