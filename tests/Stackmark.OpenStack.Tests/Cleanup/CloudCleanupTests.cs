using System.Net;
using System.Text.Json.Nodes;
using Stackmark.OpenStack.Tests.Support;

namespace Stackmark.OpenStack.Tests.Cleanup;

/// <summary>Cleanup over a stub transport, for the services no devcloud profile has (Heat, Designate) and the error paths.</summary>
public sealed class CloudCleanupTests
{
    private const string Heat = "http://heat.test:8004/v1/p1";
    private const string Dns = "http://dns.test:9001/";
    private static readonly InventoryAccount Demo = new("demo", "demo", "p1");

    // The sample token with a catalog of Heat and Designate only.
    private static StubHandler Cloud()
    {
        var token = JsonNode.Parse(Fixture.Read("samples/token-v3.json"))!;
        token["token"]!["catalog"] = JsonNode.Parse($$"""
            [{"id": "h", "type": "orchestration", "name": "heat", "endpoints": [{"id": "e1", "interface": "public", "region_id": "RegionOne", "url": "{{Heat}}"}]},
             {"id": "d", "type": "dns", "name": "designate", "endpoints": [{"id": "e2", "interface": "public", "region_id": "RegionOne", "url": "{{Dns}}"}]}]
            """);
        return new StubHandler()
            .On("POST", "http://keystone.test:5000/v3/auth/tokens", _ => StubHandler.Json(HttpStatusCode.Created, token.ToJsonString(), ("X-Subject-Token", "tok")))
            .OnJson("GET", $"{Heat}/stacks", HttpStatusCode.OK, """{"stacks": [{"id": "s0", "stack_name": "old", "stack_status": "CREATE_COMPLETE"}, {"id": "s1", "stack_name": "web", "stack_status": "CREATE_FAILED"}]}""")
            .OnJson("GET", $"{Dns}v2/zones", HttpStatusCode.OK, """{"zones": [{"id": "z0", "name": "kept.org.", "status": "ACTIVE"}, {"id": "z1", "name": "made.org.", "status": "ACTIVE"}]}""");
    }

    private static AccountInventory Before(params string[] failures) => new(Demo,
        [new CloudResource(ResourceKind.Stack, "old/s0", "old"), new CloudResource(ResourceKind.Zone, "z0", "kept.org.")], null, failures);

    [Fact]
    public async Task Stacks_then_zones_that_are_new_are_deleted_and_waited_for_and_old_ones_are_not_touched()
    {
        var polls = 0;
        var stub = Cloud()
            .On("DELETE", $"{Heat}/stacks/web/s1", _ => new HttpResponseMessage(HttpStatusCode.NoContent))
            .On("GET", $"{Heat}/stacks/web/s1", _ => ++polls < 2
                ? StubHandler.Json(HttpStatusCode.OK, """{"stack": {"stack_status": "DELETE_IN_PROGRESS"}}""")
                : StubHandler.Json(HttpStatusCode.OK, """{"stack": {"stack_status": "DELETE_COMPLETE"}}"""))
            .On("DELETE", $"{Dns}v2/zones/z1", _ => StubHandler.Json(HttpStatusCode.Accepted, """{"id": "z1", "status": "PENDING"}"""));
        using var connection = OpenStackConnection.Open(Some.Cloud(), stub);

        var result = await CloudCleanup.RemoveNewAsync(connection, Before(), TimeSpan.FromSeconds(30));

        Assert.True(result.IsClean, string.Join("; ", result.NotRemoved));
        Assert.Equal(["stack web (web/s1)", "zone made.org. (z1)"], result.Removed.Select(r => r.ToString()));
        var deletes = stub.Sent.Where(s => s.Request.Method == HttpMethod.Delete).Select(s => s.Request.RequestUri!.AbsoluteUri).ToList();
        Assert.Equal([$"{Heat}/stacks/web/s1", $"{Dns}v2/zones/z1"], deletes);
        Assert.Equal(2, polls);
    }

    [Fact]
    public async Task A_deletion_that_fails_is_reported_with_the_services_answer_and_the_rest_goes_on()
    {
        var stub = Cloud()
            .OnJson("DELETE", $"{Heat}/stacks/web/s1", HttpStatusCode.Forbidden, """{"error": {"message": "You are not authorized"}}""")
            .On("DELETE", $"{Dns}v2/zones/z1", _ => new HttpResponseMessage(HttpStatusCode.Accepted));
        using var connection = OpenStackConnection.Open(Some.Cloud(), stub);

        var result = await CloudCleanup.RemoveNewAsync(connection, Before(), TimeSpan.FromSeconds(30));

        var failure = Assert.Single(result.NotRemoved);
        Assert.Equal("stack web (web/s1)", failure.Resource.ToString());
        Assert.Contains("403", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("not authorized", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(["zone made.org. (z1)"], result.Removed.Select(r => r.ToString()));
    }

    [Fact]
    public async Task A_deletion_stuck_past_the_limit_is_reported_not_waited_for_forever()
    {
        var stub = Cloud()
            .On("DELETE", $"{Heat}/stacks/web/s1", _ => new HttpResponseMessage(HttpStatusCode.NoContent))
            .OnJson("GET", $"{Heat}/stacks/web/s1", HttpStatusCode.OK, """{"stack": {"stack_status": "DELETE_IN_PROGRESS"}}""")
            .On("DELETE", $"{Dns}v2/zones/z1", _ => new HttpResponseMessage(HttpStatusCode.Accepted));
        using var connection = OpenStackConnection.Open(Some.Cloud(), stub);

        var result = await CloudCleanup.RemoveNewAsync(connection, Before(), TimeSpan.FromSeconds(3));

        Assert.Contains(result.NotRemoved, f => f.Resource.Kind == ResourceKind.Stack && f.Reason.Contains("limit of 3 s", StringComparison.Ordinal));
        Assert.Contains(result.NotRemoved, f => f.Resource.Kind == ResourceKind.Zone && f.Reason.StartsWith("not attempted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_incomplete_inventory_before_the_run_sends_no_request_at_all()
    {
        var stub = Cloud();
        using var connection = OpenStackConnection.Open(Some.Cloud(), stub);

        var result = await CloudCleanup.RemoveNewAsync(connection, Before("dns zones: 503 Service Unavailable"), TimeSpan.FromSeconds(30));

        Assert.Contains("dns zones: 503", result.SkippedBecause, StringComparison.Ordinal);
        Assert.Empty(stub.Sent);
    }

    [Fact]
    public async Task A_listing_that_fails_is_recorded_and_the_others_are_taken()
    {
        var stub = Cloud().OnJson("GET", $"{Dns}v2/zones", HttpStatusCode.ServiceUnavailable, """{"message": "down"}""");
        using var connection = OpenStackConnection.Open(Some.Cloud(), stub);

        var inventory = await CloudInventory.TakeAsync(connection);

        Assert.False(inventory.IsComplete);
        Assert.Contains("dns zones: ", Assert.Single(inventory.Failures), StringComparison.Ordinal);
        Assert.Equal(["old/s0", "web/s1"], inventory.Of(ResourceKind.Stack).Select(r => r.Id));
        Assert.Equal(Demo, inventory.Account);
    }
}
