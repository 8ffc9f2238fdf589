namespace Stackmark.OpenStack;

/// <summary>One resource an account holds.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Id">Its id within the kind (a name for containers and keypairs, a key for account metadata).</param>
/// <param name="Name">Its name, for people (may equal <paramref name="Id"/> or be empty).</param>
/// <param name="Parent">The resource it hangs from, when removing it needs it (a router interface's router).</param>
/// <remarks>Two resources are the same when kind and id are: <see cref="Key"/>. Names change and repeat; ids do not.</remarks>
public sealed record CloudResource(ResourceKind Kind, string Id, string Name, string? Parent = null)
{
    /// <summary>The identity of the resource: kind and id.</summary>
    public (ResourceKind Kind, string Id) Key => (Kind, Id);

    /// <summary>A short label: <c>server web-1 (3f…)</c>, <c>container photos</c>.</summary>
    public override string ToString() => KindWord + " " + (Name.Length == 0 || Name == Id ? Id : $"{Name} ({Id})");

    /// <summary>The kind as written in reports: <c>server</c>, <c>floating-ip</c>, <c>router-interface</c>, …</summary>
    public string KindWord => string.Concat(Kind.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
