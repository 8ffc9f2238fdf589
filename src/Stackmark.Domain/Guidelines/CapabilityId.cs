namespace Stackmark;

/// <summary>The name of a capability, e.g. <c>compute-flavors-list</c>.</summary>
/// <remarks>Compared ordinally. The default value has a null name and is never produced by the loader.</remarks>
public readonly record struct CapabilityId(string Value) : IComparable<CapabilityId>
{
    /// <inheritdoc />
    public override string ToString() => Value;

    /// <inheritdoc />
    public int CompareTo(CapabilityId other) => string.CompareOrdinal(Value, other.Value);
}
