using System.Text;

namespace Stackmark.OpenStack;

/// <summary>
/// What a test needs an account not to hold before the run: containers whose names fall in a range, account
/// metadata, or more than a few bytes of objects.
/// </summary>
/// <remarks>
/// Container ranges follow Swift's listing order (UTF-8 bytes). Tempest names its containers <c>tempest-b'a'--N</c> …
/// <c>tempest-b'f'--N</c> (Python 3 formats <c>bytes((i,))</c> as <c>b'a'</c>) with a random N, so a bound is a name prefix: <see cref="From"/> forbids names at or after it,
/// <see cref="Through"/> forbids names before it or starting with it, and both together the names between.
/// </remarks>
public sealed record PristineRequirement
{
    private PristineRequirement(string kind) => Kind = kind;

    /// <summary><c>containers</c>, <c>account-metadata</c> or <c>bytes</c>.</summary>
    public string Kind { get; }

    /// <summary>For containers: the lowest forbidden name prefix; null for no lower bound.</summary>
    public string? From { get; private init; }

    /// <summary>For containers: the highest forbidden name prefix; null for no upper bound.</summary>
    public string? Through { get; private init; }

    /// <summary>For bytes: the most the account may hold.</summary>
    public long MaxBytes { get; private init; }

    /// <summary>No container at all.</summary>
    public static PristineRequirement NoContainers { get; } = new("containers");

    /// <summary>No account metadata (<c>X-Account-Meta-*</c>).</summary>
    public static PristineRequirement NoAccountMetadata { get; } = new("account-metadata");

    /// <summary>No container whose name sorts at or after <paramref name="from"/> and before or within <paramref name="through"/>.</summary>
    public static PristineRequirement NoContainersIn(string? from, string? through) => new("containers") { From = from, Through = through };

    /// <summary>
    /// At most <paramref name="bytes"/> bytes of objects (<c>X-Account-Bytes-Used</c>: the account database's figure,
    /// which lags fresh uploads, and the same figure Swift's account quota checks against).
    /// </summary>
    public static PristineRequirement BytesAtMost(long bytes) => new("bytes") { MaxBytes = bytes };

    /// <summary>Whether a container of this name breaks a container requirement.</summary>
    public bool Forbids(string container)
    {
        ArgumentNullException.ThrowIfNull(container);
        return Kind == "containers"
            && (From is null || Utf8Compare(container, From) >= 0)
            && (Through is null || Utf8Compare(container, Through) < 0 || container.StartsWith(Through, StringComparison.Ordinal));
    }

    /// <summary>What in <paramref name="inventory"/> breaks the requirement, for people (<c>containers a, b</c>); null when it is met.</summary>
    public string? UnmetBy(AccountInventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        return Kind switch
        {
            "containers" => Names("containers", inventory.Of(ResourceKind.Container).Select(r => r.Id).Where(Forbids).ToList()),
            "account-metadata" => Names("account metadata", inventory.Of(ResourceKind.AccountMetadata).Select(r => "X-Account-Meta-" + r.Id).ToList()),
            _ => inventory.ObjectStore is { BytesUsed: var used } && used > MaxBytes
                ? $"{used} bytes in {inventory.ObjectStore.ObjectCount} object(s) (at most {MaxBytes} allowed)"
                : null,
        };

        static string? Names(string what, List<string> names) =>
            names.Count == 0 ? null : $"{what} {string.Join(", ", names.Take(10))}{(names.Count > 10 ? $" and {names.Count - 10} more" : string.Empty)}";
    }

    /// <summary>The requirement in words: <c>no containers from tempest-b'a'--… to tempest-b'f'--…</c>.</summary>
    public override string ToString() => Kind switch
    {
        "containers" when From is null && Through is null => "no containers",
        "containers" when From is null => $"no containers up to {Through}…",
        "containers" when Through is null => $"no containers from {From}… on",
        "containers" => $"no containers from {From}… to {Through}…",
        "account-metadata" => "no account metadata",
        _ => $"at most {MaxBytes} bytes of objects",
    };

    // Swift lists names in the order of their UTF-8 bytes.
    private static int Utf8Compare(string a, string b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
}
