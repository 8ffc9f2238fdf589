using Spectre.Console;
using Stackmark.OpenStack;
using Stackmark.Runner;

namespace Stackmark.Cli.Commands;

/// <summary>What a run needs from the cloud: a tempest.conf (and accounts), its redacted copy, the cpid.</summary>
internal sealed record PreparedCloud(string CloudName, string TempestConf, string RedactedConf, string? AccountsYaml, string Cpid, CloudFacts Facts, int? AccountCount = null)
{
    /// <summary>The resolved cloud (its auth URL, region, interface and TLS serve every account's own connection).</summary>
    public CloudConfig? Cloud { get; init; }

    /// <summary>The pre-provisioned accounts with the roles of their own tokens (empty with dynamic credentials or --tempest-conf).</summary>
    public IReadOnlyList<TestAccount> Accounts { get; init; } = [];
}

/// <summary>What the user asked of guest validation: <c>--validation</c> and <c>--guest-user</c>.</summary>
internal sealed record GuestChoice(GuestValidationMode Mode, string? User);

/// <summary>Resolves the cloud, discovers it (read-only) and writes the Tempest configuration.</summary>
internal static partial class CloudPreparation
{
    public static async Task<PreparedCloud> PrepareAsync(CliContext cx, string? cloudName, IReadOnlyList<string> altClouds, string? tempestConfFile, AccountsFileEntries? accountsFile, IReadOnlyList<string> overrideTexts, IReadOnlyCollection<string> neededProjects, GuestChoice guest, CancellationToken ct, string? region = null)
    {
        var resolver = CloudConfigResolver.FromSystem();
        CloudConfig cloud;
        try
        {
            cloud = resolver.Resolve(cloudName);
        }
        catch (CloudConfigException e)
        {
            throw new UsageException(e.Message);
        }

        if (region is not null)
        {
            cloud = cloud with { RegionName = region };
        }

        var overrides = overrideTexts.Select(o => ConfigOverride.TryParse(o, out var parsed) ? parsed : throw new UsageException($"--override '{o}' is not section.key=value")).ToList();
        using var connection = OpenStackConnection.Open(cloud);
        CloudDiscoveryResult discovery;
        try
        {
            discovery = await CloudDiscovery.DiscoverAsync(connection, ct);
        }
        catch (OpenStackApiException e) when (e.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)
        {
            throw new UsageException($"cloud {cloud.Name}: the credentials were refused ({(int)e.StatusCode}: {e.FaultMessage ?? e.Message})");
        }
        catch (OpenStackException e)
        {
            throw new CloudUnreachableException($"cloud {cloud.Name} ({cloud.Auth.AuthUrl}): {e.Message}");
        }

        cloud = ChooseRegion(cloud, discovery, region is not null);
        cx.Console.Write(DiscoveryView(cloud, discovery));
        if (cloud.Tls.ClientCertFile is not null)
        {
            // Tempest's REST client (urllib3 with ca_certs only) has no client-certificate option.
            cx.Console.MarkupLineInterpolated($"[yellow]warning:[/] cloud {cloud.Name} has a client certificate (cert/key): discovery used it, but Tempest cannot present one; endpoints that demand it will refuse Tempest");
        }
        // Capabilities name their OpenStack project (nova, swift, …), which is also Tempest's service codename.
        var missing = neededProjects.Where(p => discovery.Service(p) is { Available: false }).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            cx.Console.MarkupLineInterpolated($"[yellow]warning:[/] the target's required capabilities need {string.Join(", ", missing)}, which the cloud's catalog lacks: their tests will be skipped and the run cannot be compliant");
        }

        if (tempestConfFile is not null)
        {
            if (!File.Exists(tempestConfFile))
            {
                throw new UsageException($"--tempest-conf {tempestConfFile} does not exist");
            }

            var text = await File.ReadAllTextAsync(tempestConfFile, ct);
            var doc = IniDocument.Parse(text);
            foreach (var o in overrides)
            {
                doc.Set(o.Section, o.Key, o.Value);
            }

            var given = new GuestValidationPlan
            {
                Mode = GuestValidationMode.Auto,
                Enabled = string.Equals(doc.Get("validation", "run_validation"), "true", StringComparison.OrdinalIgnoreCase),
                Reason = $"as --tempest-conf {tempestConfFile} (and any --override) says",
                ConnectMethod = doc.Get("validation", "connect_method"),
                Network = doc.Get("validation", "network_for_ssh"),
                SshUser = doc.Get("validation", "image_ssh_user"),
                SshUserSource = "--tempest-conf",
                HypervisorTypes = discovery.HypervisorTypes,
            };
            return new PreparedCloud(cloud.Name, doc.ToString(), doc.Redacted().ToString(), null, discovery.Cpid.Cpid, Facts(cloud, discovery, doc, [], given)) { Cloud = cloud };
        }

        var accounts = new List<TestAccount>();
        if (accountsFile is not null)
        {
            // With --accounts the file's accounts are Tempest's; --os-cloud's user only discovers the cloud.
            accounts.AddRange(await AccountsFromFileAsync(resolver, cloud, accountsFile, ct));
        }

        foreach (var alt in altClouds)
        {
            accounts.Add(await AccountOfAsync(resolver, alt, ct));
        }

        var admin = discovery.Roles.Contains("admin", StringComparer.OrdinalIgnoreCase) && accounts.Count == 0;
        if (!admin && accountsFile is null)
        {
            // A member user alone is Tempest's one account (looked up like the others: roles, network).
            accounts.Insert(0, await AccountOfAsync(resolver, cloud, ct));
        }

        accounts = [.. accounts.DistinctBy(a => (a.Username, a.ProjectName, a.DomainName))];
        if (discovery.IsAvailable("neutron"))
        {
            foreach (var lacking in accounts.Where(a => a.Network is null))
            {
                cx.Console.MarkupLineInterpolated($"[yellow]warning:[/] account {lacking.Username}@{lacking.ProjectName} has no network of its own (Neutron lists none in its project): its servers go on compute.fixed_network_name, if set");
            }
        }

        // Tempest SSHes from this machine: its interfaces and routes decide which guest addresses it can reach.
        var local = guest.Mode == GuestValidationMode.Off ? LocalNetworks.None : LocalNetworks.FromSystem();
        var config = Configure(cx, cloud, discovery, new TempestConfigOptions
        {
            UseAdminCredentials = admin,
            Accounts = accounts,
            Overrides = overrides,
            LockPath = Path.Combine(Path.GetTempPath(), $"stackmark-tempest-lock-{Environment.ProcessId}"),
        }, guest, local);
        var accountsYaml = config.Accounts.Count > 0 ? AccountsFile.ToYaml(config.Accounts) : null;
        cx.Console.MarkupLineInterpolated($"Credentials: {(admin ? "dynamic (the cloud user is an admin)" : $"{config.Accounts.Count} pre-provisioned account(s)")}");
        return new PreparedCloud(cloud.Name, config.Config.ToString(), config.RedactedConfig.ToString(), accountsYaml, discovery.Cpid.Cpid,
            Facts(cloud, discovery, config.Config, config.FeatureFlags, config.Validation), admin ? null : config.Accounts.Count) { Cloud = cloud, Accounts = config.Accounts };
    }

    /// <summary>
    /// The region certified: the one asked for (<c>--os-region</c>, else clouds.yaml's <c>region_name</c> or
    /// OS_REGION_NAME), which the catalog must have; else the catalog's only region. A cloud of several regions with
    /// none chosen is a usage error: a certification covers one region, and Tempest would pick endpoints on its own.
    /// </summary>
    internal static CloudConfig ChooseRegion(CloudConfig cloud, CloudDiscoveryResult discovery, bool fromOption)
    {
        var regions = discovery.Regions;
        if (cloud.RegionName is { } asked)
        {
            if (regions.Count > 0 && !regions.Contains(asked, StringComparer.Ordinal))
            {
                throw new UsageException($"cloud {cloud.Name}: region '{asked}' ({(fromOption ? "--os-region" : "region_name")}) is not in the catalog, which has {string.Join(", ", regions)}");
            }

            return cloud;
        }

        return regions.Count switch
        {
            0 => cloud,
            1 => cloud with { RegionName = regions[0] },
            _ => throw new UsageException($"cloud {cloud.Name} has {regions.Count} regions ({string.Join(", ", regions)}): certify one at a time with --os-region NAME (or region_name in clouds.yaml)"),
        };
    }

    /// <summary>
    /// Builds tempest.conf with the user's guest-validation choice and reports what was decided; a validation forced
    /// on that cannot work (no SSH user, no compute or network) is a usage error naming what to give.
    /// </summary>
    internal static TempestConfiguration Configure(CliContext cx, CloudConfig cloud, CloudDiscoveryResult discovery, TempestConfigOptions options, GuestChoice guest, LocalNetworks local)
    {
        var config = TempestConfigBuilder.Build(cloud, discovery, options with { Validation = guest.Mode, GuestUser = guest.User, LocalNetworks = local });
        if (config.Validation is { Error: { } impossible })
        {
            throw new UsageException(impossible);
        }

        foreach (var w in config.Warnings)
        {
            cx.Console.MarkupLineInterpolated($"[yellow]warning:[/] {w}");
        }

        if (config.Validation is { } plan)
        {
            cx.Console.MarkupLineInterpolated($"Guest validation: {(plan.Enabled ? "on" : "off")} ({plan.Reason})");
        }

        return config;
    }

    private static CloudFacts Facts(CloudConfig cloud, CloudDiscoveryResult d, IniDocument conf, IReadOnlyList<FeatureFlagDecision> flags, GuestValidationPlan? validation) => new(
        cloud.Name,
        d.Cpid.Method.ToString(),
        [.. d.Services.Where(s => s.Available).Select(s => s.Codename)],
        string.Equals(conf.Get("validation", "run_validation"), "true", StringComparison.OrdinalIgnoreCase),
        [.. d.GuestOs.Images.Select(i => (i.Name, i.OsDistro, i.OsType))],
        d.HypervisorTypes,
        flags,
        validation,
        cloud.RegionName);

    private static async Task<TestAccount> AccountOfAsync(CloudConfigResolver resolver, string name, CancellationToken ct)
    {
        CloudConfig cloud;
        try
        {
            cloud = resolver.ResolveNamed(name);
        }
        catch (CloudConfigException e)
        {
            throw new UsageException($"--alt-cloud {name}: {e.Message}");
        }

        return await AccountOfAsync(resolver, cloud, ct);
    }

    // An account's roles come from its own token: Tempest picks accounts by role (object storage wants "member").
    private static async Task<TestAccount> AccountOfAsync(CloudConfigResolver resolver, CloudConfig cloud, CancellationToken ct)
    {
        _ = resolver;
        if (cloud.Auth.Type != CloudAuthType.Password || cloud.Auth.Username is null || cloud.Auth.Password is null || cloud.Auth.ProjectName is null)
        {
            throw new UsageException($"cloud {cloud.Name}: a Tempest account needs a user name, password and project name");
        }

        using var connection = OpenStackConnection.Open(cloud);
        try
        {
            var token = await connection.AuthenticateAsync(ct);
            return new TestAccount { Username = cloud.Auth.Username, Password = cloud.Auth.Password, ProjectName = cloud.Auth.ProjectName, DomainName = cloud.Auth.UserDomainName, Roles = token.Roles, Network = await OwnNetworkAsync(connection, token, ct) };
        }
        catch (OpenStackApiException e)
        {
            throw new UsageException($"cloud {cloud.Name}: the credentials were refused ({(int)e.StatusCode})");
        }
        catch (OpenStackException e)
        {
            throw new CloudUnreachableException($"cloud {cloud.Name}: {e.Message}");
        }
    }

    private static Spectre.Console.Rendering.IRenderable DiscoveryView(CloudConfig cloud, CloudDiscoveryResult d)
    {
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow(new Text("Cloud"), new Text($"{cloud.Name} ({cloud.Auth.AuthUrl}), user {d.UserName}, project {d.ProjectName}, roles {string.Join(",", d.Roles)}"));
        grid.AddRow(new Text("Region"), new Text($"{cloud.RegionName ?? "(none named in the catalog)"}{(d.Regions.Count > 1 ? $" of {string.Join(", ", d.Regions)}" : "")}{(cloud.Tls.CaCertFile is { } ca ? $"; TLS trusted through {ca}" : cloud.Tls.Insecure ? "; TLS NOT verified (insecure)" : "")}"));
        grid.AddRow(new Text("CPID"), new Text($"{d.Cpid.Cpid} ({d.Cpid.Method}{(d.Cpid.FallbackReason is { } r ? ": " + r : "")})"));
        grid.AddRow(new Text("Services"), new Text(string.Join(", ", d.Services.Select(s => $"{s.Codename} {(s.Available ? "yes" : "no")}"))));
        var os = d.GuestOs;
        grid.AddRow(new Text("Guest OS images"), new Text(os.Images.Count == 0 ? "none" : string.Join(", ", os.Images.Select(i => $"{i.Name} ({i.OsDistro ?? i.OsType ?? "unknown OS"})"))));
        // What the images and services allow; the validation decision (which also weighs reachability) follows it.
        grid.AddRow(new Text("Guest boot"), new Text(os.CanEnableGuestValidation ? $"possible with {os.RecommendedImage?.Name}" : "not possible: " + string.Join("; ", os.Reasons)));
        foreach (var w in d.Warnings)
        {
            grid.AddRow(new Markup("[yellow]warning[/]"), new Text(w));
        }

        return grid;
    }
}

/// <summary>The cloud could not be reached: a runner error (exit 3), not a usage error.</summary>
internal sealed class CloudUnreachableException(string message) : Exception(message);
