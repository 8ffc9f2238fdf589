namespace Stackmark.Tempest;

/// <summary>The scope an account must hold its roles on for a <see cref="CredentialSlot"/> (Tempest's <c>scoped_roles</c>).</summary>
public enum CredentialScope
{
    /// <summary>Any account: the role lookup is unscoped (primary, alt, admin, <c>get_client_manager(roles=…)</c>).</summary>
    Any,

    /// <summary>A project-scoped account (an accounts.yaml entry with <c>project_name</c>).</summary>
    Project,

    /// <summary>A domain-scoped account (<c>domain_name</c> without a project).</summary>
    Domain,

    /// <summary>A system-scoped account (<c>system</c>).</summary>
    System,
}
