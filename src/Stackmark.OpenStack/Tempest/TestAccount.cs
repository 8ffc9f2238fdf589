namespace Stackmark.OpenStack;

/// <summary>One pre-provisioned Tempest credential (an entry of accounts.yaml).</summary>
/// <remarks>
/// Tempest picks accounts by <see cref="Roles"/> (e.g. the object-storage <c>operator_role</c>), so list the roles the
/// user holds. See https://docs.openstack.org/tempest/latest/configuration.html#pre-provisioned-credentials.
/// <see cref="ToString"/> hides the password.
/// </remarks>
public sealed record TestAccount
{
    /// <summary>User name.</summary>
    public required string Username { get; init; }

    /// <summary>Password (secret).</summary>
    public required string Password { get; init; }

    /// <summary>Project name.</summary>
    public required string ProjectName { get; init; }

    /// <summary>Domain of user and project; null means Tempest's <c>auth.default_credentials_domain_name</c>.</summary>
    public string? DomainName { get; init; }

    /// <summary>Roles held on the project.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>
    /// The project network Tempest gives the account's servers (accounts.yaml <c>resources: {network: …}</c>); null for
    /// none (Tempest then uses <c>compute.fixed_network_name</c>).
    /// </summary>
    public string? Network { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Username}@{ProjectName} roles=[{string.Join(',', Roles)}]";
}
