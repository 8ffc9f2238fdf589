namespace Stackmark;

/// <summary>
/// Which guideline a file is: a version (<c>2020.06</c>, or <c>next</c> for the draft) and, for add-ons, the
/// add-on's name (<c>dns.2020.06</c>).
/// </summary>
/// <remarks>
/// This is the file's identity (its name without <c>.json</c>), not the <c>id</c> written inside it, which the
/// official data sometimes gets wrong (orchestration.2018.02 says "orchestration.next"). Ordered by add-on, then
/// version, with <c>next</c> after every dated version. The default value is invalid.
/// </remarks>
public readonly record struct GuidelineId : IComparable<GuidelineId>
{
    private GuidelineId(string? addOn, string version)
    {
        AddOn = addOn;
        Version = version;
    }

    /// <summary>The add-on's name (dns, orchestration), or null for a core guideline.</summary>
    public string? AddOn { get; }

    /// <summary>The version: <c>YYYY.MM</c> or <c>next</c>.</summary>
    public string Version { get; }

    /// <summary>Whether this is the draft (<c>next</c>).</summary>
    public bool IsNext => Version == "next";

    /// <summary>The core guideline of the same version (itself, for a core id).</summary>
    public GuidelineId Core => new(null, Version);

    /// <summary>The same version of an add-on.</summary>
    public GuidelineId WithAddOn(string addOn) => new(addOn, Version);

    /// <inheritdoc />
    public override string ToString() => AddOn is null ? Version : AddOn + "." + Version;

    /// <summary>Parses <c>2020.06</c>, <c>next</c>, <c>dns.2020.06</c>, optionally ending in <c>.json</c>.</summary>
    /// <exception cref="FormatException">Not of that form.</exception>
    public static GuidelineId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a guideline version (YYYY.MM, next, or ADDON.YYYY.MM).");

    /// <summary>Parses a guideline id; false when the text is not of the form above.</summary>
    public static bool TryParse(string? text, out GuidelineId id)
    {
        id = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        if (t.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            t = t[..^5];
        }

        string? addOn = null;
        var version = t;
        if (!IsVersion(t))
        {
            var dot = t.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || !IsVersion(t[(dot + 1)..]) || !t[..dot].All(c => char.IsAsciiLetterLower(c) || c == '_' || c == '-'))
            {
                return false;
            }

            addOn = t[..dot];
            version = t[(dot + 1)..];
        }

        id = new GuidelineId(addOn, version);
        return true;
    }

    private static bool IsVersion(string s) =>
        s == "next" || (s.Length == 7 && s[4] == '.' && s[..4].All(char.IsAsciiDigit) && s[5..].All(char.IsAsciiDigit));

    /// <inheritdoc />
    public int CompareTo(GuidelineId other)
    {
        var byAddOn = string.CompareOrdinal(AddOn, other.AddOn);
        if (byAddOn != 0)
        {
            return byAddOn;
        }

        // "next" sorts after any dated version ('n' > '2' already, but say so).
        return (IsNext, other.IsNext) switch
        {
            (true, false) => 1,
            (false, true) => -1,
            _ => string.CompareOrdinal(Version, other.Version),
        };
    }
}
