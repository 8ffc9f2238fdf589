namespace Stackmark.Runner;

/// <summary>Everything a run needs once the cloud has been discovered.</summary>
/// <param name="Guideline">The guideline.</param>
/// <param name="Query">Target, statuses, flagged (aliases are irrelevant: tests are resolved by id and name).</param>
/// <param name="OutputDirectory">The run directory; created, must be new or empty.</param>
/// <param name="TempestConf">The tempest.conf to run with.</param>
/// <param name="RedactedTempestConf">The same with secrets replaced, kept as evidence and hashed in the manifest.</param>
/// <param name="AccountsYaml">Pre-provisioned credentials (accounts.yaml), if the config uses them.</param>
/// <param name="Cpid">The cloud's id.</param>
/// <param name="Concurrency">Workers; null for Tempest's default (one per core), 1 for serial.</param>
/// <param name="RerunOf">For --rerun-failed: the first attempt's results by guideline test name; only its non-passes run again.</param>
/// <param name="Facts">What discovery saw of the cloud, recorded in the manifest as evidence.</param>
/// <param name="TestTimeout">Limit per test method (see <see cref="TempestRunOptions.TestTimeout"/>); null for none.</param>
/// <param name="Withheld">Guideline tests not run, by name, with why (the accounts cannot serve them, an account that is not pristine): not sent to Tempest, they get that non-pass.</param>
/// <param name="Origin">Where the guideline and Tempest came from, recorded so that <c>--resume</c> can repeat the run.</param>
/// <param name="Resume">For <c>--resume</c>: the run so far; only its planned tests without a result run, and the outputs describe the whole run.</param>
public sealed record RunRequest(
    Guideline Guideline,
    TestListQuery Query,
    string OutputDirectory,
    string TempestConf,
    string RedactedTempestConf,
    string? AccountsYaml,
    string Cpid,
    int? Concurrency,
    IReadOnlyDictionary<TestName, PriorResult>? RerunOf = null,
    CloudFacts? Facts = null,
    TimeSpan? TestTimeout = null,
    IReadOnlyDictionary<TestName, NonPass>? Withheld = null,
    RunOrigin? Origin = null,
    SavedRun? Resume = null)
{
    /// <summary>The accounts Tempest was given and the concurrency they allowed, for the manifest; null with dynamic credentials.</summary>
    public AccountsEvidence? Accounts { get; init; }

    /// <summary>
    /// Whether the guideline may certify (judged when the run starts): the report, report.json and report.html carry
    /// it; a run against a guideline not in force still judges the cloud, labelled not valid. Null: not judged.
    /// </summary>
    public CertificationValidity? Validity { get; init; }
}

/// <summary>What a run was made from, beside its guideline's content.</summary>
/// <param name="GuidelineSource">The guideline source (a directory, made absolute, or a URL; without --source, the user cache directory or the built-in source's description, whichever served the guideline).</param>
/// <param name="TempestCommand">The tempest command.</param>
/// <param name="RerunOf">For <c>--rerun-failed</c>: the earlier run directory, made absolute.</param>
public sealed record RunOrigin(string GuidelineSource, string TempestCommand, string? RerunOf = null);

/// <summary>What discovery saw of the cloud: the evidence behind "which guest OS, which hypervisor, was SSH on?".</summary>
/// <param name="Cloud">The clouds.yaml entry (or "env").</param>
/// <param name="CpidMethod">How the cpid was derived.</param>
/// <param name="Services">Available services by codename.</param>
/// <param name="GuestValidation">Whether Tempest's guest validation (SSH into guests) was on.</param>
/// <param name="Images">Images visible to the project with their os_distro / os_type properties.</param>
/// <param name="Hypervisors">Hypervisor types the cloud reports (empty when not visible to the user).</param>
/// <param name="FeatureFlags">What was done with each Tempest feature flag of the runner's table, and why (empty with --tempest-conf).</param>
/// <param name="Validation">What was decided about guest validation (connect method, network, SSH user, timeouts), and why.</param>
/// <param name="Region">The region certified (its endpoints were discovered and given to Tempest), when the catalog names one.</param>
public sealed record CloudFacts(
    string Cloud,
    string CpidMethod,
    IReadOnlyList<string> Services,
    bool GuestValidation,
    IReadOnlyList<(string Name, string? OsDistro, string? OsType)> Images,
    IReadOnlyList<string> Hypervisors,
    IReadOnlyList<Stackmark.OpenStack.FeatureFlagDecision>? FeatureFlags = null,
    Stackmark.OpenStack.GuestValidationPlan? Validation = null,
    string? Region = null);

/// <summary>What a run produced.</summary>
/// <param name="Plan">The plan.</param>
/// <param name="Results">Every planned test's result.</param>
/// <param name="Report">The compliance verdict.</param>
/// <param name="Summary">Times, cloud, verdict.</param>
/// <param name="TempestExitCode">Tempest's exit code (null if it did not run).</param>
/// <param name="Interrupted">Whether the run was stopped (a signal, Ctrl-C): results are partial, and <c>--resume</c> completes them.</param>
/// <param name="ParserErrors">Corrupt spots in the subunit stream.</param>
/// <param name="ClassErrors">Class- and module-level fixture errors (e.g. a tearDownClass that failed): reported, never counted.</param>
public sealed record RunOutcome(
    TestPlan Plan,
    IReadOnlyList<RunTestResult> Results,
    ComplianceReport Report,
    RunSummary Summary,
    int? TempestExitCode,
    bool Interrupted,
    int ParserErrors,
    IReadOnlyList<ClassError> ClassErrors)
{
    /// <summary>The stretches of Tempest so far: one, plus one per <c>--resume</c>.</summary>
    public IReadOnlyList<RunPart>? Parts { get; init; }
}

/// <summary>A test's result in an earlier attempt, as full-results.json records it.</summary>
/// <param name="Status">Its status.</param>
/// <param name="NonPass">Why it did not pass.</param>
/// <param name="Duration">How long it ran.</param>
/// <param name="Attempts">How many times it ran.</param>
/// <param name="TempestId">The Tempest id that ran.</param>
public sealed record PriorResult(TestStatus Status, NonPass? NonPass, TimeSpan? Duration, int Attempts, string? TempestId);

/// <summary>A run directory and Tempest workspace with the cloud-independent start-ups already under way.</summary>
/// <param name="Directory">The run directory.</param>
/// <param name="Workspace">The Tempest workspace inside it.</param>
/// <param name="Describe">Tempest's version, for the manifest.</param>
/// <param name="Listing">The installed tests (<c>tempest run --list-tests</c>).</param>
/// <param name="Source">Tempest's source tree read statically, to explain skips.</param>
public sealed record PreparedWorkspace(
    string Directory,
    string Workspace,
    Task<string> Describe,
    Task<IReadOnlyList<string>> Listing,
    Task<Stackmark.Tempest.TempestTree?> Source);
