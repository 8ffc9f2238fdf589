namespace Stackmark;

/// <summary>
/// A Tempest test's dotted name without attributes, e.g.
/// <c>tempest.api.compute.flavors.test_flavors.FlavorsV2TestJSON.test_list_flavors</c>.
/// </summary>
/// <remarks>Compared ordinally (as Python sorts strings). The default value has a null name.</remarks>
public readonly record struct TestName(string Value) : IComparable<TestName>
{
    /// <summary>
    /// Splits a Tempest test id (<c>name[attr,id-uuid,…](scenario)</c>) into its name and idempotent id,
    /// as refstack-client does: the name drops the first bracketed attribute list; the id is the first
    /// <c>id-</c> attribute, if any.
    /// </summary>
    public static (TestName Name, IdempotentId? Id) FromTempestId(string testId)
    {
        var open = testId.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return (new TestName(testId), null);
        }

        // refstack-client strips with a greedy regex: up to the last ']'.
        var close = testId.LastIndexOf(']');
        if (close < open)
        {
            return (new TestName(testId), null);
        }

        IdempotentId? id = null;
        var attrs = testId.AsSpan(open + 1, close - open - 1);
        foreach (var range in attrs.Split(','))
        {
            var a = attrs[range].Trim();
            if (a.StartsWith("id-", StringComparison.Ordinal) && IdempotentId.TryParse(a, out var parsed))
            {
                id = parsed;
                break;
            }
        }

        return (new TestName(string.Concat(testId.AsSpan(0, open), testId.AsSpan(close + 1))), id);
    }

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <inheritdoc />
    public int CompareTo(TestName other) => string.CompareOrdinal(Value, other.Value);
}
