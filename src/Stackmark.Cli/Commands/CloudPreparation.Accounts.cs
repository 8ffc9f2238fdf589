using Stackmark.OpenStack;

namespace Stackmark.Cli.Commands;

/// <summary>The entries of an <c>--accounts</c> file, as written (roles not yet read from their tokens).</summary>
/// <param name="Path">The file.</param>
/// <param name="Entries">Its accounts.</param>
internal sealed record AccountsFileEntries(string Path, IReadOnlyList<TestAccount> Entries);

// --accounts FILE: a Tempest accounts.yaml, each account checked with its own token and given its project network.
internal static partial class CloudPreparation
{
    /// <summary>Reads <c>--accounts FILE</c>; a missing or bad file is a usage error naming the file, line and entry.</summary>
    public static AccountsFileEntries ReadAccountsFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"--accounts {path} does not exist");
        }

        try
        {
            return new AccountsFileEntries(path, AccountsFile.Read(path));
        }
        catch (AccountsFileException e)
        {
            throw new UsageException($"--accounts {e.Message}");
        }
    }

    private static async Task<IReadOnlyList<TestAccount>> AccountsFromFileAsync(CloudConfigResolver resolver, CloudConfig cloud, AccountsFileEntries file, CancellationToken ct)
    {
        var (path, entries) = file;
        var accounts = new List<TestAccount>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            // The same Keystone, region and TLS settings as --os-cloud; only the credentials differ.
            var own = cloud with
            {
                Name = $"{path} account {i + 1} ({entry.Username})",
                Auth = new CloudAuth
                {
                    AuthUrl = cloud.Auth.AuthUrl,
                    Username = entry.Username,
                    Password = entry.Password,
                    ProjectName = entry.ProjectName,
                    UserDomainName = entry.DomainName ?? cloud.Auth.UserDomainName,
                    ProjectDomainName = entry.DomainName ?? cloud.Auth.ProjectDomainName,
                },
            };
            var checkedAccount = await AccountOfAsync(resolver, own, ct);
            accounts.Add(checkedAccount with { DomainName = entry.DomainName, Network = entry.Network ?? checkedAccount.Network });
        }

        return accounts;
    }

    // The account's own network, as Tempest's pre-provisioned credentials want it named in accounts.yaml: a network
    // of its project that is not external. Null without Neutron, or when the project has none.
    private static async Task<string?> OwnNetworkAsync(OpenStackConnection connection, KeystoneToken token, CancellationToken ct)
    {
        try
        {
            if (await connection.FindEndpointAsync("network", ct) is not { } endpoint)
            {
                return null;
            }

            return OwnNetwork(await connection.CreateNetworkClient(endpoint).ListNetworksAsync(ct), token.ProjectId);
        }
        catch (OpenStackException)
        {
            // Neutron refusing the account's listing leaves the choice to Tempest's defaults, as before.
            return null;
        }
    }

    /// <summary>
    /// The network of <paramref name="projectId"/> to name in accounts.yaml: its own, not external, active first, by
    /// name; null when it has none. Tempest finds the network by name, so a name two networks share is never chosen.
    /// </summary>
    internal static string? OwnNetwork(IReadOnlyList<Network> networks, string? projectId)
    {
        var own = networks.Where(n => !n.IsExternal && projectId is not null && n.ProjectId == projectId).ToList();
        return own.Where(n => networks.Count(o => o.Name == n.Name) == 1)
            .OrderBy(n => n.Status == "ACTIVE" ? 0 : 1).ThenBy(n => n.Name, StringComparer.Ordinal)
            .FirstOrDefault()?.Name;
    }
}
