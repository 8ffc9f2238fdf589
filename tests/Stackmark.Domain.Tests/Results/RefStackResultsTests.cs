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

    // The fast read (no tree) must agree with the located parse on every valid document, and leave everything else to it.
    [Fact]
    public void The_fast_read_gives_the_located_parse_s_value_for_valid_documents()
    {
        string[] names =
        [
            "tempest.a.B.test_c", " tempest.a.B.test_c ", "tempest.a.B.test_d[id-b92d5ec7-b1dd-44a2-87e4-45e888c46ef0,smoke]",
            "tempest.a.B.test_d", "tempest.é.Ü.test_ü", "t\u0065mpest.x",
        ];
        string[] uuids = ["", "\"uuid\": null", "\"uuid\": \"E36C0EAA-DFF5-4082-AD1F-3F9A80AA3F59\"", "\"uuid\": \"2f2c1d4a-16e6-4d4f-8f36-92b6a0a3f5a1\""];
        var entry = Gen.Select(Gen.Int[0, names.Length - 1], Gen.Int[0, uuids.Length - 1], Gen.Bool, (n, u, uuidFirst) =>
        {
            var name = $"\"name\": \"{names[n]}\"";
            return uuids[u].Length == 0 ? "{" + name + "}" : uuidFirst ? "{" + uuids[u] + ", " + name + "}" : "{" + name + ", " + uuids[u] + "}";
        });
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 20], Gen.Long[0, long.MaxValue], entry.Array[1, 12], Gen.Int[0, 5], (cpid, seconds, entries, order) =>
        {
            string[] members = [$"\"cpid\": \" {cpid} \"", $"\"duration_seconds\": {seconds}", $"\"results\": [{string.Join(",\n", entries)}]"];
            int[][] orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
            return "{" + string.Join(", ", orders[order].Select(k => members[k])) + "}";
        }).Sample(json =>
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            var fast = RefStackResults.ReadValid(bytes);
            var located = RefStackResults.ParseWithLocations(bytes, "results.json");
            Assert.True(located.Success, located.ToString());
            Assert.NotNull(fast);
            Assert.Equal((located.Value!.Cpid, located.Value.DurationSeconds), (fast.Cpid, fast.DurationSeconds));
            Assert.Equal(located.Value.Passed, fast.Passed);
        });
    }

    [Theory]
    [InlineData("""{"cpid": "", "duration_seconds": 1, "results": [{"name": "a"}]}""")]
    [InlineData("""{"cpid": "x", "duration_seconds": 1.5, "results": [{"name": "a"}]}""")]
    [InlineData("""{"cpid": "x", "duration_seconds": 1, "results": []}""")]
    [InlineData("""{"cpid": "x", "duration_seconds": 1, "results": [{"name": "a", "uuid": "nope"}]}""")]
    [InlineData("""{"cpid": "x", "duration_seconds": 1, "results": [{"name": "a"}], "extra": 1}""")]
    [InlineData("""{"cpid": "x", "cpid": "y", "duration_seconds": 1, "results": [{"name": "a"}]}""")]
    [InlineData("""{"cpid": "x", "duration_seconds": 1, "results": [{"name": "a", "name": "b"}]}""")]
    [InlineData("""{"cpid": "x", "duration_seconds": 1, "results": [{"name": "a"}]} {}""")]
    [InlineData("""{"cpid": "x", "duration_seconds": 1, "results": [{"name": "a"}""")]
    [InlineData("""[]""")]
    public void The_fast_read_leaves_invalid_or_ambiguous_documents_to_the_located_parse(string json) =>
        Assert.Null(RefStackResults.ReadValid(Encoding.UTF8.GetBytes(json)));
}
