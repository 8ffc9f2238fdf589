namespace Stackmark.OpenStack;

/// <summary>Builds tempest.conf from a cloud and its discovery result, python-tempestconf style.</summary>
/// <remarks>
/// <para>Stages, later wins: defaults &lt; credentials &lt; discovery (with the feature flags of
/// <see cref="FeatureFlagRule.All"/>) &lt; user overrides. Differences from
/// tempestconf: TLS verification stays on (<c>disable_ssl_certificate_validation</c> only when the cloud is
/// insecure), no bogus default users, no resource creation, and flavors/images are picked from what exists.</para>
/// <para>Pure: no I/O. Thread-safe.</para>
/// </remarks>
public static class TempestConfigBuilder
{
    private static readonly string[] OperatorRoleCandidates = ["member", "Member", "swiftoperator", "_member_", "admin"];

    /// <summary>Builds the configuration.</summary>
    public static TempestConfiguration Build(CloudConfig cloud, CloudDiscoveryResult discovery, TempestConfigOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        ArgumentNullException.ThrowIfNull(discovery);
        options ??= new TempestConfigOptions();
        var conf = new IniDocument();
        var warnings = new List<string>(discovery.Warnings);

        ApplyDefaults(conf, options);
        var accounts = ApplyCredentials(conf, cloud, discovery, options, warnings);
        ApplyDiscovery(conf, discovery, options, warnings);
        var flags = FeatureFlagRule.All.Select(r => r.Decide(discovery, options.Overrides)).ToList();
        foreach (var (rule, flag) in FeatureFlagRule.All.Zip(flags))
        {
            if (flag.Source == FeatureFlagSource.Discovery)
            {
                conf.Set(rule.Section, rule.Key, rule.Value);
            }
        }

        var validation = PlanValidation(conf, discovery, options, warnings);
        foreach (var o in options.Overrides)
        {
            conf.Set(o.Section, o.Key, o.Value);
        }

        return new TempestConfiguration(conf.Sorted(), accounts, warnings) { FeatureFlags = flags, Validation = validation.WithOverrides(options.Overrides) };
    }

    private static void ApplyDefaults(IniDocument conf, TempestConfigOptions options)
    {
        conf.Set("DEFAULT", "debug", "true")
            .Set("DEFAULT", "use_stderr", "false")
            .Set("DEFAULT", "log_file", options.LogFile)
            .Set("oslo_concurrency", "lock_path", options.LockPath)
            .Set("object-storage", "reseller_admin_role", "ResellerAdmin")
            .Set("compute-feature-enabled", "live_migration", "false")
            .Set("compute-feature-enabled", "live_migrate_paused_instances", "true")
            .Set("compute-feature-enabled", "preserve_ports", "true")
            .Set("network-feature-enabled", "ipv6_subnet_attributes", "true")
            .Set("validation", "run_validation", "false");
    }

    private static IReadOnlyList<TestAccount> ApplyCredentials(
        IniDocument conf, CloudConfig cloud, CloudDiscoveryResult discovery, TempestConfigOptions options, List<string> warnings)
    {
        var auth = cloud.Auth;
        var v3 = discovery.IdentityV3Url.AbsoluteUri.TrimEnd('/');
        conf.Set("identity", "uri", v3)
            .Set("identity", "uri_v3", v3)
            .Set("identity", "auth_version", "v3")
            .Set("identity", "v3_endpoint_type", cloud.Interface)
            .Set("identity", "disable_ssl_certificate_validation", cloud.Tls.Insecure ? "true" : "false");
        if (cloud.RegionName is not null)
        {
            conf.Set("identity", "region", cloud.RegionName);
        }

        if (cloud.Tls.CaCertFile is not null)
        {
            conf.Set("identity", "ca_certificates_file", cloud.Tls.CaCertFile);
        }

        var domain = auth.UserDomainName ?? (auth.UserDomainId is null ? "Default" : null);
        if (domain is not null)
        {
            conf.Set("auth", "default_credentials_domain_name", domain);
            conf.Set("identity", "domain_name", domain);
        }

        if (options.UseAdminCredentials)
        {
            if (auth.Type != CloudAuthType.Password || auth.Username is null || auth.ProjectName is null)
            {
                warnings.Add("admin credentials need a user name, password and project name; dynamic credentials will not work.");
            }

            conf.Set("auth", "use_dynamic_credentials", "true")
                .Set("auth", "admin_username", auth.Username ?? string.Empty)
                .Set("auth", "admin_password", auth.Password ?? string.Empty)
                .Set("auth", "admin_project_name", auth.ProjectName ?? discovery.ProjectName ?? string.Empty)
                .Set("auth", "admin_domain_name", domain ?? "Default");
            // tempest_roles stays unset: with "member", Keystone's implied "reader" role is listed twice when
            // Tempest creates application credentials, and Keystone answers 409.
            return [];
        }

        var accounts = options.Accounts.Count > 0 ? options.Accounts : OwnAccount(cloud, discovery, warnings);
        conf.Set("auth", "use_dynamic_credentials", "false")
            .Set("auth", "test_accounts_file", options.AccountsFilePath);
        // How many accounts the planned tests need (alternates, roles, workers) is the account planner's to say, per
        // test, before Tempest starts: a count here could only guess.
        return accounts;
    }

    private static IReadOnlyList<TestAccount> OwnAccount(CloudConfig cloud, CloudDiscoveryResult discovery, List<string> warnings)
    {
        var auth = cloud.Auth;
        var user = auth.Username ?? discovery.UserName;
        var project = auth.ProjectName ?? discovery.ProjectName;
        if (auth.Type != CloudAuthType.Password || auth.Password is null || user is null || project is null)
        {
            warnings.Add("the cloud's credentials cannot be used as a Tempest account (application credential or no user/project name): provide accounts explicitly.");
            return [];
        }

        return [new TestAccount { Username = user, Password = auth.Password, ProjectName = project, Roles = discovery.Roles }];
    }

    private static void ApplyDiscovery(IniDocument conf, CloudDiscoveryResult discovery, TempestConfigOptions options, List<string> warnings)
    {
        foreach (var service in discovery.Services)
        {
            conf.Set("service_available", service.Codename, Bool(service.Available));
        }

        var identityVersions = discovery.IdentityVersions;
        conf.Set("identity-feature-enabled", "api_v2", Bool(identityVersions.Any(v => v.Major == 2)))
            .Set("identity-feature-enabled", "api_v3", "true");

        if (discovery.Service("swift") is { Available: true } swift)
        {
            conf.Set("object-storage", "operator_role", OperatorRole(discovery.Roles));
            if (swift.Extensions.Count > 0)
            {
                conf.Set("object-storage-feature-enabled", "discoverable_apis", string.Join(',', swift.Extensions.Order(StringComparer.Ordinal)));
            }
        }

        if (discovery.Service("glance") is { Available: true } glance)
        {
            conf.Set("image-feature-enabled", "api_v2", Bool(glance.Versions.Count == 0 || glance.Versions.Any(v => v.Major == 2)))
                .Set("image-feature-enabled", "api_v1", Bool(glance.Versions.Any(v => v.Major == 1)));
        }

        if (discovery.Service("nova") is { Available: true } nova)
        {
            ApplyCompute(conf, discovery, nova, options, warnings);
        }

        if (discovery.Service("neutron") is { Available: true } neutron)
        {
            ApplyNetwork(conf, discovery, neutron, warnings);
        }

        if (discovery.Service("cinder") is { Available: true } cinder)
        {
            conf.Set("volume", "catalog_type", cinder.Type)
                .Set("volume-feature-enabled", "api_v3", Bool(cinder.Versions.Count == 0 || cinder.Versions.Any(v => v.Major == 3)))
                .Set("volume-feature-enabled", "api_v2", Bool(cinder.Versions.Any(v => v.Major == 2)));
            SetIfPresent(conf, "volume", "min_microversion", cinder.MinMicroversion);
            SetIfPresent(conf, "volume", "max_microversion", cinder.MaxMicroversion);
            if (cinder.Extensions.Count > 0)
            {
                conf.Set("volume-feature-enabled", "api_extensions", string.Join(',', cinder.Extensions));
            }

            // Tempest assumes a backup service (backup = true); only an admin's service list can tell.
            if (discovery.VolumeServices is { } volumeServices)
            {
                conf.Set("volume-feature-enabled", "backup", Bool(volumeServices.Any(s => s.Binary == "cinder-backup" && s.IsUsable)));
            }

            if (VolumeSize(discovery, conf) is { } size)
            {
                conf.Set("volume", "volume_size", size.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    // Tests create volumes of volume.volume_size GB, also bootable ones from compute.image_ref that servers of
    // compute.flavor_ref boot from: big enough for that flavor's root disk and the image (min_disk, its size).
    private static long? VolumeSize(CloudDiscoveryResult discovery, IniDocument conf)
    {
        var flavor = discovery.Flavors.FirstOrDefault(f => f.Id == conf.Get("compute", "flavor_ref"));
        var image = discovery.Images.FirstOrDefault(i => i.Id == conf.Get("compute", "image_ref"));
        if (flavor is null && image is null)
        {
            return null;
        }

        const long GiB = 1L << 30;
        var imageGb = image?.SizeBytes is { } bytes ? (bytes + GiB - 1) / GiB : 0;
        return new[] { 1L, flavor?.DiskGb ?? 0, image?.MinDiskGb ?? 0, imageGb }.Max();
    }

    private static void ApplyCompute(IniDocument conf, CloudDiscoveryResult discovery, DiscoveredService nova, TempestConfigOptions options, List<string> warnings)
    {
        conf.Set("compute-feature-enabled", "console_output", "true");
        SetIfPresent(conf, "compute", "min_microversion", nova.MinMicroversion);
        SetIfPresent(conf, "compute", "max_microversion", nova.MaxMicroversion);

        var flavors = discovery.Flavors.OrderBy(f => f.RamMb).ThenBy(f => f.DiskGb).ThenBy(f => f.Vcpus).ThenBy(f => f.Id, StringComparer.Ordinal).ToList();
        if (flavors.Count == 0)
        {
            warnings.Add("compute is available but no flavor is visible: set compute.flavor_ref and flavor_ref_alt.");
        }
        else
        {
            conf.Set("compute", "flavor_ref", flavors[0].Id).Set("compute", "flavor_ref_alt", flavors[Math.Min(1, flavors.Count - 1)].Id);
            if (flavors.Count < 2)
            {
                warnings.Add("only one flavor is visible: flavor_ref_alt equals flavor_ref, so resize tests cannot pass.");
            }
        }

        // A guest validation can log into: usable Linux with a known SSH user (any usable one when --guest-user says).
        var images = discovery.Images.Where(i => i.Status == "active")
            .OrderByDescending(i => GuestOsImage.From(i) is { Usable: true } g && (g.SshUser is not null || options.GuestUser is not null))
            .ThenByDescending(i => i.Name.Contains("cirros", StringComparison.OrdinalIgnoreCase))
            .ThenByDescending(i => i.Id == discovery.GuestOs.RecommendedImage?.Id)
            .ThenBy(i => i.Name, StringComparer.Ordinal)
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
        if (images.Count == 0)
        {
            warnings.Add("compute is available but no active image is visible: upload one (Stackmark does not) or set compute.image_ref.");
        }
        else
        {
            conf.Set("compute", "image_ref", images[0].Id).Set("compute", "image_ref_alt", images[Math.Min(1, images.Count - 1)].Id);
        }

        // Validation boots compute.image_ref, so the SSH user must be that image's.
        if (images.Count > 0 && GuestOsImage.From(images[0]).SshUser is { } sshUser)
        {
            conf.Set("validation", "image_ssh_user", sshUser);
        }
    }

    // Guest validation is decided last among the discovery stages: it needs image_ref, and its network choice
    // (public_network_id for floating IPs) refines ApplyNetwork's.
    private static GuestValidationPlan PlanValidation(IniDocument conf, CloudDiscoveryResult discovery, TempestConfigOptions options, List<string> warnings)
    {
        var image = discovery.Images.FirstOrDefault(i => i.Id == conf.Get("compute", "image_ref"));
        var alt = discovery.Images.FirstOrDefault(i => i.Id == conf.Get("compute", "image_ref_alt"));
        var plan = GuestValidationPlanner.Plan(discovery, image, alt, options);
        foreach (var s in plan.Settings)
        {
            conf.Set(s.Section, s.Key, s.Value);
        }

        warnings.AddRange(plan.Warnings.Select(w => "guest validation: " + w));
        return plan;
    }

    private static void ApplyNetwork(IniDocument conf, CloudDiscoveryResult discovery, DiscoveredService neutron, List<string> warnings)
    {
        if (neutron.Extensions.Count > 0)
        {
            conf.Set("network-feature-enabled", "api_extensions", string.Join(',', neutron.Extensions));
        }

        var external = discovery.Networks.FirstOrDefault(n => n.IsExternal && n.SubnetIds.Count > 0);
        if (external is null)
        {
            warnings.Add("no external network with subnets: floating-IP tests cannot run (set network.public_network_id).");
            return;
        }

        conf.Set("network", "public_network_id", external.Id).Set("network", "floating_network_name", external.Name);
    }

    private static string OperatorRole(IReadOnlyList<string> roles) =>
        OperatorRoleCandidates.FirstOrDefault(roles.Contains) ?? "member";

    private static void SetIfPresent(IniDocument conf, string section, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            conf.Set(section, key, value);
        }
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
