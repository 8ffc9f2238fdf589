namespace Stackmark.OpenStack;

/// <summary>The credentials of a cloud, as in the <c>auth:</c> block of clouds.yaml or the OS_* variables.</summary>
/// <remarks>Immutable record; <see cref="ToString"/> never prints secrets.</remarks>
public sealed record CloudAuth
{
    /// <summary>The authentication method.</summary>
    public CloudAuthType Type { get; init; } = CloudAuthType.Password;

    /// <summary>The Keystone URL as configured (versioned or not).</summary>
    public required Uri AuthUrl { get; init; }

    /// <summary>User name (with a user domain).</summary>
    public string? Username { get; init; }

    /// <summary>User id (no domain needed).</summary>
    public string? UserId { get; init; }

    /// <summary>Password (secret).</summary>
    public string? Password { get; init; }

    /// <summary>Project name (with a project domain).</summary>
    public string? ProjectName { get; init; }

    /// <summary>Project id.</summary>
    public string? ProjectId { get; init; }

    /// <summary>User domain name; <c>Default</c> is assumed when neither name nor id is given.</summary>
    public string? UserDomainName { get; init; }

    /// <summary>User domain id.</summary>
    public string? UserDomainId { get; init; }

    /// <summary>Project domain name; <c>Default</c> is assumed when neither name nor id is given.</summary>
    public string? ProjectDomainName { get; init; }

    /// <summary>Project domain id.</summary>
    public string? ProjectDomainId { get; init; }

    /// <summary>Application credential id.</summary>
    public string? ApplicationCredentialId { get; init; }

    /// <summary>Application credential name (needs the user).</summary>
    public string? ApplicationCredentialName { get; init; }

    /// <summary>Application credential secret (secret).</summary>
    public string? ApplicationCredentialSecret { get; init; }

    /// <summary>The effective user domain name (<c>Default</c> when nothing is set).</summary>
    public string EffectiveUserDomainName => UserDomainName ?? (UserDomainId is null ? "Default" : string.Empty);

    /// <summary>The effective project domain name (<c>Default</c> when nothing is set).</summary>
    public string EffectiveProjectDomainName => ProjectDomainName ?? (ProjectDomainId is null ? "Default" : string.Empty);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Type} user={Username ?? UserId ?? ApplicationCredentialId ?? ApplicationCredentialName} project={ProjectName ?? ProjectId} auth_url={AuthUrl}";
}
