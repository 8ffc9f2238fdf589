namespace Stackmark.OpenStack;

/// <summary>
/// A Tempest feature flag that skips guideline tests by default, and the discovery evidence that the cloud serves
/// what the flag gates. <see cref="All"/> is the table <see cref="TempestConfigBuilder"/> applies.
/// </summary>
/// <remarks>Immutable. The table holds only flags that gate required guideline tests and that discovery can decide.</remarks>
/// <param name="Section">The tempest.conf section.</param>
/// <param name="Key">The option.</param>
/// <param name="Value">The value that lets the gated tests run.</param>
/// <param name="Gates">What the flag gates, in words.</param>
/// <param name="Evidence">Whether the cloud serves it, and why (from discovery only).</param>
public sealed record FeatureFlagRule(string Section, string Key, string Value, string Gates, Func<CloudDiscoveryResult, (bool Served, string Why)> Evidence)
{
    /// <summary>The rules, in the order they are reported.</summary>
    public static IReadOnlyList<FeatureFlagRule> All { get; } =
    [
        // Tempest 33 skips ServerMetadataTestJSON ("Metadata is read-only on non-Xen-based deployments") unless this
        // deprecated flag is on, but os-server-metadata's PUT/POST/DELETE are Nova API calls that never reach the virt
        // driver: the six required 2020.06 metadata tests pass on libvirt and on the fake driver alike
        // (../shared/devcloud-realguest, runs 2 and 3; deploy/devcloud's compute profile with the override).
        new("compute-feature-enabled", "xenapi_apis", "true",
            "the server metadata tests (ServerMetadataTestJSON: set, update, delete metadata)",
            d => d.IsAvailable("nova")
                ? (true, "nova is in the catalog, and every Nova serves writable server metadata (os-server-metadata) whatever its virt driver; Tempest 33 still keeps those tests behind this deprecated XenAPI flag")
                : (false, "nova is not in the catalog, so nothing serves the server metadata API")),

        // python-tempestconf's rule: resize needs a second compute host (or Nova's allow_resize_to_same_host, which
        // no API shows), so only two usable hosts are evidence.
        new("compute-feature-enabled", "resize", "true",
            "the resize tests (ServerActionsTestJSON.test_resize_server_*)",
            d => (d.IsAvailable("nova"), d.Hypervisors) switch
            {
                (false, _) => (false, "nova is not in the catalog"),
                (true, null) => (false, "the compute hosts are not visible (os-hypervisors is admin only): resizing needs a second host or Nova's allow_resize_to_same_host"),
                (true, var hosts) when hosts.Count(h => h.State == "up" && h.Status == "enabled") is var n and >= 2 =>
                    (true, $"{n} compute hosts are up and enabled, so a resize can move a server to another host (python-tempestconf's rule)"),
                _ => (false, "fewer than two compute hosts are up and enabled: resizing needs a second host or Nova's allow_resize_to_same_host, which no API shows"),
            }),
    ];

    /// <summary>The option as <c>--override</c> names it: <c>section.key</c>.</summary>
    public string Option => $"{Section}.{Key}";

    /// <summary>The <c>--override</c> that sets the flag by hand.</summary>
    public string Override => $"{Option}={Value}";

    /// <summary>Decides the flag for a cloud; an explicit override of the same option always wins.</summary>
    public FeatureFlagDecision Decide(CloudDiscoveryResult discovery, IReadOnlyList<ConfigOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        ArgumentNullException.ThrowIfNull(overrides);
        var (served, why) = Evidence(discovery);
        if (overrides.LastOrDefault(o => o.Section == Section && o.Key == Key) is { Section: not null } o)
        {
            return new(Option, o.Value, FeatureFlagSource.Override, $"--override {o} (discovery alone would {(served ? "set " + Value : "leave Tempest's default")}: {why})");
        }

        return served
            ? new(Option, Value, FeatureFlagSource.Discovery, why)
            : new(Option, null, FeatureFlagSource.TempestDefault, $"{why}; --override {Override} would run {Gates}");
    }
}
