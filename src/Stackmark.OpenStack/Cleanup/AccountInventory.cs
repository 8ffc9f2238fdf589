namespace Stackmark.OpenStack;

/// <summary>What one account holds at one moment, listed with its own token.</summary>
/// <param name="Account">Whose.</param>
/// <param name="Resources">Every resource found, of every kind that could be listed.</param>
/// <param name="ObjectStore">The Swift account's counters and metadata keys; null without Swift or when they could not be read.</param>
/// <param name="Failures">The listings that failed, one line each (<c>compute servers: …</c>); empty when the inventory is complete.</param>
/// <remarks>
/// An incomplete inventory taken <em>before</em> a run allows no cleanup of that account: what could not be listed
/// cannot be told apart from what the run made.
/// </remarks>
public sealed record AccountInventory(InventoryAccount Account, IReadOnlyList<CloudResource> Resources, SwiftAccount? ObjectStore, IReadOnlyList<string> Failures)
{
    /// <summary>Every listing answered.</summary>
    public bool IsComplete => Failures.Count == 0;

    /// <summary>The resources of one kind.</summary>
    public IEnumerable<CloudResource> Of(ResourceKind kind) => Resources.Where(r => r.Kind == kind);
}
