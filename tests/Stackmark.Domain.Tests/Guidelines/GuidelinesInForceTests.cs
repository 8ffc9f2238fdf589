using CsCheck;
using Stackmark.Tests.Support;

namespace Stackmark.Tests.Guidelines;

/// <summary>The default guideline: the newest approved one with the target, on the official files and generated lists.</summary>
public sealed class GuidelinesInForceTests
{
    private static readonly IReadOnlyList<GuidelineSummary> Official =
        [.. InteropData.AllFiles().Select(f => GuidelineSummary.Of(InteropData.Load(Path.GetRelativePath(InteropData.Directory, f))))];

    [Theory]
    [InlineData("platform", "2020.06")]
    [InlineData("compute", "2020.06")]
    [InlineData("object", "2020.06")]
    [InlineData("dns", "dns.2020.06")]
    [InlineData("orchestration", "orchestration.2020.06")]
    [InlineData("Object", "2020.06")]
    public void The_official_files_default_to_2020_06_for_every_target(string target, string expected) =>
        Assert.Equal(expected, GuidelinesInForce.Newest(Official, target)?.Id.ToString());

    [Fact]
    public void Superseded_and_draft_guidelines_are_not_in_force()
    {
        var inForce = GuidelinesInForce.For(Official, "platform").Select(g => g.Id.ToString());
        Assert.Equal(["2018.11", "2019.06", "2019.11", "2020.06"], inForce);
    }

    [Fact]
    public void No_guideline_in_force_is_null()
    {
        GuidelineSummary[] drafts = [new(GuidelineId.Parse("next"), "draft", ["platform"]), new(GuidelineId.Parse("2015.03"), "superseded", ["platform"])];
        Assert.Null(GuidelinesInForce.Newest(drafts, "platform"));
        Assert.Null(GuidelinesInForce.Newest(Official, "nfv"));
    }

    private static readonly Gen<GuidelineSummary> Summary = Gen.Select(
        Gen.Int[2015, 2030], Gen.Int[1, 12], Gen.Bool.Select(b => b ? "dns" : null),
        Gen.OneOf(Gen.Const("approved"), Gen.Const("superseded"), Gen.Const("draft"), Gen.Const("advisory"), Gen.Const("Approved")),
        Gen.Bool)
        .Select((year, month, addOn, status, isNext) =>
        {
            var core = GuidelineId.Parse(isNext ? "next" : $"{year}.{month:00}");
            return new GuidelineSummary(addOn is null ? core : core.WithAddOn(addOn), status, addOn is null ? ["platform", "object"] : ["dns"]);
        });

    [Fact]
    public void The_choice_is_in_force_has_the_target_and_no_guideline_in_force_with_it_is_newer() =>
        Gen.Select(Summary.List[0, 20], Gen.OneOf(Gen.Const("platform"), Gen.Const("object"), Gen.Const("dns"))).Sample((list, target) =>
        {
            var chosen = GuidelinesInForce.Newest(list, target);
            var candidates = list.Where(g => GuidelinesInForce.IsInForce(g) && g.HasTarget(target)).ToList();
            if (chosen is null)
            {
                return candidates.Count == 0;
            }

            return GuidelinesInForce.IsInForce(chosen) && chosen.HasTarget(target) && !chosen.Id.IsNext
                && candidates.All(g => string.CompareOrdinal(g.Id.Version, chosen.Id.Version) <= 0)
                && GuidelinesInForce.Newest(Enumerable.Reverse(list), target)?.Id == chosen.Id;
        });
}
