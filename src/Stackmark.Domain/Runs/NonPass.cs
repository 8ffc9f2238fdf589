namespace Stackmark;

/// <summary>Why a required test did not pass, in categories an operator can act on.</summary>
public enum NonPassCategory
{
    /// <summary>It passed.</summary>
    None,

    /// <summary>Skipped because guest validation (SSH into a guest) is off.</summary>
    GuestAccess,

    /// <summary>Skipped by a Tempest feature flag the operator can set.</summary>
    TempestConfig,

    /// <summary>Skipped or failed because a service the test needs is not in the cloud.</summary>
    ServiceUnavailable,

    /// <summary>The test timed out waiting for the cloud.</summary>
    Timeout,

    /// <summary>The runner did not produce a result (Tempest crashed or was stopped).</summary>
    RunnerError,

    /// <summary>The test is not in the installed Tempest or its plugins.</summary>
    NotInTempest,

    /// <summary>The cloud answered wrongly.</summary>
    Failure,

    /// <summary>Skipped for another reason.</summary>
    Skipped,

    /// <summary>
    /// The run's accounts could not serve the test: too few pre-provisioned accounts, or none with a role the test
    /// demands. The runner's set-up, never the cloud's failure.
    /// </summary>
    Accounts,

    /// <summary>A precondition of the test was not met before the run (e.g. an account that should be empty was not).</summary>
    Precondition,

    /// <summary>The run was stopped (a signal, a timeout of the job) before the test finished.</summary>
    Interrupted,
}

/// <summary>A non-pass with its category and a one-line reason.</summary>
/// <param name="Category">The category.</param>
/// <param name="Reason">One line: the skip reason, or the last meaningful line of the traceback.</param>
public sealed partial record NonPass(NonPassCategory Category, string Reason)
{
    /// <summary>The category as written in reports: guest-access, tempest-config, …</summary>
    public string CategoryWord => Category switch
    {
        NonPassCategory.GuestAccess => "guest-access",
        NonPassCategory.TempestConfig => "tempest-config",
        NonPassCategory.ServiceUnavailable => "service-unavailable",
        NonPassCategory.Timeout => "timeout",
        NonPassCategory.RunnerError => "runner-error",
        NonPassCategory.NotInTempest => "not-in-tempest",
        NonPassCategory.Failure => "failure",
        NonPassCategory.Skipped => "skipped",
        NonPassCategory.Accounts => "accounts",
        NonPassCategory.Precondition => "precondition",
        NonPassCategory.Interrupted => "interrupted",
        _ => "none",
    };

    /// <summary>Reads a category as the result files write it (<see cref="CategoryWord"/>); false for null or an unknown word.</summary>
    public static bool TryParseCategory(string? word, out NonPassCategory category)
    {
        foreach (var c in Enum.GetValues<NonPassCategory>())
        {
            if (c != NonPassCategory.None && new NonPass(c, "").CategoryWord == word)
            {
                category = c;
                return true;
            }
        }

        category = NonPassCategory.None;
        return false;
    }

    /// <summary>Whether the runner's set-up, not the cloud, caused this miss (<see cref="VerdictRule.IsRunnersOwn(NonPassCategory)"/>).</summary>
    public bool IsRunnersOwn => VerdictRule.IsRunnersOwn(Category);

    /// <summary>
    /// Classifies a skip by Tempest's reason text and, when known, the tempest.conf option that gates the test in
    /// Tempest's source (<paramref name="gate"/>, e.g. <c>[compute-feature-enabled] xenapi_apis</c>, with the
    /// <c>--override</c> that would run it). A gate wins over the wording ("Resize not available." is a feature flag,
    /// not a missing service), except over accounts the run lacks; callers pass no gate when a service switch decided the skip.
    /// </summary>
    public static NonPass ForSkip(string? reason, (string Option, string Override, bool GuestValidation)? gate)
    {
        var basic = ForSkip(reason);
        if (gate is not { } g || basic.Category == NonPassCategory.Accounts)
        {
            return basic;
        }

        if (g.GuestValidation)
        {
            return new(NonPassCategory.GuestAccess, $"{basic.Reason} (guest validation is off: {g.Option})");
        }

        return new(NonPassCategory.TempestConfig, $"{basic.Reason} (skipped by {g.Option}; --override {g.Override} would run it)");
    }

    /// <summary>Classifies a skip by Tempest's reason text.</summary>
    public static NonPass ForSkip(string? reason)
    {
        var r = (reason ?? "").Trim();
        if (ForAccounts(r) is { } accounts)
        {
            // Before the wording rules: "Missing a 2nd set of API credentials in configuration." is not a config flag.
            return accounts;
        }

        if (r.Contains("validation tests are disabled", StringComparison.OrdinalIgnoreCase))
        {
            return new(NonPassCategory.GuestAccess, r);
        }

        if (r.Contains("not available", StringComparison.OrdinalIgnoreCase) || r.Contains("service_available", StringComparison.OrdinalIgnoreCase)
            || r.Contains("support is required", StringComparison.OrdinalIgnoreCase)
            || r.Contains("is not enabled", StringComparison.OrdinalIgnoreCase) && r.Contains("extension", StringComparison.OrdinalIgnoreCase))
        {
            return new(NonPassCategory.ServiceUnavailable, r);
        }

        if (r.Contains("feature", StringComparison.OrdinalIgnoreCase) || r.Contains("disabled", StringComparison.OrdinalIgnoreCase)
            || r.Contains("not enabled", StringComparison.OrdinalIgnoreCase) || r.Contains("config", StringComparison.OrdinalIgnoreCase))
        {
            return new(NonPassCategory.TempestConfig, r);
        }

        return new(NonPassCategory.Skipped, r.Length == 0 ? "skipped without a reason" : r);
    }

    /// <summary>
    /// Classifies a failure by its traceback and the test's captured log (Tempest's <c>pythonlogging</c> attachment):
    /// a guest that never became reachable over SSH is a <see cref="NonPassCategory.Timeout"/> whose reason ends with
    /// the last lines of the guest's console, when Tempest logged it; otherwise as <see cref="ForFailure(string?)"/>.
    /// </summary>
    public static NonPass ForFailure(string? traceback, string? log) => GuestUnreachable(traceback, log) ?? ByLastLine(traceback);

    /// <summary>Classifies a failure by its traceback: timeouts apart, the last meaningful line is the reason.</summary>
    public static NonPass ForFailure(string? traceback) => ForFailure(traceback, null);

    private static NonPass ByLastLine(string? traceback)
    {
        var lines = (traceback ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // The exception line is the last one that is not a traceback frame or a "Details:" continuation.
        var reason = lines.LastOrDefault(l => !l.StartsWith("File \"", StringComparison.Ordinal) && !l.StartsWith("Traceback", StringComparison.Ordinal)
            && l.Contains(':', StringComparison.Ordinal)) ?? lines.LastOrDefault() ?? "failed without a traceback";
        if (ForAccounts(traceback) is { } accounts)
        {
            // The pre-provisioned accounts lack an account or a role: the run's set-up, not the cloud's failure.
            return accounts;
        }

        if (lines.Length > 0 && lines[^1].EndsWith("fixtures._fixtures.timeout.TimeoutException", StringComparison.Ordinal))
        {
            // Tempest's OS_TEST_TIMEOUT fired: the exception carries no message of its own.
            return new(NonPassCategory.Timeout, "ran longer than the per-test limit (--test-timeout) and was stopped");
        }

        var timeout = (traceback ?? "").Contains("TimeoutException", StringComparison.Ordinal) || reason.Contains("timed out", StringComparison.OrdinalIgnoreCase);
        return new(timeout ? NonPassCategory.Timeout : NonPassCategory.Failure, reason.Length > 300 ? reason[..297] + "…" : reason);
    }
}
