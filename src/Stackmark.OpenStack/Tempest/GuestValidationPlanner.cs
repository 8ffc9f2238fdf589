using System.Net;

namespace Stackmark.OpenStack;

/// <summary>
/// Decides Tempest's guest validation from discovery: whether to SSH into the guests Tempest boots, how to reach
/// them (a floating IP, or the fixed address on a network this machine can reach), as which user, with which
/// timeouts — and says why.
/// </summary>
/// <remarks>
/// <para><b>Auto turns validation on</b> only with all of: compute and network services; compute hosts that are not
/// all Nova's <c>fake</c> driver (when visible); an active Linux image as <c>compute.image_ref</c> whose SSH user is
/// known; and a proven way in: a floating IP (an external network with subnets, a router to it the project can use
/// — Tempest makes one per project with dynamic credentials — and its addresses reachable from here) or a fixed
/// network the project can boot on whose subnet is on this machine's interfaces or routes. A guest validation that
/// cannot reach its guests turns passes into SSH timeouts, so doubt means off.</para>
/// <para><b>On</b> takes the best guess where auto would doubt, but still needs compute, network, an image, an SSH
/// user and some network; otherwise <see cref="GuestValidationPlan.Error"/> says what is missing.</para>
/// <para>Pure: reachability comes in as <see cref="LocalNetworks"/>. Thread-safe.</para>
/// </remarks>
public static class GuestValidationPlanner
{
    /// <summary>Seconds for <c>compute.build_timeout</c> and <c>validation.ssh_timeout</c> on QEMU compute hosts.</summary>
    /// <remarks>Tempest's defaults are 300 s. Under QEMU without KVM (TCG) a full distribution image boots and runs
    /// cloud-init in minutes; libvirt reports "QEMU" for KVM guests too, where the longer limit costs nothing unless
    /// something is broken.</remarks>
    public const int SlowHypervisorTimeout = 600;

    /// <summary>Plans validation for a cloud.</summary>
    /// <param name="discovery">What discovery saw.</param>
    /// <param name="image">The image Tempest boots (<c>compute.image_ref</c>), if any.</param>
    /// <param name="altImage">The alternate image (<c>compute.image_ref_alt</c>), if any.</param>
    /// <param name="options">Mode, guest user, dynamic credentials, this machine's networks, overrides.</param>
    public static GuestValidationPlan Plan(CloudDiscoveryResult discovery, Image? image, Image? altImage, TempestConfigOptions options)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        ArgumentNullException.ThrowIfNull(options);
        var mode = options.Validation;
        var guest = image is null ? null : GuestOsImage.From(image);
        var hypervisors = discovery.HypervisorTypes;
        var off = new GuestValidationPlan { Mode = mode, Enabled = false, Reason = "", Image = guest, HypervisorTypes = hypervisors };
        if (mode == GuestValidationMode.Off)
        {
            return off with { Reason = "--validation off" };
        }

        var forced = mode == GuestValidationMode.On;
        var missing = new[] { ("nova", "compute"), ("neutron", "network") }.Where(s => !discovery.IsAvailable(s.Item1)).Select(s => $"{s.Item2} ({s.Item1})").ToList();
        if (missing.Count > 0)
        {
            var why = $"no {string.Join(" and no ", missing)} service in the catalog";
            return forced ? off with { Reason = why, Error = $"--validation on: {why}; guests need both" } : off with { Reason = "auto: " + why };
        }

        var doubts = new List<string>();
        var warnings = new List<string>();
        void Doubt(string text) => (forced ? warnings : doubts).Add(text);

        if (hypervisors.Count > 0 && hypervisors.All(t => string.Equals(t, "fake", StringComparison.OrdinalIgnoreCase)))
        {
            Doubt("every compute host is Nova's 'fake' driver, which boots no guest");
        }

        if (image is null || guest is null)
        {
            const string NoImage = "no active image is visible to the project (Stackmark uploads none; set compute.image_ref)";
            return forced ? off with { Reason = NoImage, Error = "--validation on: " + NoImage } : off with { Reason = "auto: " + NoImage };
        }

        // --guest-user vouches for the guest: whoever names its login knows what it runs.
        if (!guest.Usable && string.IsNullOrWhiteSpace(options.GuestUser))
        {
            Doubt($"image {image.Name} is not known to be a bootable Linux guest (set os_type=linux or os_distro on it)");
        }

        var overrideUser = options.Overrides.LastOrDefault(o => o.Section == "validation" && o.Key == "image_ssh_user").Value;
        var user = User(options.GuestUser, overrideUser, image);
        string? userDoubt = null;
        if (user is null)
        {
            var noUser = $"no SSH user is known for image {image.Name} (no os_admin_user property, and os_distro {(image.OsDistro is { } d ? $"'{d}' is not in the well-known table" : "is not set")})";
            if (forced)
            {
                return off with { Reason = noUser, Error = $"--validation on: {noUser}; give --guest-user NAME" };
            }

            userDoubt = $"{noUser}; --guest-user NAME names it";
        }

        var route = Route(discovery, options, forced);
        if (route.Method is null)
        {
            if (forced)
            {
                return off with { Reason = route.Why, Error = "--validation on: " + route.Why };
            }

            doubts.Add(route.Why);
        }
        else if (route.Doubt is { } routeDoubt)
        {
            warnings.Add(routeDoubt);
        }

        if (doubts.Count > 0 || user is null)
        {
            // Each doubt with what lifts it: --guest-user for the login, --validation on for the rest.
            var parts = doubts.Count > 0 ? [$"{string.Join("; ", doubts)} (--validation on forces it)"] : new List<string>();
            if (userDoubt is not null)
            {
                parts.Add(userDoubt);
            }

            return off with { Reason = "auto: " + string.Join("; ", parts), SshUser = user?.User, SshUserSource = user?.Source };
        }

        var altUser = altImage is null || altImage.Id == image.Id ? user : User(options.GuestUser, overrideUser, altImage) ?? user;
        var settings = new List<ConfigOverride>
        {
            new("validation", "run_validation", "true"),
            new("validation", "connect_method", route.Method!),
            // Tempest 33 defaults to ecdsa but Nova generates RSA keypairs for it (devcloud-realguest gotcha 8).
            new("validation", "ssh_key_type", "rsa"),
            new("validation", "image_ssh_user", user.Value.User),
            new("validation", "image_alt_ssh_user", altUser.Value.User),
        };
        settings.AddRange(route.Settings);
        var (timeouts, timeoutReason) = Timeouts(hypervisors);
        settings.AddRange(timeouts);
        var reason = forced
            ? "--validation on"
            : $"auto: compute and network are there, image {image.Name} logs in as {user.Value.User} ({user.Value.Source}), and {route.Why}";
        return new GuestValidationPlan
        {
            Mode = mode,
            Enabled = true,
            Reason = reason,
            ConnectMethod = route.Method,
            Network = route.Network,
            NetworkReason = route.Why,
            SshUser = user.Value.User,
            SshUserSource = user.Value.Source,
            Image = guest,
            HypervisorTypes = hypervisors,
            TimeoutReason = timeoutReason,
            Settings = settings,
            Warnings = warnings,
        };
    }

    private static (string User, string Source)? User(string? guestUser, string? overrideUser, Image image) =>
        !string.IsNullOrWhiteSpace(guestUser) ? (guestUser.Trim(), "--guest-user")
        : !string.IsNullOrWhiteSpace(overrideUser) ? (overrideUser, $"--override validation.image_ssh_user={overrideUser}")
        : GuestSshUsers.Resolve(image);

    private static (IReadOnlyList<ConfigOverride> Settings, string Reason) Timeouts(IReadOnlyList<string> hypervisors)
    {
        if (hypervisors.Any(t => string.Equals(t, "QEMU", StringComparison.OrdinalIgnoreCase)))
        {
            var value = SlowHypervisorTimeout.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ([new("compute", "build_timeout", value), new("validation", "ssh_timeout", value)],
                $"a compute host's hypervisor is QEMU (TCG emulation boots slowly; libvirt reports KVM as QEMU too): compute.build_timeout and validation.ssh_timeout raised to {value} s from Tempest's 300");
        }

        return ([], hypervisors.Count == 0
            ? "Tempest's defaults (300 s): the hypervisor types are not visible (os-hypervisors is admin only); --override validation.ssh_timeout=… for slow guests"
            : $"Tempest's defaults (300 s) for {string.Join(", ", hypervisors)}");
    }

    // How Tempest reaches a guest: a floating IP when an external network with a usable router is reachable, else
    // the fixed address on a network this machine is on. Method null: no way, and Why says what was checked.
    private static (string? Method, string? Network, string Why, string? Doubt, IReadOnlyList<ConfigOverride> Settings) Route(
        CloudDiscoveryResult d, TempestConfigOptions options, bool forced)
    {
        var dynamic = options.UseAdminCredentials;
        var local = options.LocalNetworks;
        var neutron = d.Service("neutron");
        var hasRouters = neutron is null || neutron.Extensions.Count == 0 || neutron.Extensions.Contains("router");
        var checkedOut = new List<string>();

        foreach (var ext in d.Networks.Where(n => n.IsExternal && n.SubnetIds.Count > 0).OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            var router = d.Routers.FirstOrDefault(r => r.ExternalNetworkId == ext.Id);
            if (!hasRouters || (!dynamic && router is null))
            {
                checkedOut.Add($"external network {ext.Name} has no router the project can use (Tempest makes one only with dynamic credentials)");
                continue;
            }

            var reach = Reach(d, ext, local);
            if (reach.Reachable || forced)
            {
                var via = dynamic ? "Tempest's per-project router (dynamic credentials)" : $"router {router!.Name}";
                return ("floating", ext.Name, $"floating IPs from external network {ext.Name} via {via}; {reach.How}",
                    reach.Reachable ? null : $"floating IPs of {ext.Name} are not proven reachable from this machine: {reach.How}",
                    [new("network", "public_network_id", ext.Id), new("network", "floating_network_name", ext.Name)]);
            }

            checkedOut.Add($"floating IPs of external network {ext.Name}: {reach.How}");
        }

        // Tempest's dynamic projects see shared networks only; a pre-provisioned account also sees its own.
        var candidates = d.Networks
            .Where(n => n.SubnetIds.Count > 0 && (n.IsShared || (!dynamic && n.ProjectId is not null && n.ProjectId == d.ProjectId)))
            .OrderBy(n => n.IsExternal).ThenBy(n => n.Name, StringComparer.Ordinal)
            .Select(n => (Network: n, Reach: Reach(d, n, local)))
            .ToList();
        var pick = candidates.FirstOrDefault(c => c.Reach.Reachable);
        var doubt = (string?)null;
        if (pick.Network is null && forced && candidates.Count > 0)
        {
            pick = candidates[0];
            doubt = $"network {pick.Network.Name} is not proven reachable from this machine: {pick.Reach.How}";
        }

        if (pick.Network is { } fixedNet)
        {
            var settings = new List<ConfigOverride>
            {
                new("validation", "network_for_ssh", fixedNet.Name),
                // Servers must land on that network: Tempest boots on fixed_network_name ...
                new("compute", "fixed_network_name", fixedNet.Name),
                // ... and, with dynamic credentials, would otherwise make each project a network of its own.
                new("auth", "create_isolated_networks", "false"),
                // Tempest's own switch for "the test client can reach project networks" (required for fixed).
                new("network", "project_networks_reachable", "true"),
            };
            var notFloating = checkedOut.Count > 0 ? $" (not floating IPs: {string.Join("; ", checkedOut)})" : "";
            return ("fixed", fixedNet.Name, $"the fixed address on {(fixedNet.IsShared ? "shared" : "the project's")} network {fixedNet.Name}: {pick.Reach.How}{notFloating}", doubt, settings);
        }

        checkedOut.Add(candidates.Count == 0
            ? (dynamic ? "no shared network with a subnet for Tempest's projects to boot on" : "no shared or project network with a subnet to boot on")
            : $"none of the networks guests can boot on is reachable ({string.Join("; ", candidates.Select(c => $"{c.Network.Name}: {c.Reach.How}"))})");
        if (d.Networks.Count == 0)
        {
            return (null, null, "no network is visible to the project", null, []);
        }

        return (null, null, "no way from this machine to a guest: " + string.Join("; ", checkedOut), null, []);
    }

    private static (bool Reachable, string How) Reach(CloudDiscoveryResult d, Network network, LocalNetworks local)
    {
        var cidrs = d.Subnets.Where(s => s.NetworkId == network.Id && s.IpVersion == 4)
            .Select(s => LocalNetworks.TryParseIPv4(s.Cidr, out var n) ? n : (IPNetwork?)null)
            .OfType<IPNetwork>()
            .ToList();
        if (cidrs.Count == 0)
        {
            return (false, $"no IPv4 subnet of {network.Name} is visible");
        }

        var answers = cidrs.Select(local.Reaches).ToList();
        return answers.FirstOrDefault(a => a.Reachable) is { How: not null } yes ? yes : (false, string.Join("; ", answers.Select(a => a.How)));
    }
}
