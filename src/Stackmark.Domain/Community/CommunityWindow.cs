namespace Stackmark;

/// <summary>The time window community data is computed over: results uploaded from <paramref name="From"/> to <paramref name="To"/>, both inclusive.</summary>
/// <param name="From">The earliest upload time counted, or null for no lower bound.</param>
/// <param name="To">The latest upload time counted, or null for no upper bound.</param>
public sealed record CommunityWindow(DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    /// <summary>Every result, whenever uploaded.</summary>
    public static CommunityWindow All { get; } = new();

    /// <summary>Whether <paramref name="at"/> lies in the window.</summary>
    public bool Contains(DateTimeOffset at) => (From is not { } f || at >= f) && (To is not { } t || at <= t);
}
