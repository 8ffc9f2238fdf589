using YamlDotNet.Serialization;

namespace Stackmark.OpenStack;

/// <summary>Writes Tempest's accounts.yaml (pre-provisioned credentials).</summary>
/// <remarks>Stateless and thread-safe. Files are created owner-only on Unix.</remarks>
public static class AccountsFile
{
    /// <summary>The YAML text; with <paramref name="redact"/> passwords become <see cref="IniDocument.RedactedValue"/>.</summary>
    public static string ToYaml(IEnumerable<TestAccount> accounts, bool redact = false)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var list = accounts.Select(a =>
        {
            var entry = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["username"] = a.Username,
                ["project_name"] = a.ProjectName,
                ["password"] = redact ? IniDocument.RedactedValue : a.Password,
            };
            if (a.DomainName is not null)
            {
                entry["domain_name"] = a.DomainName;
            }

            if (a.Roles.Count > 0)
            {
                entry["roles"] = a.Roles.ToList();
            }

            return entry;
        }).ToList();
        return new SerializerBuilder().WithQuotingNecessaryStrings().Build().Serialize(list);
    }

    /// <summary>Writes accounts.yaml to <paramref name="path"/>.</summary>
    public static void Write(string path, IEnumerable<TestAccount> accounts)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        SecretFile.WriteAllText(path, ToYaml(accounts));
    }
}
