namespace Stackmark;

/// <summary>
/// A Tempest test's idempotent id: the UUID from its <c>@decorators.idempotent_id</c>, the stable key of a test
/// across renames.
/// </summary>
/// <remarks>
/// Guideline files write it as <c>id-&lt;uuid&gt;</c> (core files) or as a bare UUID (add-ons), in either case;
/// both parse to the same value, held as a lowercase hyphenated UUID. Equality is by that value. The default
/// value is the nil UUID. Immutable and thread-safe.
/// </remarks>
public readonly record struct IdempotentId : IComparable<IdempotentId>
{
    private readonly Guid _value;

    private IdempotentId(Guid value) => _value = value;

    /// <summary>The UUID as Tempest prints it after <c>id-</c>: lowercase, hyphenated.</summary>
    public override string ToString() => _value.ToString("D");

    /// <summary>The form Tempest uses in test attributes: <c>id-&lt;uuid&gt;</c>.</summary>
    public string ToAttribute() => "id-" + ToString();

    /// <summary>Parses <c>id-&lt;uuid&gt;</c> or a bare UUID, any case.</summary>
    /// <exception cref="FormatException">The text is not a UUID with or without the <c>id-</c> prefix.</exception>
    public static IdempotentId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not an idempotent id (id-<uuid> or <uuid>).");

    /// <summary>Parses <c>id-&lt;uuid&gt;</c> or a bare hyphenated UUID, any case; false on anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IdempotentId id)
    {
        text = text.Trim();
        if (text.StartsWith("id-", StringComparison.OrdinalIgnoreCase))
        {
            text = text[3..];
        }

        if (text.Length == 36 && Guid.TryParseExact(text, "D", out var guid))
        {
            id = new IdempotentId(guid);
            return true;
        }

        id = default;
        return false;
    }

    /// <inheritdoc />
    public int CompareTo(IdempotentId other) => string.CompareOrdinal(ToString(), other.ToString());
}
