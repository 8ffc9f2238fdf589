namespace Stackmark.OpenStack;

/// <summary>
/// Resolves a <see cref="CloudConfig"/> from clouds.yaml (by cloud name) or from OS_* environment variables,
/// following openstacksdk's rules.
/// </summary>
/// <remarks>
/// <para>Selection: an explicit cloud name, else <c>OS_CLOUD</c>, else OS_* variables (<c>OS_AUTH_URL</c> present).
/// With a named cloud, other OS_* variables are ignored, as in openstacksdk.</para>
/// <para>Files: the first existing clouds file is used (<c>$OS_CLIENT_CONFIG_FILE</c>, <c>./clouds.yaml</c>,
/// <c>~/.config/openstack/clouds.yaml</c>, <c>/etc/openstack/clouds.yaml</c>, each also as <c>.yml</c>); the first
/// existing secure.yaml is deep-merged over it (secure values win). See
/// https://docs.openstack.org/openstacksdk/latest/user/config/configuration.html.</para>
/// <para>Throws <see cref="CloudConfigException"/> for every user-fixable problem. Environment and file lists are
/// injected, so the class is deterministic under test. Thread-safe: no mutable state.</para>
/// </remarks>
public sealed partial class CloudConfigResolver
{
    private readonly IReadOnlyDictionary<string, string?> _environment;

    /// <summary>Creates a resolver over an explicit environment and explicit candidate files.</summary>
    /// <param name="environment">Environment variables (only OS_* are read).</param>
    /// <param name="cloudsFiles">clouds.yaml candidates in priority order.</param>
    /// <param name="secureFiles">secure.yaml candidates in priority order.</param>
    public CloudConfigResolver(
        IReadOnlyDictionary<string, string?> environment,
        IReadOnlyList<string> cloudsFiles,
        IReadOnlyList<string>? secureFiles = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(cloudsFiles);
        _environment = environment;
        CloudsFiles = cloudsFiles;
        SecureFiles = secureFiles ?? [];
    }

    /// <summary>The clouds.yaml candidates, in priority order.</summary>
    public IReadOnlyList<string> CloudsFiles { get; }

    /// <summary>The secure.yaml candidates, in priority order.</summary>
    public IReadOnlyList<string> SecureFiles { get; }

    /// <summary>A resolver over the process environment and the standard search path.</summary>
    public static CloudConfigResolver FromSystem()
    {
        var env = Environment.GetEnvironmentVariables()
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var cwd = Directory.GetCurrentDirectory();
        return new CloudConfigResolver(env, DefaultSearchPath(env, cwd, home, "clouds", "OS_CLIENT_CONFIG_FILE"),
            DefaultSearchPath(env, cwd, home, "secure", "OS_CLIENT_SECURE_FILE"));
    }

    /// <summary>The standard candidate list for <c>clouds</c> or <c>secure</c> files.</summary>
    /// <param name="environment">Environment (for the override variable).</param>
    /// <param name="currentDirectory">The working directory.</param>
    /// <param name="homeDirectory">The user's home, or null to skip <c>~/.config/openstack</c>.</param>
    /// <param name="baseName"><c>clouds</c> or <c>secure</c>.</param>
    /// <param name="overrideVariable"><c>OS_CLIENT_CONFIG_FILE</c> or <c>OS_CLIENT_SECURE_FILE</c>.</param>
    public static IReadOnlyList<string> DefaultSearchPath(
        IReadOnlyDictionary<string, string?> environment, string currentDirectory, string? homeDirectory,
        string baseName = "clouds", string overrideVariable = "OS_CLIENT_CONFIG_FILE")
    {
        ArgumentNullException.ThrowIfNull(environment);
        var result = new List<string>();
        if (environment.TryGetValue(overrideVariable, out var overridePath) && !string.IsNullOrEmpty(overridePath))
        {
            result.Add(overridePath);
        }

        var dirs = new List<string> { currentDirectory };
        if (!string.IsNullOrEmpty(homeDirectory))
        {
            dirs.Add(Path.Combine(homeDirectory, ".config", "openstack"));
        }

        dirs.Add("/etc/openstack");
        foreach (var dir in dirs)
        {
            result.Add(Path.Combine(dir, baseName + ".yaml"));
            result.Add(Path.Combine(dir, baseName + ".yml"));
        }

        return result;
    }

    /// <summary>Resolves the cloud to use.</summary>
    /// <param name="cloudName">The <c>--os-cloud</c> value, or null to fall back to OS_CLOUD, then OS_* variables.</param>
    /// <exception cref="CloudConfigException">Nothing selected, unknown cloud, or an invalid/missing setting.</exception>
    public CloudConfig Resolve(string? cloudName = null)
    {
        var name = !string.IsNullOrEmpty(cloudName) ? cloudName : Env("OS_CLOUD");
        if (!string.IsNullOrEmpty(name))
        {
            return ResolveNamed(name);
        }

        if (Env("OS_AUTH_URL") is not null)
        {
            return ResolveFromEnvironment();
        }

        var file = FirstExisting(CloudsFiles);
        var known = file is null ? "no clouds.yaml found" : $"{file} defines: {string.Join(", ", LoadClouds(file).Keys)}";
        throw new CloudConfigException(
            $"No cloud selected: pass --os-cloud NAME or set OS_CLOUD, or set OS_AUTH_URL and the other OS_* variables ({known}).",
            CloudsFiles);
    }

    /// <summary>The cloud names defined in the first existing clouds file (empty if none).</summary>
    public IReadOnlyList<string> ListCloudNames()
    {
        var file = FirstExisting(CloudsFiles);
        return file is null ? [] : [.. LoadClouds(file).Keys];
    }

    /// <summary>Resolves a named cloud from clouds.yaml (merged with secure.yaml).</summary>
    /// <exception cref="CloudConfigException">No clouds file, unknown name, or an invalid/missing setting.</exception>
    public CloudConfig ResolveNamed(string cloudName)
    {
        ArgumentException.ThrowIfNullOrEmpty(cloudName);
        var file = FirstExisting(CloudsFiles) ?? throw new CloudConfigException(
            $"Cloud '{cloudName}' requested but no clouds.yaml was found. Searched: {string.Join(", ", CloudsFiles)}.",
            CloudsFiles);
        var clouds = LoadClouds(file);
        if (!clouds.TryGetValue(cloudName, out var cloudNode) || cloudNode is not Dictionary<string, object?> cloud)
        {
            var names = clouds.Count == 0 ? "none" : string.Join(", ", clouds.Keys);
            throw new CloudConfigException(
                $"Cloud '{cloudName}' not found in {file} (defined: {names}). Searched: {string.Join(", ", CloudsFiles)}.",
                CloudsFiles);
        }

        var source = file;
        var secureFile = FirstExisting(SecureFiles);
        if (secureFile is not null && LoadClouds(secureFile).TryGetValue(cloudName, out var secureNode)
            && secureNode is Dictionary<string, object?> secure)
        {
            cloud = YamlTree.Merge(cloud, secure);
            source = $"{file} + {secureFile}";
        }

        return FromYamlCloud(cloudName, cloud, source);
    }

    /// <summary>Resolves the <c>envvars</c> cloud from OS_* variables.</summary>
    /// <exception cref="CloudConfigException">OS_AUTH_URL or another required variable is missing or invalid.</exception>
    public CloudConfig ResolveFromEnvironment() => FromEnvironment();

    private string? Env(string key) =>
        _environment.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    private static string? FirstExisting(IEnumerable<string> candidates) => candidates.FirstOrDefault(File.Exists);

    private static Dictionary<string, object?> LoadClouds(string file)
    {
        Dictionary<string, object?> root;
        try
        {
            root = YamlTree.LoadMapping(file);
        }
        catch (Exception ex) when (ex is YamlDotNet.Core.YamlException or IOException or UnauthorizedAccessException)
        {
            throw new CloudConfigException($"{file}: cannot read: {ex.Message}", [file], ex);
        }

        return root.Map("clouds") ?? new Dictionary<string, object?>(StringComparer.Ordinal);
    }
}
