using System.Text;
using Stackmark.RefStack.Tests.Support;

namespace Stackmark.RefStack.Tests.Json;

public sealed class RefStackJsonTests(PythonJson python) : IClassFixture<PythonJson>
{
    private static readonly RefStackResults Awkward = new(
        "clöud \"quoted\" \\ back",
        0,
        [
            TestOutcome.Passed("tempest.é.中.test_😀", IdempotentId.Parse("ID-E36C0EAA-DFF5-4082-AD1F-3F9A80AA3F59")),
            TestOutcome.Passed("ctl\u0000\u0001\b\t\n\f\r\u001f\u007f\u0080 end"),
            TestOutcome.Passed("slash/ \u2028 \ufeff lone\ud800 \udfff"),
        ]);

    [Fact]
    public void Body_uses_python_default_separators_and_key_order()
    {
        var body = Encoding.ASCII.GetString(RefStackJson.Serialize(Some.Results()));

        Assert.Equal(
            "{\"cpid\": \"2a3b4c5d-0000-4000-8000-000000000001\", \"duration_seconds\": 4711, \"results\": ["
            + "{\"name\": \"tempest.api.compute.flavors.test_flavors.FlavorsV2TestJSON.test_list_flavors\", \"uuid\": \"e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59\"}, "
            + "{\"name\": \"tempest.api.identity.v3.test_x.T.test_y\"}]}",
            body);
    }

    [Fact]
    public void Non_ascii_controls_quotes_and_backslashes_are_escaped_as_python_does()
    {
        var body = Encoding.ASCII.GetString(RefStackJson.Serialize(Awkward));

        Assert.Equal(
            "{\"cpid\": \"cl\\u00f6ud \\\"quoted\\\" \\\\ back\", \"duration_seconds\": 0, \"results\": ["
            + "{\"name\": \"tempest.\\u00e9.\\u4e2d.test_\\ud83d\\ude00\", \"uuid\": \"e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59\"}, "
            + "{\"name\": \"ctl\\u0000\\u0001\\b\\t\\n\\f\\r\\u001f\\u007f\\u0080 end\"}, "
            + "{\"name\": \"slash/ \\u2028 \\ufeff lone\\ud800 \\udfff\"}]}",
            body);
    }

    [Fact]
    public void Body_is_pure_ascii()
    {
        Assert.All(RefStackJson.Serialize(Awkward), b => Assert.InRange(b, (byte)0x20, (byte)0x7e));
    }

    [Fact]
    public void Empty_results_serialise_as_an_empty_list()
    {
        var body = Encoding.ASCII.GetString(RefStackJson.Serialize(new RefStackResults("c", 1, [])));

        Assert.Equal("{\"cpid\": \"c\", \"duration_seconds\": 1, \"results\": []}", body);
    }

    [SkippableFact]
    public void Body_matches_python_json_dumps_byte_for_byte()
    {
        Assert.Equal(python.Dumps(Some.Results()), RefStackJson.Serialize(Some.Results()));
        Assert.Equal(python.Dumps(Awkward), RefStackJson.Serialize(Awkward));
    }
}
