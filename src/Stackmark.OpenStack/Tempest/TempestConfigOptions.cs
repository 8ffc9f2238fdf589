namespace Stackmark.OpenStack;

/// <summary>Choices for <see cref="TempestConfigBuilder"/>.</summary>
public sealed record TempestConfigOptions
{
    /// <summary>
    /// The cloud credentials are admin: write <c>auth.admin_*</c> and let Tempest create dynamic credentials.
    /// False (default): Tempest uses pre-provisioned accounts (<see cref="Accounts"/>, or the cloud's own user).
    /// </summary>
    public bool UseAdminCredentials { get; init; }

    /// <summary>Pre-provisioned accounts; empty means "the cloud's own user, with the roles of its token".</summary>
    public IReadOnlyList<TestAccount> Accounts { get; init; } = [];

    /// <summary>Where accounts.yaml will be written (<c>auth.test_accounts_file</c>); relative paths are relative to the Tempest workspace.</summary>
    public string AccountsFilePath { get; init; } = "etc/accounts.yaml";

    /// <summary><c>oslo_concurrency.lock_path</c> (Tempest locks pre-provisioned accounts there).</summary>
    public string LockPath { get; init; } = Path.Combine(Path.GetTempPath(), "stackmark-tempest-lock");

    /// <summary><c>DEFAULT.log_file</c>.</summary>
    public string LogFile { get; init; } = "tempest.log";

    /// <summary>Guest validation (SSH into the servers Tempest boots): see <see cref="GuestValidationPlanner"/>. Default: auto.</summary>
    public GuestValidationMode Validation { get; init; } = GuestValidationMode.Auto;

    /// <summary>The guests' SSH login (<c>--guest-user</c>); null to read it from the image (<see cref="GuestSshUsers"/>).</summary>
    public string? GuestUser { get; init; }

    /// <summary>What the machine running Tempest can reach; default <see cref="LocalNetworks.None"/> (nothing proven).</summary>
    public LocalNetworks LocalNetworks { get; init; } = LocalNetworks.None;

    /// <summary>User overrides, applied last (they win over defaults, credentials and discovery).</summary>
    public IReadOnlyList<ConfigOverride> Overrides { get; init; } = [];
}
