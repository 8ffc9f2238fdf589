namespace Stackmark.OpenStack;

/// <summary>A user override of one tempest.conf option, written <c>section.key=value</c>.</summary>
/// <remarks>
/// The section is everything before the <em>last</em> dot preceding <c>=</c> (section names may hold dashes, keys
/// hold no dots). Value equality. Overrides win over every other source.
/// </remarks>
/// <param name="Section">Section, e.g. <c>compute-feature-enabled</c>.</param>
/// <param name="Key">Key, e.g. <c>resize</c>.</param>
/// <param name="Value">Value (may be empty).</param>
public readonly record struct ConfigOverride(string Section, string Key, string Value)
{
    /// <summary>Parses <c>section.key=value</c>.</summary>
    /// <exception cref="FormatException">Not of that form.</exception>
    public static ConfigOverride Parse(string text) =>
        TryParse(text, out var result) ? result : throw new FormatException($"Override '{text}' is not of the form section.key=value.");

    /// <summary>Parses <c>section.key=value</c>; false if malformed.</summary>
    public static bool TryParse(string? text, out ConfigOverride result)
    {
        result = default;
        var equals = text?.IndexOf('=', StringComparison.Ordinal) ?? -1;
        if (text is null || equals <= 0)
        {
            return false;
        }

        var name = text[..equals].Trim();
        var dot = name.LastIndexOf('.');
        if (dot <= 0 || dot == name.Length - 1)
        {
            return false;
        }

        result = new ConfigOverride(name[..dot], name[(dot + 1)..], text[(equals + 1)..].Trim());
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Section}.{Key}={Value}";
}
