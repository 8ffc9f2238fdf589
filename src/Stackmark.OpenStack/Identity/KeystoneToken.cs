namespace Stackmark.OpenStack;

/// <summary>A Keystone v3 token with what the token body says about its scope.</summary>
/// <remarks><see cref="ToString"/> hides the token value.</remarks>
public sealed record KeystoneToken
{
    /// <summary>The <c>X-Subject-Token</c> value (secret).</summary>
    public required string Value { get; init; }

    /// <summary>Expiry (<c>expires_at</c>).</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>User id.</summary>
    public required string UserId { get; init; }

    /// <summary>User name.</summary>
    public string? UserName { get; init; }

    /// <summary>Project id (null for unscoped or application-credential tokens without a project).</summary>
    public string? ProjectId { get; init; }

    /// <summary>Project name.</summary>
    public string? ProjectName { get; init; }

    /// <summary>Project domain name.</summary>
    public string? ProjectDomainName { get; init; }

    /// <summary>Role names on the scope.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>The service catalog.</summary>
    public ServiceCatalog Catalog { get; init; } = ServiceCatalog.Empty;

    /// <summary>The URL the token was requested from (<c>…/v3/auth/tokens</c>).</summary>
    public required Uri TokenUrl { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"token for {UserName ?? UserId} on {ProjectName ?? ProjectId} until {ExpiresAt:O}";
}
