using CsCheck;

namespace Stackmark.Tests.Guidelines;

/// <summary>Laws of the identifier value types: parsing, equality, ordering.</summary>
public sealed class ValueTypeTests
{
    [Theory]
    [InlineData("id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59")]
    [InlineData("e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59")]
    [InlineData("ID-E36C0EAA-DFF5-4082-AD1F-3F9A80AA3F59")]
    [InlineData("  e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59 ")]
    public void Idempotent_ids_parse_with_or_without_prefix_in_any_case(string text)
    {
        var id = IdempotentId.Parse(text);
        Assert.Equal("e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59", id.ToString());
        Assert.Equal("id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59", id.ToAttribute());
    }

    [Theory]
    [InlineData("")]
    [InlineData("id-")]
    [InlineData("e36c0eaadff54082ad1f3f9a80aa3f59")]
    [InlineData("{e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59}")]
    [InlineData("id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59,smoke")]
    public void Anything_else_is_not_an_idempotent_id(string text)
    {
        Assert.False(IdempotentId.TryParse(text, out _));
        Assert.Throws<FormatException>(() => IdempotentId.Parse(text));
    }

    [Fact]
    public void Idempotent_ids_round_trip_through_both_forms()
    {
        Gen.Guid.Sample(g =>
        {
            var id = IdempotentId.Parse(g.ToString());
            return IdempotentId.Parse(id.ToAttribute()) == id && IdempotentId.Parse(id.ToString().ToUpperInvariant()) == id;
        });
    }

    [Theory]
    [InlineData("2020.06", null, "2020.06")]
    [InlineData("2020.06.json", null, "2020.06")]
    [InlineData("next", null, "next")]
    [InlineData("dns.2020.06.json", "dns", "2020.06")]
    [InlineData("orchestration.next", "orchestration", "next")]
    public void Guideline_ids_parse_versions_and_add_ons(string text, string? addOn, string version)
    {
        var id = GuidelineId.Parse(text);
        Assert.Equal((addOn, version), (id.AddOn, id.Version));
        Assert.Equal(id, GuidelineId.Parse(id.ToString()));
    }

    [Theory]
    [InlineData("2020.6")]
    [InlineData("20.06")]
    [InlineData("DNS.2020.06")]
    [InlineData("schema")]
    [InlineData("")]
    public void Guideline_ids_refuse_other_text(string text) => Assert.False(GuidelineId.TryParse(text, out _));

    [Fact]
    public void Guideline_ids_order_by_add_on_then_version_with_next_last()
    {
        var ids = new[] { "next", "2020.06", "dns.2018.02", "2015.03", "dns.next" }.Select(GuidelineId.Parse).Order().Select(i => i.ToString());
        Assert.Equal(["2015.03", "2020.06", "next", "dns.2018.02", "dns.next"], ids);
    }

    [Theory]
    [InlineData("tempest.api.a.B.test_c[id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59,smoke]", "tempest.api.a.B.test_c", "e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59")]
    [InlineData("tempest.api.a.B.test_c[compute,id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59,network]", "tempest.api.a.B.test_c", "e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59")]
    [InlineData("tempest.scenario.S.test_x[slow](scenario-1)", "tempest.scenario.S.test_x(scenario-1)", null)]
    [InlineData("tempest.api.a.B.test_c", "tempest.api.a.B.test_c", null)]
    [InlineData("a]b[c", "a]b[c", null)]
    [InlineData("a[id-]", "a", null)]
    public void Tempest_ids_split_into_name_and_id_as_refstack_client_does(string testId, string name, string? id)
    {
        var (n, i) = TestName.FromTempestId(testId);
        Assert.Equal(name, n.Value);
        Assert.Equal(id, i?.ToString());
    }
}
