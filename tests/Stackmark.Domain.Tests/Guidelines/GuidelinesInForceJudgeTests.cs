using CsCheck;
using Stackmark.Tests.Support;

namespace Stackmark.Tests.Guidelines;

/// <summary>The rule of which guidelines may certify (<see cref="GuidelinesInForce.Judge"/>), on the official files and generated lists.</summary>
public sealed class GuidelinesInForceJudgeTests
{
    private static readonly IReadOnlyList<GuidelineSummary> Official =
        [.. InteropData.AllFiles().Select(f => GuidelineSummary.Of(InteropData.Load(Path.GetRelativePath(InteropData.Directory, f))))];

    private static readonly DateOnly Today = new(2026, 12, 3);

    private static GuidelineSummary Find(string id) => Official.Single(g => g.Id.ToString() == id);

    private static CertificationValidity Judge(string id, InForcePolicy policy = default) => GuidelinesInForce.Judge(Find(id), Official, Today, policy);

    [Fact]
    public void The_draft_next_is_not_valid_and_says_why()
    {
        var v = Judge("next");
        Assert.False(v.Valid);
        Assert.Equal("next is the draft of the next guideline (its own status: draft); in force for core guidelines on 2026-12-03: 2020.06, 2019.11, 2019.06, 2018.11", v.Reason);
    }

    [Fact]
    public void A_superseded_guideline_is_not_valid_and_names_those_in_force()
    {
        var v = Judge("2015.03", InForcePolicy.Recent(2));
        Assert.False(v.Valid);
        Assert.Equal("2015.03 is superseded (its own status); in force for core guidelines on 2026-12-03: 2020.06, 2019.11", v.Reason);
    }

    [Fact]
    public void An_approved_guideline_is_valid_under_the_status_policy()
    {
        var v = Judge("2018.11");
        Assert.True(v.Valid);
        Assert.Equal("2018.11 is in force: approved (its own status); in force for core guidelines on 2026-12-03: 2020.06, 2019.11, 2019.06, 2018.11", v.Reason);
    }

    [Fact]
    public void Recent_two_keeps_only_the_two_newest_approved()
    {
        Assert.True(Judge("2020.06", InForcePolicy.Recent(2)).Valid);
        Assert.True(Judge("2019.11", InForcePolicy.Recent(2)).Valid);
        var old = Judge("2019.06", InForcePolicy.Recent(2));
        Assert.False(old.Valid);
        Assert.Equal("2019.06 is approved but not among the 2 most recent approved core guidelines (policy recent:2); in force for core guidelines on 2026-12-03: 2020.06, 2019.11", old.Reason);
    }

    [Fact]
    public void Add_ons_are_judged_among_add_ons_of_their_name()
    {
        var dns = GuidelinesInForce.Judge(Find("dns.2020.06"), Official, Today, InForcePolicy.Recent(1));
        Assert.True(dns.Valid);
        Assert.EndsWith("in force for dns add-ons on 2026-12-03: dns.2020.06", dns.Reason, StringComparison.Ordinal);
        Assert.False(GuidelinesInForce.Judge(Find("orchestration.2019.11"), Official, Today, InForcePolicy.Recent(1)).Valid);
        Assert.False(GuidelinesInForce.Judge(Find("dns.next"), Official, Today, default).Valid);
    }

    [Fact]
    public void A_guideline_named_after_the_day_is_not_yet_in_force()
    {
        var v = GuidelinesInForce.Judge(Find("2020.06"), Official, new DateOnly(2020, 5, 31), InForcePolicy.Recent(2));
        Assert.False(v.Valid);
        Assert.Equal("2020.06 is approved but dated 2020-06, after 2020-05-31: not yet in force; in force for core guidelines on 2020-05-31: 2019.11, 2019.06", v.Reason);
        Assert.True(GuidelinesInForce.Judge(Find("2020.06"), Official, new DateOnly(2020, 6, 1), InForcePolicy.Recent(2)).Valid);
        Assert.True(GuidelinesInForce.Judge(Find("2019.06"), Official, new DateOnly(2020, 5, 31), InForcePolicy.Recent(2)).Valid);
    }

    [Fact]
    public void The_default_guideline_honours_date_and_policy()
    {
        Assert.Equal("2019.11", GuidelinesInForce.Newest(Official, "platform", new DateOnly(2020, 1, 15), InForcePolicy.Recent(2))?.Id.ToString());
        Assert.Equal(["2019.11", "2020.06"], GuidelinesInForce.For(Official, "compute", Today, InForcePolicy.Recent(2)).Select(g => g.Id.ToString()));
    }

    [Theory]
    [InlineData("status", null)]
    [InlineData(" Status ", null)]
    [InlineData("recent:2", 2)]
    [InlineData("RECENT:10", 10)]
    public void Policies_parse_and_print(string text, int? n)
    {
        var policy = InForcePolicy.Parse(text);
        Assert.Equal(n, policy.MostRecentApproved);
        Assert.Equal(policy, InForcePolicy.Parse(policy.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("recent:0")]
    [InlineData("recent:-1")]
    [InlineData("recent:")]
    [InlineData("newest")]
    public void Other_policies_do_not_parse(string text) => Assert.False(InForcePolicy.TryParse(text, out _));

    [Fact]
    public void The_default_policy_is_status() => Assert.Equal(InForcePolicy.Status, default);

    private static readonly Gen<GuidelineSummary> Summary = Gen.Select(
        Gen.Int[2015, 2030], Gen.Int[1, 12], Gen.Int[0, 2].Select(i => i switch { 1 => "dns", 2 => "orchestration", _ => (string?)null }),
        Gen.OneOf(Gen.Const("approved"), Gen.Const("superseded"), Gen.Const("draft"), Gen.Const("advisory"), Gen.Const("Approved")),
        Gen.Int[0, 9])
        .Select((year, month, addOn, status, nextOneIn10) =>
        {
            var core = GuidelineId.Parse(nextOneIn10 == 0 ? "next" : $"{year}.{month:00}");
            return new GuidelineSummary(addOn is null ? core : core.WithAddOn(addOn), status, addOn is null ? ["platform", "compute"] : [addOn]);
        });

    // Distinct ids: one file per id, as a guideline source holds them.
    private static readonly Gen<IReadOnlyList<GuidelineSummary>> Lists = Summary.List[0, 25].Select(l => (IReadOnlyList<GuidelineSummary>)[.. l.DistinctBy(g => g.Id)]);

    private static readonly Gen<DateOnly> Days = Gen.Select(Gen.Int[2014, 2032], Gen.Int[1, 12], Gen.Int[1, 28]).Select((y, m, d) => new DateOnly(y, m, d));

    private static readonly Gen<InForcePolicy> Policies = Gen.OneOf(Gen.Const(InForcePolicy.Status), Gen.Int[1, 6].Select(InForcePolicy.Recent));

    [Fact]
    public void Drafts_superseded_and_next_are_never_valid() =>
        Gen.Select(Lists, Days, Policies).Sample((list, on, policy) =>
            list.Where(g => !GuidelinesInForce.IsInForce(g)).All(g => !GuidelinesInForce.Judge(g, list, on, policy).Valid));

    [Fact]
    public void A_valid_guideline_is_approved_and_dated_by_the_day() =>
        Gen.Select(Lists, Days, Policies).Sample((list, on, policy) =>
            list.Where(g => GuidelinesInForce.Judge(g, list, on, policy).Valid)
                .All(g => GuidelinesInForce.IsInForce(g) && GuidelinesInForce.DateOf(g.Id) <= on));

    [Fact]
    public void With_recent_n_at_most_n_guidelines_of_a_kind_are_valid() =>
        Gen.Select(Lists, Days, Gen.Int[1, 6]).Sample((list, on, n) =>
            list.Where(g => GuidelinesInForce.Judge(g, list, on, InForcePolicy.Recent(n)).Valid)
                .GroupBy(g => g.Id.AddOn)
                .All(kind => kind.Count() <= n));

    [Fact]
    public void Validity_is_monotonic_in_n_and_status_admits_the_most() =>
        Gen.Select(Lists, Days, Gen.Int[1, 6]).Sample((list, on, n) => list.All(g =>
            !GuidelinesInForce.Judge(g, list, on, InForcePolicy.Recent(n)).Valid
            || (GuidelinesInForce.Judge(g, list, on, InForcePolicy.Recent(n + 1)).Valid && GuidelinesInForce.Judge(g, list, on, InForcePolicy.Status).Valid)));

    [Fact]
    public void Judging_ignores_other_kinds_and_order() =>
        Gen.Select(Lists, Days, Policies).Sample((list, on, policy) => list.All(g =>
        {
            var sameKind = list.Where(o => o.Id.AddOn == g.Id.AddOn).Reverse().ToList();
            return GuidelinesInForce.Judge(g, list, on, policy) == GuidelinesInForce.Judge(g, sameKind, on, policy);
        }));

    [Fact]
    public void The_default_guideline_is_always_valid_under_its_policy() =>
        Gen.Select(Lists, Days, Policies, Gen.OneOf(Gen.Const("platform"), Gen.Const("dns"), Gen.Const("orchestration"))).Sample((list, on, policy, target) =>
            GuidelinesInForce.Newest(list, target, on, policy) is not { } chosen || GuidelinesInForce.Judge(chosen, list, on, policy).Valid);

    [Fact]
    public void The_undated_default_guideline_is_valid_on_any_later_day_under_the_status_policy() =>
        Gen.Select(Lists, Gen.OneOf(Gen.Const("platform"), Gen.Const("dns"))).Sample((list, target) =>
            GuidelinesInForce.Newest(list, target) is not { } chosen
            || GuidelinesInForce.Judge(chosen, list, GuidelinesInForce.DateOf(chosen.Id)!.Value, InForcePolicy.Status).Valid);
}
