namespace Stackmark.Subunit.Tests;

public sealed class TempestTestIdTests
{
    [Theory]
    [InlineData("tempest.api.compute.test_x.T.test_y[id-6f0a4e5b-1c2d-4e3f-8a9b-0c1d2e3f4a5b,smoke]", "tempest.api.compute.test_x.T.test_y", "6f0a4e5b-1c2d-4e3f-8a9b-0c1d2e3f4a5b")]
    [InlineData("tempest.scenario.test_s.T.test_z[compute,id-abc,network]", "tempest.scenario.test_s.T.test_z", "abc")]
    [InlineData("tempest.api.a.T.test_b", "tempest.api.a.T.test_b", null)]
    [InlineData("tempest.api.a.T.test_b[smoke](scenario)", "tempest.api.a.T.test_b(scenario)", null)]
    [InlineData("a[id-1]b[id-2]", "a", "1")]
    [InlineData("a[x]b[id-1]", "a", null)]
    [InlineData("a]b[c", "a]b[c", null)]
    [InlineData("a[id-]", "a", null)]
    [InlineData("a[id-x-y,id-z]", "a", "x-y")]
    public void Parse_splits_name_and_idempotent_id_as_refstack_client_does(string testId, string name, string? uuid) =>
        Assert.Equal(new TempestTestId(name, uuid), TempestTestId.Parse(testId));
}
