namespace Stackmark.OpenStack;

/// <summary>What to remove after a run: exactly what is new, in an order that lets each removal succeed.</summary>
/// <remarks>Pure and stateless.</remarks>
public static class CleanupPlan
{
    /// <summary>
    /// The resources of <paramref name="after"/> whose kind and id are not in <paramref name="before"/>, ordered by
    /// <see cref="ResourceKind"/> (the removal order), then as listed. Nothing that was there before is ever in it,
    /// even when its name changed.
    /// </summary>
    /// <exception cref="ArgumentException">The inventories are of different projects.</exception>
    public static IReadOnlyList<CloudResource> Create(AccountInventory before, AccountInventory after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.Account.ProjectId != after.Account.ProjectId || before.Account.UserName != after.Account.UserName)
        {
            throw new ArgumentException($"inventories of {before.Account} and {after.Account} cannot be compared", nameof(after));
        }

        var existed = before.Resources.Select(r => r.Key).ToHashSet();
        return [.. after.Resources.Where(r => !existed.Contains(r.Key)).DistinctBy(r => r.Key).OrderBy(r => r.Kind)];
    }
}
