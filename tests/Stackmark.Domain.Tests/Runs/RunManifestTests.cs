using System.Text;
using System.Text.Json;
using CsCheck;

namespace Stackmark.Tests.Runs;

/// <summary>
/// Reading the guideline, target and region of a run's manifest.json. (The runner's tests read what RunEngine itself
/// writes; here the documents are small and hand-made, in the writer's layout.)
/// </summary>
public sealed class RunManifestTests
{
    private static string Manifest(string cloud = """{"name": "devcloud", "region": "RegionTwo", "cpid_method": "IdentityServiceId", "guest_validation": false, "services": ["swift"]}""") => $$"""
        {
          "stackmark": "1.0.0.0",
          "tempest": "33.0.0",
          "guideline": "2019.11",
          "guideline_schema": "1.7",
          "target": "object",
          "compliant": true,
          "interrupted": false,
          "cloud": {{cloud}},
          "sha256": {"results.json": "00"}
        }
        """;

    private static ParseResult<RunManifest> Parse(string json) => RunManifest.Parse(Encoding.UTF8.GetBytes(json), "run/manifest.json");

    [Fact]
    public void Reads_the_guideline_target_and_region_and_ignores_the_other_keys()
    {
        var result = Parse(Manifest());
        Assert.True(result.Success, result.ToString());
        Assert.Equal(new RunManifest(GuidelineId.Parse("2019.11"), "object", "RegionTwo") { Measured = new Stackmark.Regions.MeasuredCloud("RegionTwo", [], [], false) }, result.Value);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("""{"name": "devcloud", "region": null}""")]
    [InlineData("""{"name": "devcloud"}""")]
    public void A_run_without_a_region_reads_as_none(string cloud)
    {
        var result = Parse(Manifest(cloud));
        Assert.True(result.Success, result.ToString());
        Assert.Null(result.Value!.Region);
    }

    [Fact]
    public void A_manifest_without_cloud_facts_reads_as_no_region()
    {
        var result = Parse("""{"guideline": "dns.2020.11", "target": "dns"}""");
        Assert.True(result.Success, result.ToString());
        Assert.Equal(new RunManifest(GuidelineId.Parse("dns.2020.11"), "dns", null), result.Value);
    }

    [Theory]
    [InlineData("[]", "$", 1, "expected an object")]
    [InlineData("{\"target\": \"object\"}", "$", 1, "\"guideline\" must be a guideline version")]
    [InlineData("{\n\"guideline\": \"2019\",\n\"target\": \"object\"}", "$.guideline", 2, "\"guideline\" must be a guideline version")]
    [InlineData("{\"guideline\": \"2019.11\",\n\"target\": \"\"}", "$.target", 2, "\"target\" must be a non-empty string")]
    [InlineData("{\"guideline\": \"2019.11\", \"target\": \"object\",\n\"cloud\": \"devcloud\"}", "$.cloud", 2, "\"cloud\" must be an object")]
    [InlineData("{\"guideline\": \"2019.11\", \"target\": \"object\", \"cloud\": {\n\"region\": 2}}", "$.cloud.region", 2, "\"region\" must be a non-empty string or null")]
    [InlineData("{\"guideline\": \"2019.11\", \"target\": \"object\", \"cloud\": {\"region\": \"\"}}", "$.cloud.region", 1, "\"region\" must be a non-empty string or null")]
    [InlineData("{\"guideline\": \"2019.11\",\n\"target\": }", "$", 2, "not valid JSON")]
    public void Bad_input_is_one_error_naming_the_file_path_and_line(string json, string path, int line, string message)
    {
        var result = Parse(json);
        Assert.False(result.Success);
        Assert.Equal(("run/manifest.json", line), (result.Location!.File, result.Location.Line));
        Assert.StartsWith(path, result.Location.JsonPath, StringComparison.Ordinal);
        Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_region_name_the_writer_encodes_is_read_back_exactly()
    {
        // The writer escapes with System.Text.Json (non-ASCII as \uXXXX, quotes, control characters); the reader must undo
        // every escape, or the region sent to the registry would differ from the one certified.
        Gen.String.Where(s => s.Length > 0).Sample(region =>
        {
            var result = Parse(Manifest($$"""{"name": "c", "region": {{JsonSerializer.Serialize(region)}}}"""));
            return result.Success && result.Value!.Region == region;
        }, iter: 2000);
    }

    [Fact]
    public void Arbitrary_bytes_give_a_manifest_or_a_located_error_never_an_exception()
    {
        var valid = Encoding.UTF8.GetBytes(Manifest());
        Gen.Select(Gen.Double[0, 1], Gen.Byte, Gen.Int[0, 2]).Sample((at, value, kind) =>
        {
            var position = (int)(at * (valid.Length - 1));
            var bytes = kind switch
            {
                0 => valid[..position],
                1 => [.. valid[..position], value, .. valid[(position + 1)..]],
                _ => [.. valid[..position], .. valid[(position + 1)..]],
            };
            var result = RunManifest.Parse(bytes, "m.json");
            return result.Success || (result.Location!.File == "m.json" && result.Location.JsonPath.StartsWith('$') && !string.IsNullOrWhiteSpace(result.Error));
        }, iter: 3000);
    }
}
