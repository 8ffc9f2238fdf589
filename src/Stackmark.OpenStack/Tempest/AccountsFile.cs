using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace Stackmark.OpenStack;

/// <summary>Reads and writes Tempest's accounts.yaml (pre-provisioned credentials).</summary>
/// <remarks>
/// The format is Tempest's etc/accounts.yaml.sample: a list of entries with <c>username</c>, <c>password</c>,
/// <c>project_name</c> (or <c>tenant_name</c>), optional domains, <c>roles</c>, <c>types</c> and
/// <c>resources: {network: …}</c>. Stateless and thread-safe. Files are created owner-only on Unix.
/// </remarks>
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

            if (a.Network is not null)
            {
                entry["resources"] = new Dictionary<string, object>(StringComparer.Ordinal) { ["network"] = a.Network };
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

    /// <summary>Reads the accounts.yaml at <paramref name="path"/> (see <see cref="Parse"/>).</summary>
    /// <exception cref="AccountsFileException">The file is missing, unreadable or not a valid accounts file.</exception>
    public static IReadOnlyList<TestAccount> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AccountsFileException($"{path}: cannot be read ({e.Message})", null, e);
        }

        return Parse(text, path);
    }

    /// <summary>
    /// The accounts of an accounts.yaml text. Roles and types in the file are not kept: what an account may do is read
    /// from its own token. <paramref name="source"/> names the file in errors.
    /// </summary>
    /// <exception cref="AccountsFileException">Not YAML, not a list of mappings, or an entry without its keys.</exception>
    public static IReadOnlyList<TestAccount> Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var line = (int)e.Start.Line;
            throw new AccountsFileException($"{source}:{line}: not valid YAML: {e.InnerException?.Message ?? e.Message}", line, e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner fails this way on some unterminated flow collections, without a position.
            throw new AccountsFileException($"{source}: not valid YAML (an unterminated [ or {{?)", null, e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" or "~" or "null" })
        {
            throw new AccountsFileException($"{source}: holds no accounts (a list of entries with username, password and project_name)");
        }

        if (stream.Documents[0].RootNode is not YamlSequenceNode entries)
        {
            var root = stream.Documents[0].RootNode;
            throw new AccountsFileException($"{source}:{root.Start.Line}: the top level is not a list of accounts", (int)root.Start.Line);
        }

        var accounts = new List<TestAccount>();
        var index = 0;
        foreach (var node in entries)
        {
            index++;
            var line = (int)node.Start.Line;
            var where = $"{source}:{line}: account {index}";
            if (node is not YamlMappingNode map)
            {
                throw new AccountsFileException($"{where}: is not a mapping (username, password, project_name, …)", line);
            }

            string? Scalar(string key)
            {
                if (!map.Children.TryGetValue(new YamlScalarNode(key), out var value))
                {
                    return null;
                }

                return value is YamlScalarNode { Value: { Length: > 0 } s }
                    ? s
                    : throw new AccountsFileException($"{where}: '{key}' (line {value.Start.Line}) is not a string", (int)value.Start.Line);
            }

            var user = Scalar("username");
            where += user is null ? "" : $" ({user})";
            var project = Scalar("project_name") ?? Scalar("tenant_name");
            var password = Scalar("password");
            var missing = new[] { ("username", user), ("password", password), ("project_name", project) }.Where(k => k.Item2 is null).Select(k => k.Item1).ToList();
            if (missing.Count > 0)
            {
                var scoped = map.Children.ContainsKey(new YamlScalarNode("system")) || (project is null && map.Children.ContainsKey(new YamlScalarNode("domain_name")));
                throw new AccountsFileException(scoped && user is not null && password is not null
                    ? $"{where}: only project-scoped accounts are supported (this one has no project_name)"
                    : $"{where}: missing {string.Join(", ", missing)}", line);
            }

            string? network = null;
            if (map.Children.TryGetValue(new YamlScalarNode("resources"), out var resources))
            {
                network = resources is YamlMappingNode r && r.Children.TryGetValue(new YamlScalarNode("network"), out var n)
                    ? (n as YamlScalarNode)?.Value
                    : resources is YamlMappingNode ? null : throw new AccountsFileException($"{where}: 'resources' is not a mapping", (int)resources.Start.Line);
            }

            accounts.Add(new TestAccount
            {
                Username = user!,
                Password = password!,
                ProjectName = project!,
                DomainName = Scalar("domain_name") ?? Scalar("user_domain_name") ?? Scalar("project_domain_name"),
                Network = string.IsNullOrEmpty(network) ? null : network,
            });
        }

        if (accounts.Count == 0)
        {
            throw new AccountsFileException($"{source}: holds no accounts (a list of entries with username, password and project_name)");
        }

        return accounts;
    }
}
