using Stackmark.Tempest;

namespace Stackmark.Runner;

/// <summary>A pre-provisioned account as the planner sees it: a label and the roles its own token carries.</summary>
/// <remarks>Immutable; equality by label, scope and roles.</remarks>
/// <param name="Name">A label for messages (<c>user@project</c>); never a secret.</param>
/// <param name="Roles">The roles on its scope, as Keystone listed them in its token.</param>
/// <param name="Scope">Where it is scoped (accounts.yaml: <c>project_name</c>, <c>domain_name</c> or <c>system</c>).</param>
public sealed record PlannerAccount(string Name, IReadOnlyList<string> Roles, CredentialScope Scope = CredentialScope.Project)
{
    /// <summary>Equality by value, roles included.</summary>
    public bool Equals(PlannerAccount? other) =>
        other is not null && Name == other.Name && Scope == other.Scope && Roles.SequenceEqual(other.Roles, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Scope, Roles.Count);

    /// <inheritdoc />
    public override string ToString() => $"{Name} [{string.Join(", ", Roles)}]";
}
