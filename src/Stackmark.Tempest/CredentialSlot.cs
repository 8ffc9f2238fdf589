namespace Stackmark.Tempest;

/// <summary>
/// One set of credentials a Tempest test class holds while it runs: <c>primary</c>, <c>alt</c>, <c>admin</c>, or a
/// named role list such as <c>['reseller', CONF.object_storage.reseller_admin_role]</c> with its options resolved.
/// </summary>
/// <remarks>
/// Pre-provisioned credentials (tempest/lib/common/preprov_creds.py) serve a slot with an account that has every one
/// of <see cref="Roles"/> (on <see cref="Scope"/>), and never with an admin-role account unless the admin role is
/// asked for. Immutable.
/// </remarks>
/// <param name="Name">The credential type or the role list's name, as the test class writes it.</param>
/// <param name="Roles">The roles the account must hold; empty for primary and alt (any non-admin account).</param>
/// <param name="Scope">Where the roles must be held.</param>
public sealed record CredentialSlot(string Name, IReadOnlyList<string> Roles, CredentialScope Scope)
{
    /// <summary>
    /// Whether pre-provisioned credentials cannot serve this type at all (e.g. <c>alt_admin</c>, which the provider
    /// lacks): the class can only run with dynamic credentials.
    /// </summary>
    public bool Unsupported { get; init; }

    /// <summary>Why the slot exists when it is not in the class's <c>credentials</c> (e.g. <c>force_tenant_isolation</c>).</summary>
    public string? Reason { get; init; }

    /// <summary>Equality by value, roles included.</summary>
    public bool Equals(CredentialSlot? other) =>
        other is not null && Name == other.Name && Scope == other.Scope && Unsupported == other.Unsupported && Reason == other.Reason
        && Roles.SequenceEqual(other.Roles, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Scope, Unsupported, Reason, Roles.Count);

    /// <inheritdoc />
    public override string ToString() => Roles.Count == 0 ? Name : $"{Name} ({string.Join(", ", Roles)}{(Scope == CredentialScope.Any ? "" : $" on a {Scope.ToString().ToLowerInvariant()}")})";
}
