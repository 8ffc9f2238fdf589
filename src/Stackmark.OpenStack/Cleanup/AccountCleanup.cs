namespace Stackmark.OpenStack;

/// <summary>What cleaning up one account after a run did.</summary>
/// <param name="Account">Whose.</param>
/// <param name="Removed">What the run made and was removed.</param>
/// <param name="NotRemoved">What the run made and is still there, with the reason.</param>
/// <param name="NotListed">Listings that failed after the run: what they would have shown may remain (one line each).</param>
/// <param name="SkippedBecause">Why nothing was attempted (an incomplete inventory before the run); null when it was.</param>
public sealed record AccountCleanup(
    InventoryAccount Account,
    IReadOnlyList<CloudResource> Removed,
    IReadOnlyList<CleanupFailure> NotRemoved,
    IReadOnlyList<string> NotListed,
    string? SkippedBecause = null)
{
    /// <summary>Nothing was attempted, for <paramref name="reason"/>.</summary>
    public static AccountCleanup Skipped(InventoryAccount account, string reason) => new(account, [], [], [], reason);

    /// <summary>The account is as it was found (as far as its listings show).</summary>
    public bool IsClean => SkippedBecause is null && NotRemoved.Count == 0 && NotListed.Count == 0;
}
