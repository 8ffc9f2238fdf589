using System.Text;
using System.Text.Json.Nodes;
using Stackmark.Tests.Support;

namespace Stackmark.Tests.Guidelines;

/// <summary>Bad input gives a clear error naming the file, JSON path and line; never an exception.</summary>
public sealed class LoaderErrorTests
{
    [Fact]
    public void Text_that_is_not_json_names_the_file_and_line()
    {
        var result = GuidelineLoader.Load("{\n  \"metadata\": {\n    \"id\": \"x\",,\n  }\n}", "broken.json");
        Assert.False(result.Success);
        Assert.StartsWith("not valid JSON", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(("broken.json", 3), (result.Error.Location.File, result.Error.Location.Line));
    }

    [Fact]
    public void An_unknown_schema_is_refused_at_its_path()
    {
        var json = Some.V2();
        json["metadata"]!["schema"] = "3.1";
        var result = Some.Load(json);
        Assert.Contains("unknown schema \"3.1\"", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal("$.metadata.schema", result.Error.Location.JsonPath);
        Assert.Equal(4, result.Error.Location.Line);
    }

    [Fact]
    public void A_missing_components_section_is_an_error()
    {
        var json = Some.V2();
        json.Remove("components");
        var result = Some.Load(json);
        Assert.Equal("missing required key \"components\"", result.Error!.Message);
        Assert.Equal("$", result.Error.Location.JsonPath);
    }

    [Fact]
    public void A_wrong_type_names_the_json_path()
    {
        var json = Some.V2();
        json["capabilities"]!["compute-flavors-list"]!["admin"] = "no";
        var result = Some.Load(json);
        Assert.Equal("\"admin\" must be true or false, found string", result.Error!.Message);
        Assert.Equal("$.capabilities[\"compute-flavors-list\"].admin", result.Error.Location.JsonPath);
    }

    [Fact]
    public void A_2_0_capability_with_a_name_list_for_tests_is_an_error()
    {
        var json = Some.V2();
        json["capabilities"]!["compute-flavors-list"]!["tests"] = new JsonArray("a.b.c");
        var result = Some.Load(json);
        Assert.Contains("schema 1.2", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal("$.capabilities[\"compute-flavors-list\"].tests", result.Error.Location.JsonPath);
    }

    [Fact]
    public void A_program_naming_an_undefined_component_is_an_error()
    {
        var json = Some.V2();
        json["platforms"]!["OpenStack Powered Compute"]!["components"]![0]!["name"] = "os_powered_nothing";
        var result = Some.Load(json);
        Assert.Contains("os_powered_nothing", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_that_is_not_an_object_is_an_error()
    {
        Assert.Equal("expected an object, found array", GuidelineLoader.Load("[1,2]", "x.json").Error!.Message);
        Assert.False(GuidelineLoader.Load("", "empty.json").Success);
        Assert.False(GuidelineLoader.Load(Encoding.UTF8.GetBytes("\u00ff\u00fe"), "bom.json").Success);
    }

    [Fact]
    public void A_file_whose_name_and_id_say_nothing_of_its_version_is_refused()
    {
        var json = Some.V2();
        json["metadata"]!["id"] = "whatever";
        var result = Some.Load(json, "sample.json");
        Assert.Contains("cannot tell which guideline", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_input_is_refused_not_a_stack_overflow()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);
        Assert.False(GuidelineLoader.Load(deep, "deep.json").Success);
    }
}
