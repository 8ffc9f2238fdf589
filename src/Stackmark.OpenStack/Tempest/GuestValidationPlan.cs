namespace Stackmark.OpenStack;

/// <summary>
/// What the runner decided about Tempest's guest validation (<c>[validation]</c>), and why: recorded in the run's
/// console summary and manifest.json.
/// </summary>
/// <remarks>Immutable; built by <see cref="GuestValidationPlanner"/>, adjusted by <see cref="WithOverrides"/>.</remarks>
public sealed record GuestValidationPlan
{
    /// <summary>The mode asked for.</summary>
    public required GuestValidationMode Mode { get; init; }

    /// <summary>Whether <c>run_validation</c> is on.</summary>
    public required bool Enabled { get; init; }

    /// <summary>Why it is on or off.</summary>
    public required string Reason { get; init; }

    /// <summary><c>fixed</c> or <c>floating</c> when on.</summary>
    public string? ConnectMethod { get; init; }

    /// <summary>The network Tempest reaches guests over: <c>network_for_ssh</c> (fixed) or the floating-IP network.</summary>
    public string? Network { get; init; }

    /// <summary>Why that connect method and network.</summary>
    public string? NetworkReason { get; init; }

    /// <summary>The guest's SSH login (<c>image_ssh_user</c>).</summary>
    public string? SshUser { get; init; }

    /// <summary>Where the login came from: --guest-user, an image property, the well-known distro table, an override.</summary>
    public string? SshUserSource { get; init; }

    /// <summary>The image Tempest boots and logs into (<c>compute.image_ref</c>).</summary>
    public GuestOsImage? Image { get; init; }

    /// <summary>The compute nodes' hypervisor types (empty when not visible).</summary>
    public IReadOnlyList<string> HypervisorTypes { get; init; } = [];

    /// <summary>Why the timeouts are what they are.</summary>
    public string? TimeoutReason { get; init; }

    /// <summary>The tempest.conf options the plan wrote.</summary>
    public IReadOnlyList<ConfigOverride> Settings { get; init; } = [];

    /// <summary>Why <c>--validation on</c> cannot be honoured (a usage error); null otherwise.</summary>
    public string? Error { get; init; }

    /// <summary>Doubts that did not stop a forced validation.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The mode as the command line writes it.</summary>
    public string ModeWord => Mode.ToString().ToLowerInvariant();

    /// <summary>
    /// The plan as it stands after the user's overrides, which win over it: an override of
    /// <c>validation.run_validation</c>, <c>connect_method</c>, <c>network_for_ssh</c> or <c>image_ssh_user</c>
    /// replaces the decision and names itself as the reason.
    /// </summary>
    public GuestValidationPlan WithOverrides(IReadOnlyList<ConfigOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var plan = this;
        foreach (var o in overrides.Where(o => o.Section == "validation"))
        {
            plan = o.Key switch
            {
                "run_validation" => plan with
                {
                    Enabled = string.Equals(o.Value, "true", StringComparison.OrdinalIgnoreCase),
                    Reason = $"--override {o} (the runner alone would have turned it {(Enabled ? "on" : "off")}: {Reason})",
                    Error = null,
                },
                "connect_method" => plan with { ConnectMethod = o.Value, NetworkReason = $"--override {o}" },
                "network_for_ssh" => plan with { Network = o.Value, NetworkReason = $"--override {o}" },
                "image_ssh_user" => plan with { SshUser = o.Value, SshUserSource = $"--override {o}" },
                _ => plan,
            };
        }

        return plan;
    }
}
