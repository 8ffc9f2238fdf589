using System.Globalization;

namespace Stackmark;

/// <summary>
/// Which approved guidelines count as in force: all of them (<c>status</c>, the files' own word), or only the
/// <see cref="MostRecentApproved"/> newest of each kind (<c>recent:N</c>; the Foundation's interop policy has long been
/// "the two most recently approved guidelines").
/// </summary>
/// <remarks>
/// The default value is the status policy. Equality is by <see cref="MostRecentApproved"/>. Written and parsed as
/// <c>status</c> or <c>recent:N</c> (N ≥ 1), the form the CLI's <c>--in-force-policy</c> and the registry's
/// <c>Registry:InForcePolicy</c> take.
/// </remarks>
public readonly record struct InForcePolicy
{
    private InForcePolicy(int? mostRecentApproved) => MostRecentApproved = mostRecentApproved;

    /// <summary>The default: every guideline whose file says approved (and is dated no later than the day judged).</summary>
    public static InForcePolicy Status => default;

    /// <summary>How many of the most recent approved guidelines of a kind are in force; null: all of them.</summary>
    public int? MostRecentApproved { get; }

    /// <summary>Only the <paramref name="count"/> most recent approved guidelines of each kind.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public static InForcePolicy Recent(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new InForcePolicy(count);
    }

    /// <summary>Parses <c>status</c> or <c>recent:N</c> (any case, N ≥ 1).</summary>
    /// <exception cref="FormatException">Not of that form.</exception>
    public static InForcePolicy Parse(string text) =>
        TryParse(text, out var policy) ? policy : throw new FormatException($"'{text}' is not an in-force policy (status, or recent:N with N ≥ 1).");

    /// <summary>Parses <c>status</c> or <c>recent:N</c>; false when the text is neither.</summary>
    public static bool TryParse(string? text, out InForcePolicy policy)
    {
        policy = Status;
        var t = text?.Trim() ?? "";
        if (t.Equals("status", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        const string prefix = "recent:";
        if (t.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && int.TryParse(t.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1)
        {
            policy = new InForcePolicy(n);
            return true;
        }

        return false;
    }

    /// <summary>What the policy admits, for reasons: "approved (its own status)" or "the 2 most recent approved".</summary>
    public string Describe() => MostRecentApproved is { } n
        ? $"the {n} most recent approved (policy {this})"
        : "approved (its own status)";

    /// <inheritdoc />
    public override string ToString() => MostRecentApproved is { } n ? $"recent:{n.ToString(CultureInfo.InvariantCulture)}" : "status";
}
