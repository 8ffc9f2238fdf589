namespace Stackmark;

/// <summary>
/// Which tests of a guideline to list: RefStack's <c>/v1/guidelines/{v}/tests</c> parameters.
/// </summary>
/// <param name="Target">The program's key: platform (default), compute, object, dns, orchestration.</param>
/// <param name="Statuses">Capability statuses to include (default: all four).</param>
/// <param name="IncludeFlagged">Whether flagged tests are listed (default true).</param>
/// <param name="IncludeAliases">Whether each alias gets a line of its own (default true).</param>
public sealed record TestListQuery(
    string Target = "platform",
    IReadOnlyList<CapabilityStatus>? Statuses = null,
    bool IncludeFlagged = true,
    bool IncludeAliases = true)
{
    /// <summary>The statuses in effect.</summary>
    public IReadOnlyList<CapabilityStatus> EffectiveStatuses => Statuses is { Count: > 0 } s ? s : CapabilityStatuses.All;
}
