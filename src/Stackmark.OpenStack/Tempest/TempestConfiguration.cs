namespace Stackmark.OpenStack;

/// <summary>A generated tempest.conf with its accounts and the warnings met on the way.</summary>
/// <param name="Config">The configuration, in canonical order.</param>
/// <param name="Accounts">Accounts to write to <c>auth.test_accounts_file</c> (empty with dynamic credentials).</param>
/// <param name="Warnings">Discovery and configuration warnings.</param>
public sealed record TempestConfiguration(IniDocument Config, IReadOnlyList<TestAccount> Accounts, IReadOnlyList<string> Warnings)
{
    /// <summary>What was decided about guest validation, and why; null for a configuration not built from discovery.</summary>
    public GuestValidationPlan? Validation { get; init; }

    /// <summary>What was done with each feature flag of <see cref="FeatureFlagRule.All"/>, and why.</summary>
    public IReadOnlyList<FeatureFlagDecision> FeatureFlags { get; init; } = [];

    /// <summary>The configuration with passwords and secrets replaced, for evidence bundles.</summary>
    public IniDocument RedactedConfig => Config.Redacted();

    /// <summary>The accounts file path the configuration points to, if any.</summary>
    public string? AccountsFilePath => Config.Get("auth", "test_accounts_file");

    /// <summary>
    /// Writes tempest.conf to <paramref name="configPath"/> and, when there are accounts, accounts.yaml to
    /// <c>auth.test_accounts_file</c> resolved against <paramref name="workspaceDirectory"/>.
    /// </summary>
    public void WriteFiles(string configPath, string workspaceDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(configPath);
        ArgumentException.ThrowIfNullOrEmpty(workspaceDirectory);
        Config.WriteFile(configPath);
        if (Accounts.Count > 0 && AccountsFilePath is { } accounts)
        {
            var path = Path.Combine(workspaceDirectory, accounts);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            AccountsFile.Write(path, Accounts);
        }
    }
}
