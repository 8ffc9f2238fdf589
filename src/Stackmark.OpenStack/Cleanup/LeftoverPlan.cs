namespace Stackmark.OpenStack;

/// <summary>
/// What Tempest left in an account, told by name: Tempest names what it makes <c>{prefix}-{name}-{number}</c>
/// (<c>data_utils.rand_name</c>, prefix <c>tempest</c>), so a resource whose name starts with <c>tempest-</c> is
/// Tempest's, and so is what hangs from it (a router's interfaces).
/// </summary>
/// <remarks>
/// Pure and stateless. For accounts whose run could not clean up after itself; a run that can compares
/// inventories instead (<see cref="CleanupPlan"/>), which also finds what Tempest left unnamed (floating IPs,
/// account metadata), and this plan never does.
/// </remarks>
public static class LeftoverPlan
{
    /// <summary>The prefix Tempest 33's <c>rand_name</c> puts before every name it makes.</summary>
    public const string TempestPrefix = "tempest";

    /// <summary>
    /// The resources of <paramref name="inventory"/> named <c>{prefix}-…</c>, with the resources that hang from
    /// them, ordered by <see cref="ResourceKind"/> (the removal order), then as listed.
    /// </summary>
    public static IReadOnlyList<CloudResource> Create(AccountInventory inventory, string prefix = TempestPrefix)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var lead = prefix + "-";
        var named = inventory.Resources.Where(r => r.Name.StartsWith(lead, StringComparison.Ordinal)).ToList();
        var parents = named.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var hanging = inventory.Resources.Where(r => r.Parent is { } parent && parents.Contains(parent));
        return [.. named.Concat(hanging).DistinctBy(r => r.Key).OrderBy(r => r.Kind)];
    }
}
