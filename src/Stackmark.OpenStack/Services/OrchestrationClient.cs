namespace Stackmark.OpenStack;

/// <summary>Heat (orchestration) client: the project's stacks and their removal. Errors: see <see cref="ServiceClientBase"/>.</summary>
public sealed class OrchestrationClient : ServiceClientBase
{
    /// <summary>Creates the client on the orchestration endpoint (e.g. <c>http://host:8004/v1/&lt;project&gt;</c>).</summary>
    public OrchestrationClient(HttpClient http, Uri endpoint)
        : base(http, endpoint)
    {
    }

    /// <summary>
    /// Lists the project's stacks (not those deleted): GET /stacks. The id is <c>{stack_name}/{id}</c>, the path of the stack.
    /// https://docs.openstack.org/api-ref/orchestration/v1/#list-stacks
    /// </summary>
    public async Task<IReadOnlyList<OwnedResource>> ListStacksAsync(CancellationToken ct = default)
    {
        using var doc = await GetAsync("stacks", ct).ConfigureAwait(false);
        return [.. doc.RootElement.Prop("stacks").Items().Select(s => new OwnedResource(
            $"{s.Str("stack_name")}/{s.Str("id")}", s.Str("stack_name") ?? string.Empty, s.Str("stack_status")))];
    }

    /// <summary>
    /// A stack's status, or null once it is gone (or <c>DELETE_COMPLETE</c>): GET /stacks/{name}/{id}.
    /// https://docs.openstack.org/api-ref/orchestration/v1/#show-stack-details
    /// </summary>
    public async Task<string?> GetStackStatusAsync(string path, CancellationToken ct = default)
    {
        using var doc = await GetOrNullAsync(EndpointUrls.Append(Endpoint, "stacks/" + path), ct).ConfigureAwait(false);
        return doc?.RootElement.Prop("stack").Str("stack_status") is { } status && status != "DELETE_COMPLETE" ? status : null;
    }

    /// <summary>
    /// Deletes a stack and what it made (asynchronous): DELETE /stacks/{name}/{id}.
    /// https://docs.openstack.org/api-ref/orchestration/v1/#delete-stack
    /// </summary>
    public Task<bool> DeleteStackAsync(string path, CancellationToken ct = default) => DeleteAsync(EndpointUrls.Append(Endpoint, "stacks/" + path), ct);
}
