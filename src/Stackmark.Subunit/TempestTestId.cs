namespace Stackmark.Subunit;

/// <summary>A Tempest test id split the way refstack-client splits it: a name and an optional idempotent id.</summary>
/// <remarks>
/// <para>
/// Tempest ids look like <c>pkg.Class.test[attr,id-uuid,smoke](scenario)</c>. As refstack-client's
/// <c>subunit_processor.py</c> does (see docs notes refstack-wire.md §1): <see cref="Name"/> is the id with
/// <c>re.sub(r'\[.*\]', '', id)</c> applied, i.e. everything from the first <c>[</c> to the last <c>]</c> removed
/// (greedy, so a <c>(scenario)</c> suffix stays); <see cref="IdempotentId"/> is the first attribute of the first
/// bracket group starting with <c>id-</c>, prefix stripped, or null when there is none or it is empty. Nothing is validated.
/// </para>
/// <para>Equality is by value. The default value has null strings.</para>
/// </remarks>
/// <param name="Name">The test name without attributes.</param>
/// <param name="IdempotentId">The UUID from the <c>id-</c> attribute, or null.</param>
public readonly record struct TempestTestId(string Name, string? IdempotentId)
{
    /// <summary>Splits a subunit test id.</summary>
    /// <param name="testId">The full test id.</param>
    /// <returns>The name and idempotent id.</returns>
    public static TempestTestId Parse(string testId)
    {
        ArgumentNullException.ThrowIfNull(testId);
        var open = testId.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return new TempestTestId(testId, null);
        }

        var close = testId.LastIndexOf(']');
        var name = close > open ? string.Concat(testId.AsSpan(0, open), testId.AsSpan(close + 1)) : testId;
        return new TempestTestId(name, FindIdempotentId(testId.AsSpan(open + 1)));

        // refstack-client: test.split('[')[1].split(']')[0].split(','), first attr starting "id-", minus "id-".
        static string? FindIdempotentId(ReadOnlySpan<char> rest)
        {
            var nextOpen = rest.IndexOf('[');
            if (nextOpen >= 0)
            {
                rest = rest[..nextOpen];
            }

            var firstClose = rest.IndexOf(']');
            if (firstClose >= 0)
            {
                rest = rest[..firstClose];
            }

            foreach (var range in rest.Split(','))
            {
                var attribute = rest[range];
                if (attribute.StartsWith("id-", StringComparison.Ordinal))
                {
                    // refstack-client only sends a uuid when it is non-empty ("if uuid:").
                    return attribute.Length > 3 ? attribute[3..].ToString() : null;
                }
            }

            return null;
        }
    }
}
