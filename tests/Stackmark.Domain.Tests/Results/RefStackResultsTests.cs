using System.Text;
using CsCheck;

namespace Stackmark.Tests.Results;

/// <summary>RefStack's results format: every entry checked, errors located, duplicates folded.</summary>
public sealed class RefStackResultsTests
{
    private static ParseResult<RefStackResults> Parse(string json) => RefStackResults.Parse(Encoding.UTF8.GetBytes(json), "results.json");

    [Fact]
    public void A_valid_document_parses_with_uuids_and_tempest_ids()
    {
        var r = Parse("""
        {"cpid": "abc", "duration_seconds": 42, "results": [
          {"name": "tempest.a.B.test_c", "uuid": "E36C0EAA-DFF5-4082-AD1F-3F9A80AA3F59"},
          {"name": "tempest.a.B.test_d[id-b92d5ec7-b1dd-44a2-87e4-45e888c46ef0,smoke]"},
          {"name": "tempest.a.B.test_c"}]}
        """);
        Assert.True(r.Success, r.ToString());
        Assert.Equal(("abc", 42L, 2), (r.Value!.Cpid, r.Value.DurationSeconds, r.Value.Passed.Count));
        Assert.Equal("e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59", r.Value.Passed[0].Id.ToString());
        Assert.Equal(("tempest.a.B.test_d", "b92d5ec7-b1dd-44a2-87e4-45e888c46ef0"), (r.Value.Passed[1].Name.Value, r.Value.Passed[1].Id.ToString()));
    }

    [Theory]
    [InlineData("""{"cpid": "", "duration_seconds": 1, "results": [{"name": "a"}]}""", "$.cpid")]
    [InlineData("""{"cpid": "x", "duration_seconds": -1, "results": [{"name": "a"}]}""", "$.duration_seconds")]
    [InlineData("""{"cpid": "x", "duration_seconds": 1.5, "results": [{"name": "a"}]}""", "$.duration_seconds")]
    [InlineData("""{"cpid": "x", "duration_seconds": 1, "results": []}""", "$.results")]
    [InlineData("""{"cpid": "x", "duration_seconds": 1, "results": [{"name": "a"}, {"name": 5}]}""", "$.results[1].name")]
    [InlineData("""{"cpid": "x", "duration_seconds": 1, "results": [{"name": "a", "uuid": "nope"}]}""", "$.results[0].uuid")]
    [InlineData("""{"cpid": "x", "duration_seconds": 1, "results": [{"name": "a"}], "extra": 1}""", "$.extra")]
    [InlineData("""{"duration_seconds": 1, "results": [{"name": "a"}]}""", "$")]
    public void Invalid_documents_name_the_json_path(string json, string path)
    {
        var r = Parse(json);
        Assert.False(r.Success);
        Assert.Equal(path, r.Location!.JsonPath);
        Assert.Equal("results.json", r.Location.File);
    }

    [Fact]
    public void Arbitrary_bytes_give_a_value_or_a_located_error()
    {
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            var r = RefStackResults.Parse(bytes, "fuzz.json");
            return r.Success || r.Location!.File == "fuzz.json";
        }, iter: 2000);
    }
}
