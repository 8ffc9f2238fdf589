namespace Stackmark.OpenStack;

/// <summary>The inputs refstack-client reads from tempest.conf (and accounts.yaml) to derive a cpid.</summary>
/// <remarks><see cref="ToString"/> hides the password.</remarks>
public sealed record CpidRequest
{
    /// <summary><c>v3</c> (default) or <c>v2</c>.</summary>
    public string AuthVersion { get; init; } = "v3";

    /// <summary><c>[identity] uri_v3</c> for v3, <c>[identity] uri</c> for v2.</summary>
    public required Uri IdentityUri { get; init; }

    /// <summary>User name.</summary>
    public string? Username { get; init; }

    /// <summary>Password (secret).</summary>
    public string? Password { get; init; }

    /// <summary>Project (tenant) name.</summary>
    public string? ProjectName { get; init; }

    /// <summary>Project (tenant) id; v2 prefers it over the name.</summary>
    public string? ProjectId { get; init; }

    /// <summary><c>[identity] domain_name</c>, default <c>Default</c>; used for both user and project.</summary>
    public string DomainName { get; init; } = "Default";

    /// <summary>The token URL: <c>uri_v3/auth/tokens</c> or <c>uri/tokens</c> (trailing slash trimmed first).</summary>
    public Uri TokenUrl => new(IdentityUri.OriginalString.TrimEnd('/') + (AuthVersion == "v2" ? "/tokens" : "/auth/tokens"));

    /// <inheritdoc/>
    public override string ToString() => $"{AuthVersion} {TokenUrl} user={Username} project={ProjectName ?? ProjectId} domain={DomainName}";
}
