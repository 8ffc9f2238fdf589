namespace Stackmark.Tempest;

/// <summary>
/// A tempest.conf option that decides whether a test runs: <c>[compute-feature-enabled] xenapi_apis</c>, read from a
/// <c>skipUnless(CONF…)</c>/<c>skipIf(CONF…)</c> decorator or a class's <c>skip_checks</c>.
/// </summary>
/// <param name="Section">The tempest.conf section, as Tempest registers it (e.g. compute-feature-enabled, service_available).</param>
/// <param name="Key">The option.</param>
/// <param name="RunsWhen">The value the option needs for the test to run.</param>
public sealed record TempestOption(string Section, string Key, bool RunsWhen)
{
    /// <summary>The file that writes the gate, relative to the directory that holds the package; null when unknown.</summary>
    public string? File { get; init; }

    /// <summary>The 1-based line of <see cref="File"/> that names the option (a decorator's or a <c>skip_checks</c> line).</summary>
    public int Line { get; init; }

    /// <summary>That line, trimmed.</summary>
    public string? Code { get; init; }

    /// <summary>Equality by the option and the value it needs: where the source says so is not part of it.</summary>
    public bool Equals(TempestOption? other) => other is not null && Section == other.Section && Key == other.Key && RunsWhen == other.RunsWhen;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Section, Key, RunsWhen);

    /// <summary>Whether this is a service-availability switch (service_available.*).</summary>
    public bool IsServiceAvailability => Section == "service_available";

    /// <summary>Whether this is guest validation (SSH into a guest).</summary>
    public bool IsGuestValidation => Section == "validation" && Key == "run_validation";

    /// <summary>The <c>stackmark run --override</c> that would let the test run.</summary>
    public string ToOverride() => $"{Section}.{Key}={(RunsWhen ? "true" : "false")}";

    /// <inheritdoc />
    public override string ToString() => $"[{Section}] {Key}";
}
