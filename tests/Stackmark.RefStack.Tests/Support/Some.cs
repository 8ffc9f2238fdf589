namespace Stackmark.RefStack.Tests.Support;

/// <summary>Object mother for results documents.</summary>
internal static class Some
{
    public static RefStackResults Results() => new(
        "2a3b4c5d-0000-4000-8000-000000000001",
        4711,
        [
            TestOutcome.Passed(
                "tempest.api.compute.flavors.test_flavors.FlavorsV2TestJSON.test_list_flavors",
                IdempotentId.Parse("e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59")),
            TestOutcome.Passed("tempest.api.identity.v3.test_x.T.test_y"),
        ]);
}
