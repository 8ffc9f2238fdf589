using System.Security.Cryptography;
using System.Text;
using Stackmark.RefStack;
using Stackmark.Reports;
using Stackmark.Subunit;
using Stackmark.Tempest;

namespace Stackmark.Runner;

/// <summary>
/// Runs a guideline's tests with Tempest and writes the evidence: the raw subunit stream, RefStack's
/// results.json, full-results.json, junit.xml, the compliance report (JSON, HTML) and a manifest.
/// </summary>
public sealed class RunEngine(ITempestRunner tempest, TimeProvider time)
{
    /// <summary>The file names of a run directory.</summary>
    public static class Files
    {
        /// <summary>The raw subunit v2 stream, exactly as Tempest wrote it.</summary>
        public const string Subunit = "subunit.v2";

        /// <summary>RefStack's upload format (passed tests only).</summary>
        public const string Results = "results.json";

        /// <summary>Every planned test with status, category, reason, duration.</summary>
        public const string FullResults = "full-results.json";

        /// <summary>JUnit XML.</summary>
        public const string JUnit = "junit.xml";

        /// <summary>The compliance report as JSON.</summary>
        public const string ReportJson = "report.json";

        /// <summary>The compliance report as HTML.</summary>
        public const string ReportHtml = "report.html";

        /// <summary>Evidence manifest: versions, hashes, times.</summary>
        public const string Manifest = "manifest.json";

        /// <summary>The tempest.conf used (secrets included, mode 0600).</summary>
        public const string TempestConf = "tempest.conf";

        /// <summary>The tempest.conf with secrets redacted.</summary>
        public const string RedactedConf = "tempest.redacted.conf";

        /// <summary>The exact Tempest test ids run.</summary>
        public const string LoadList = "test-list.txt";
    }

    /// <summary>
    /// Creates the run directory and Tempest workspace and starts the slow Python start-ups that need no cloud
    /// (listing the installed tests, reading Tempest's source, asking its version), so that they overlap the
    /// cloud's discovery instead of adding to the run's wall time.
    /// </summary>
    /// <exception cref="TempestRunnerException">The workspace exists already or Tempest cannot be found.</exception>
    public async Task<PreparedWorkspace> PrepareAsync(string outputDirectory, CancellationToken cancellationToken)
    {
        var dir = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(dir);
        var workspace = Path.Combine(dir, "workspace");
        if (Directory.Exists(workspace))
        {
            throw new TempestRunnerException($"{workspace} already exists: each run needs a fresh directory");
        }

        await tempest.InitWorkspaceAsync(workspace, cancellationToken).ConfigureAwait(false);
        return new PreparedWorkspace(
            dir,
            workspace,
            tempest.DescribeAsync(CancellationToken.None),
            tempest.ListTestsAsync(workspace, cancellationToken),
            tempest.ReadSourceAsync(cancellationToken));
    }

    /// <summary>Plans, runs and records. Cancelling stops Tempest and keeps the partial results.</summary>
    /// <exception cref="TempestRunnerException">Tempest could not be set up or listed.</exception>
    public async Task<RunOutcome> ExecuteAsync(RunRequest request, Func<TestPlan, IResultSink> sinks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await ExecuteAsync(request, await PrepareAsync(request.OutputDirectory, cancellationToken).ConfigureAwait(false), sinks, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs in a workspace made by <see cref="PrepareAsync"/>.</summary>
    /// <exception cref="TempestRunnerException">Tempest could not be listed.</exception>
    public async Task<RunOutcome> ExecuteAsync(RunRequest request, PreparedWorkspace prepared, Func<TestPlan, IResultSink> sinks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(prepared);
        var (dir, workspace, describe, listed, source) = prepared;
        var etc = Path.Combine(workspace, "etc");
        Directory.CreateDirectory(etc);
        WriteSecret(Path.Combine(etc, "tempest.conf"), request.TempestConf);
        WriteSecret(Path.Combine(dir, Files.TempestConf), request.TempestConf);
        if (request.AccountsYaml is not null)
        {
            WriteSecret(Path.Combine(etc, "accounts.yaml"), request.AccountsYaml);
        }

        await File.WriteAllTextAsync(Path.Combine(dir, Files.RedactedConf), request.RedactedTempestConf, cancellationToken).ConfigureAwait(false);

        // Listing imports Tempest's test modules with default options: it needs no tempest.conf.
        var listing = TempestListing.Parse(await listed.ConfigureAwait(false));
        if (listing.Count == 0)
        {
            throw new TempestRunnerException("the installed Tempest lists no tests (is python3-tempest installed and importable?)");
        }

        var plan = TestPlan.Create(request.Guideline, request.Query, listing);
        var toRun = plan.ToRun;
        if (request.RerunOf is { } previous)
        {
            var again = plan.Tests.Where(t => t.Resolved is not null && previous.GetValueOrDefault(t.Test.Name)?.Status != TestStatus.Passed)
                .Select(t => t.Resolved!.Value).ToHashSet();
            toRun = [.. toRun.Where(again.Contains)];
        }

        // Tests the accounts cannot serve are not sent to Tempest (see RunRequest.NotServed).
        toRun = [.. toRun.Where(t => !request.NotServed.ContainsKey(t))];
        if (request.Withheld is { Count: > 0 } withheld)
        {
            var resolved = plan.Tests.Where(t => t.Resolved is not null && withheld.ContainsKey(t.Test.Name)).Select(t => t.Resolved!.Value).ToHashSet();
            toRun = [.. toRun.Where(n => !resolved.Contains(n))];
        }

        var loadList = Path.Combine(dir, Files.LoadList);
        await File.WriteAllLinesAsync(loadList, toRun.Select(n => listing.TryGetTestId(n, out var id) ? id : n.Value), cancellationToken).ConfigureAwait(false);

        var collector = new CollectingSink();
        var sink = new SafeFanOutSink([collector, sinks(plan)], (_, _) => { });
        var started = time.GetUtcNow();
        int? exit = null;
        var interrupted = false;
        var parserErrors = 0;
        if (toRun.Count > 0)
        {
            try
            {
                exit = await tempest.RunAsync(workspace, loadList, new TempestRunOptions(request.Concurrency, request.TestTimeout), async stdout =>
                {
                    await using var raw = File.Create(Path.Combine(dir, Files.Subunit));
                    await using var tee = new TeeReadStream(stdout, raw);
                    await using var reader = new SubunitReader(tee, leaveOpen: true);
                    // Read to the end even when cancelled: Tempest flushes what finished before it stops.
                    while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false) is { } e)
                    {
                        sink.OnEvent(e);
                    }

                    parserErrors = reader.ParseErrorCount;
                }, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                interrupted = cancellationToken.IsCancellationRequested;
            }
        }

        var finished = time.GetUtcNow();
        var tree = await ReadSourceOrNullAsync(source).ConfigureAwait(false);
        var results = RunResults.Join(plan, collector.Results, request.RerunOf, tree, request.Withheld)
            .Select(r => r.Planned.Resolved is { } n && request.NotServed.TryGetValue(n, out var why) ? r with { TempestId = null, Status = TestStatus.NotRun, NonPass = why, Duration = null } : r)
            .ToList();
        var report = ComplianceEvaluator.Evaluate(request.Guideline, request.Query.Target, results.Select(r => r.ToOutcome()));
        var summary = RunSummary.Of(report, request.Cpid, started, finished, interrupted, dir);
        var outcome = new RunOutcome(plan, results, report, summary, exit, interrupted, parserErrors, RunResults.ClassErrors(plan, collector.Results));
        await WriteOutputsAsync(dir, request, outcome, toRun.Count, await describe.ConfigureAwait(false), tree, CancellationToken.None).ConfigureAwait(false);
        return outcome;
    }

    private static async Task WriteOutputsAsync(string dir, RunRequest request, RunOutcome outcome, int ran, string tempestVersion, TempestTree? tree, CancellationToken ct)
    {
        var passed = outcome.Results.Where(r => r.Status == TestStatus.Passed)
            .Select(r => new TestOutcome(r.Planned.Resolved!.Value, r.Planned.Test.Id ?? TestName.FromTempestId(r.TempestId ?? "").Id, TestStatus.Passed))
            .DistinctBy(o => o.Name)
            .ToList();
        var duration = (long)(outcome.Summary.FinishedAt - outcome.Summary.StartedAt).TotalSeconds;
        if (passed.Count > 0)
        {
            await File.WriteAllBytesAsync(Path.Combine(dir, Files.Results), RefStackJson.Serialize(new RefStackResults(request.Cpid, duration, passed)), ct).ConfigureAwait(false);
        }

        await using (var full = File.Create(Path.Combine(dir, Files.FullResults)))
        {
            FullResultsJson.Write(full, outcome.Summary, outcome.Results, outcome.ClassErrors);
        }

        JUnitXml.Build(outcome.Summary, outcome.Results).Save(Path.Combine(dir, Files.JUnit));
        await File.WriteAllTextAsync(Path.Combine(dir, Files.ReportJson), ComplianceJson.ToJson(outcome.Report, dir), ct).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(dir, Files.ReportHtml), ComplianceHtml.Render(outcome.Report, outcome.ClassErrors, dir), ct).ConfigureAwait(false);
        await WriteManifestAsync(dir, request, outcome, ran, tempestVersion, tree, ct).ConfigureAwait(false);
    }

    private static async Task WriteManifestAsync(string dir, RunRequest request, RunOutcome outcome, int ran, string tempestVersion, TempestTree? tree, CancellationToken ct)
    {
        await using var stream = File.Create(Path.Combine(dir, Files.Manifest));
        await using var w = new System.Text.Json.Utf8JsonWriter(stream, new System.Text.Json.JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("stackmark", typeof(RunEngine).Assembly.GetName().Version?.ToString());
        w.WriteString("tempest", tempestVersion);
        w.WriteString("guideline", request.Guideline.Id.ToString());
        w.WriteString("guideline_schema", request.Guideline.Schema);
        w.WriteString("target", request.Query.Target);
        w.WriteString("statuses", string.Join(",", request.Query.EffectiveStatuses.Select(s => s.ToWord())));
        w.WriteString("cpid", request.Cpid);
        w.WriteString("started_at", outcome.Summary.StartedAt);
        w.WriteString("finished_at", outcome.Summary.FinishedAt);
        w.WriteBoolean("compliant", outcome.Summary.Compliant);
        w.WriteString("verdict", outcome.Summary.Verdict.ToWord());
        w.WriteBoolean("interrupted", outcome.Interrupted);
        if (request.TestTimeout is { } limit)
        {
            w.WriteNumber("test_timeout_seconds", (long)Math.Ceiling(limit.TotalSeconds));
        }
        if (outcome.TempestExitCode is { } code)
        {
            w.WriteNumber("tempest_exit_code", code);
        }

        w.WriteNumber("planned_tests", outcome.Plan.Tests.Count);
        w.WriteNumber("tests_run", ran);
        w.WriteNumber("not_in_tempest", outcome.Plan.Missing.Count());
        w.WriteNumber("subunit_parser_errors", outcome.ParserErrors);
        w.WriteNumber("class_errors", outcome.ClassErrors.Count);
        w.WriteBoolean("rerun", request.RerunOf is not null);
        // The runner's own cost beside Tempest's: how long Tempest ran (the rest of the wall is discovery, planning and
        // reports), and this process's peak resident memory (VmHWM; Tempest's workers are other processes).
        w.WriteStartObject("runner");
        w.WriteNumber("tempest_seconds", Math.Round((outcome.Summary.FinishedAt - outcome.Summary.StartedAt).TotalSeconds, 1));
        using (var self = System.Diagnostics.Process.GetCurrentProcess())
        {
            w.WriteNumber("peak_memory_mb", Math.Round(self.PeakWorkingSet64 / 1048576.0, 1));
        }

        w.WriteEndObject();
        if (request.Facts is { } facts)
        {
            w.WriteStartObject("cloud");
            w.WriteString("name", facts.Cloud);
            w.WriteString("region", facts.Region);
            w.WriteString("cpid_method", facts.CpidMethod);
            w.WriteBoolean("guest_validation", facts.GuestValidation);
            w.WriteStartArray("services");
            foreach (var service in facts.Services)
            {
                w.WriteStringValue(service);
            }

            w.WriteEndArray();
            w.WriteStartArray("hypervisor_types");
            foreach (var h in facts.Hypervisors)
            {
                w.WriteStringValue(h);
            }

            w.WriteEndArray();
            w.WriteStartArray("images");
            foreach (var (name, distro, type) in facts.Images)
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteString("os_distro", distro);
                w.WriteString("os_type", type);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            WriteFeatureFlags(w, facts.FeatureFlags ?? [], outcome.Plan, tree);
            if (facts.Validation is { } validation)
            {
                WriteValidation(w, validation);
            }
        }

        if (request.Accounts is { } accounts)
        {
            WriteAccounts(w, accounts);
        }

        w.WriteStartObject("sha256");
        foreach (var name in new[] { Files.LoadList, Files.RedactedConf, Files.Subunit, Files.Results, Files.FullResults, Files.JUnit, Files.ReportJson })
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path))
            {
                await using var file = File.OpenRead(path);
                w.WriteString(name, Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct).ConfigureAwait(false)));
            }
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    // The pre-provisioned accounts (names, roles and networks; never passwords) and what they allowed.
    private static void WriteAccounts(System.Text.Json.Utf8JsonWriter w, AccountsEvidence accounts)
    {
        w.WriteStartObject("accounts");
        w.WriteStartArray("accounts");
        foreach (var (name, roles, network) in accounts.Accounts)
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteStartArray("roles");
            foreach (var role in roles)
            {
                w.WriteStringValue(role);
            }

            w.WriteEndArray();
            w.WriteString("network", network);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("concurrency", accounts.Concurrency);
        w.WriteNumber("requested_concurrency", accounts.Requested);
        w.WriteString("reason", accounts.Reason);
        w.WriteStartArray("missing");
        foreach (var m in accounts.Missing)
        {
            w.WriteStringValue(m);
        }

        w.WriteEndArray();
        w.WriteStartArray("not_served");
        foreach (var u in accounts.NotServed)
        {
            w.WriteStartObject();
            w.WriteString("class", u.Class);
            w.WriteString("reason", u.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    // The guest-validation decision with its reasons: on or off, how guests were reached, as whom, how long Tempest waits.
    private static void WriteValidation(System.Text.Json.Utf8JsonWriter w, Stackmark.OpenStack.GuestValidationPlan plan)
    {
        w.WriteStartObject("validation");
        w.WriteString("mode", plan.ModeWord);
        w.WriteBoolean("enabled", plan.Enabled);
        w.WriteString("reason", plan.Reason);
        w.WriteString("connect_method", plan.ConnectMethod);
        w.WriteString("network", plan.Network);
        w.WriteString("network_reason", plan.NetworkReason);
        w.WriteString("ssh_user", plan.SshUser);
        w.WriteString("ssh_user_source", plan.SshUserSource);
        if (plan.Image is { } image)
        {
            w.WriteStartObject("image");
            w.WriteString("id", image.Id);
            w.WriteString("name", image.Name);
            w.WriteString("os_distro", image.OsDistro);
            w.WriteString("os_type", image.OsType);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("image");
        }

        w.WriteStartArray("hypervisor_types");
        foreach (var h in plan.HypervisorTypes)
        {
            w.WriteStringValue(h);
        }

        w.WriteEndArray();
        w.WriteString("timeouts_reason", plan.TimeoutReason);
        w.WriteStartObject("settings");
        foreach (var s in plan.Settings)
        {
            w.WriteString($"{s.Section}.{s.Key}", s.Value);
        }

        w.WriteEndObject();
        w.WriteStartArray("warnings");
        foreach (var warning in plan.Warnings)
        {
            w.WriteStringValue(warning);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    // Each flag with the planned tests Tempest's source gates on it: the evidence of what setting it changed.
    private static void WriteFeatureFlags(System.Text.Json.Utf8JsonWriter w, IReadOnlyList<Stackmark.OpenStack.FeatureFlagDecision> flags, TestPlan plan, TempestTree? tree)
    {
        w.WriteStartArray("feature_flags");
        foreach (var flag in flags)
        {
            w.WriteStartObject();
            w.WriteString("option", flag.Option);
            w.WriteString("value", flag.Value);
            w.WriteString("set_by", flag.SourceWord);
            w.WriteString("reason", flag.Reason);
            if (tree is not null)
            {
                w.WriteStartArray("gates_planned_tests");
                foreach (var test in plan.ToRun.Where(t => tree.GatesOf(t).Any(g => $"{g.Section}.{g.Key}" == flag.Option)))
                {
                    w.WriteStringValue(test.Value);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static async Task<TempestTree?> ReadSourceOrNullAsync(Task<TempestTree?> source)
    {
        try
        {
            return await source.ConfigureAwait(false);
        }
        catch (Exception e) when (e is TempestRunnerException or IOException or OperationCanceledException)
        {
            // Explanations lose the option names; the verdict does not depend on them.
            return null;
        }
    }

    private static void WriteSecret(string path, string content)
    {
        File.WriteAllText(path, content, new UTF8Encoding(false));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
