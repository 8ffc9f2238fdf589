using System.Text;
using CsCheck;

namespace Stackmark.OpenStack.Tests.Cleanup;

public sealed class PristineRequirementTests
{
    // The prefixes of AccountTest's containers a, d and f (see PristinePreconditionsTempestTests).
    private const string A = "tempest-b'a'--";
    private const string D = "tempest-b'd'--";
    private const string F = "tempest-b'f'--";

    private static AccountInventory Holding(IEnumerable<string> containers, IEnumerable<string>? metadata = null, long bytes = 0) => new(
        new InventoryAccount("demo", "demo", "p1"),
        [.. containers.Select(c => new CloudResource(ResourceKind.Container, c, c)), .. (metadata ?? []).Select(m => new CloudResource(ResourceKind.AccountMetadata, m, m))],
        new SwiftAccount(containers.Count(), bytes > 0 ? 1 : 0, bytes, [.. metadata ?? []]),
        []);

    [Theory]
    [InlineData("tempest-TestContainer-1", true)] // 'T' sorts before 'b': before tempest-b'a'--N
    [InlineData("tempest-b'a'--5", true)]
    [InlineData("tempest-b'd'--123", true)] // may sort either side of the test's own tempest-b'd'--N
    [InlineData("tempest-b'd'-", true)]
    [InlineData("tempest-b'e'", false)]
    [InlineData("zzz", false)]
    public void Up_to_a_prefix_forbids_names_before_it_and_starting_with_it(string name, bool forbidden) =>
        Assert.Equal(forbidden, PristineRequirement.NoContainersIn(null, D).Forbids(name));

    [Theory]
    [InlineData("tempest-b'a'-", false)] // before every tempest-b'a'--N
    [InlineData("tempest-b'a'--1", true)]
    [InlineData("tempest-b'c", true)]
    [InlineData("tempest-b'f'--99", true)]
    [InlineData("tempest-b'g", false)]
    [InlineData("photos", false)]
    public void A_range_forbids_only_names_between_its_prefixes(string name, bool forbidden) =>
        Assert.Equal(forbidden, PristineRequirement.NoContainersIn(A, F).Forbids(name));

    [Fact]
    public void Range_agrees_with_swift_order_of_the_names_tempest_makes()
    {
        // Whatever N the test draws, a forbidden name is one that can land inside the range the test counts.
        var requirement = PristineRequirement.NoContainersIn(A, F);
        Gen.Select(Gen.String[Gen.Char["-'abcdefgtTz09é"], 0, 14], Gen.Int[1, int.MaxValue], Gen.Int[1, int.MaxValue], (name, n, m) => (name, $"{A}{n}", $"{F}{m}"))
            .Sample(t =>
            {
                var inside = Utf8(t.name).CompareTo(Utf8(t.Item2)) > 0 && Utf8(t.name).CompareTo(Utf8(t.Item3)) < 0;
                // Inside for these N and M implies forbidden (the rule is conservative, never lenient).
                Assert.True(!inside || requirement.Forbids(t.name), $"{t.name} lies between {t.Item2} and {t.Item3}");
            });

        static string Utf8(string s) => Convert.ToHexString(Encoding.UTF8.GetBytes(s));
    }

    [Fact]
    public void Unmet_requirements_name_what_is_in_the_way()
    {
        var account = Holding(["tempest-TestContainer-7", "zebra"], ["temp-url-key"], bytes: 40);

        Assert.Equal("containers tempest-TestContainer-7, zebra", PristineRequirement.NoContainers.UnmetBy(account));
        Assert.Equal("containers tempest-TestContainer-7", PristineRequirement.NoContainersIn(null, D).UnmetBy(account));
        Assert.Null(PristineRequirement.NoContainersIn(D, null).UnmetBy(Holding(["photos"])));
        Assert.Equal("account metadata X-Account-Meta-temp-url-key", PristineRequirement.NoAccountMetadata.UnmetBy(account));
        Assert.Equal("40 bytes in 1 object(s) (at most 16 allowed)", PristineRequirement.BytesAtMost(16).UnmetBy(account));
        Assert.Null(PristineRequirement.BytesAtMost(16).UnmetBy(Holding([], bytes: 16)));
    }

    [Fact]
    public void An_empty_account_meets_every_precondition() =>
        Assert.All(PristinePreconditions.All, p => Assert.Null(p.Requirement.UnmetBy(Holding([]))));
}
