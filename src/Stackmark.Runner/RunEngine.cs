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
/// <param name="tempest">The runner.</param>
/// <param name="time">The clock.</param>
/// <param name="stop">What stops the run from outside (signals), to record its cause; without it a cancelled token is recorded as <c>cancelled</c>.</param>
public sealed class RunEngine(ITempestRunner tempest, TimeProvider time, RunStop? stop = null)
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

    /// <summary>
    /// Reopens the workspace of an earlier run for <c>--resume</c>: Tempest lists its tests and reads its source there
    /// again; the stestr repository and <c>etc/</c> are reused.
    /// </summary>
    /// <exception cref="TempestRunnerException">The directory holds no workspace.</exception>
    public Task<PreparedWorkspace> ReopenAsync(string runDirectory, CancellationToken cancellationToken)
    {
        var dir = Path.GetFullPath(runDirectory);
        var workspace = Path.Combine(dir, "workspace");
        if (!Directory.Exists(workspace))
        {
            throw new TempestRunnerException($"{workspace} does not exist: {dir} is not a Stackmark run directory");
        }

        return Task.FromResult(new PreparedWorkspace(
            dir,
            workspace,
            tempest.DescribeAsync(CancellationToken.None),
            tempest.ListTestsAsync(workspace, cancellationToken),
            tempest.ReadSourceAsync(cancellationToken)));
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

        // The early listing (made while the cloud was discovered, before this tempest.conf existed) serves the plan: names
        // and idempotent ids. The ids Tempest runs by can depend on the configuration — test_attach_detach_volume is
        // [id-…,slow] only when [validation] run_validation is true — and stestr silently runs nothing for an id it
        // does not know, so the load list takes its ids from a listing under this tempest.conf (about 4 s).
        var runnable = tempest.ListTestsAsync(workspace, cancellationToken);
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

        // A resumed run reads its earlier parts' streams first: their results stand, and only tests without one run.
        var collector = new CollectingSink();
        var earlier = request.Resume?.PartList ?? [];
        foreach (var part in earlier)
        {
            await ReadEarlierPartAsync(Path.Combine(dir, part.Subunit), collector).ConfigureAwait(false);
        }

        if (request.Resume is not null)
        {
            var missing = RunResults.Join(plan, collector.Results, interrupted: true).Where(r => !RunResults.HasResult(r)).Select(r => r.Planned.Resolved)
                .OfType<TestName>().ToHashSet();
            toRun = [.. toRun.Where(missing.Contains)];
        }

        // Tests withheld before the run (the accounts cannot serve them, an account is not pristine) are not sent to Tempest.
        if (request.Withheld is { Count: > 0 } withheld)
        {
            var resolved = plan.Tests.Where(t => t.Resolved is not null && withheld.ContainsKey(t.Test.Name)).Select(t => t.Resolved!.Value).ToHashSet();
            toRun = [.. toRun.Where(n => !resolved.Contains(n))];
        }

        var number = earlier.Count + 1;
        var loadListName = RunPart.LoadListFile(number);
        var subunitName = RunPart.SubunitFile(number);
        var loadList = Path.Combine(dir, loadListName);
        TempestListing runIds;
        try
        {
            runIds = TempestListing.Parse(await runnable.ConfigureAwait(false));
        }
        catch (TempestRunnerException)
        {
            // Tempest itself will say what is wrong with this tempest.conf when it runs; the early ids are the best left.
            runIds = listing;
        }

        await File.WriteAllLinesAsync(loadList, toRun.Select(n => runIds.TryGetTestId(n, out var id) || listing.TryGetTestId(n, out id) ? id : n.Value), cancellationToken).ConfigureAwait(false);

        var sink = new SafeFanOutSink([collector, sinks(plan)], (_, _) => { });
        var started = time.GetUtcNow();
        DateTimeOffset? cancelledAt = null;
        using var noteCancel = cancellationToken.Register(() => cancelledAt ??= time.GetUtcNow());
        int? exit = null;
        var interrupted = false;
        var parserErrors = 0;
        if (toRun.Count > 0)
        {
            try
            {
                exit = await tempest.RunAsync(workspace, loadList, new TempestRunOptions(request.Concurrency, request.TestTimeout), async stdout =>
                {
                    // Unbuffered: the stream on disk keeps up with Tempest, so the finished tests' evidence is there even
                    // if this process is killed outright.
                    await using var raw = new FileStream(Path.Combine(dir, subunitName), FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
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
        var interruption = !interrupted ? null : stop?.Interruption ?? new RunInterruption("cancelled", cancelledAt ?? finished, false);
        RunPart[] parts = [.. earlier, new RunPart(number, started, finished, toRun.Count, exit, interrupted, interruption, subunitName, loadListName, parserErrors)];
        var tree = await ReadSourceOrNullAsync(source).ConfigureAwait(false);
        var results = RunResults.Join(plan, collector.Results, request.RerunOf, tree, interrupted, request.Withheld).ToList();
        var report = ComplianceEvaluator.Evaluate(request.Guideline, request.Query.Target, results.Select(r => r.ToOutcome())) with { Validity = request.Validity };
        var summary = RunSummary.Of(report, request.Cpid, parts[0].StartedAt, finished, interrupted, dir);
        var outcome = new RunOutcome(plan, results, report, summary, exit, interrupted, parts.Sum(p => p.SubunitParserErrors), RunResults.ClassErrors(plan, collector.Results))
        {
            Parts = parts,
        };
        await WriteOutputsAsync(dir, request, outcome, await describe.ConfigureAwait(false), tree, CancellationToken.None).ConfigureAwait(false);
        return outcome;
    }

    // An earlier part's stream as it was kept; a part that never started Tempest has none.
    private static async Task ReadEarlierPartAsync(string path, IResultSink collector)
    {
        if (!File.Exists(path))
        {
            return;
        }

        await using var file = File.OpenRead(path);
        await using var reader = new SubunitReader(file, leaveOpen: true);
        while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false) is { } e)
        {
            collector.OnEvent(e);
        }
    }

    private static async Task WriteOutputsAsync(string dir, RunRequest request, RunOutcome outcome, string tempestVersion, TempestTree? tree, CancellationToken ct)
    {
        var passed = outcome.Results.Where(r => r.Status == TestStatus.Passed)
            .Select(r => new TestOutcome(r.Planned.Resolved!.Value, r.Planned.Test.Id ?? TestName.FromTempestId(r.TempestId ?? "").Id, TestStatus.Passed))
            .DistinctBy(o => o.Name)
            .ToList();
        // Tempest's time over all parts, without the pauses between an interruption and its --resume.
        var duration = (long)TempestTime(outcome).TotalSeconds;
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
        await WriteManifestAsync(dir, request, outcome, tempestVersion, tree, ct).ConfigureAwait(false);
    }

    private static TimeSpan TempestTime(RunOutcome outcome) =>
        outcome.Parts is { Count: > 0 } parts
            ? TimeSpan.FromTicks(parts.Sum(p => (p.FinishedAt - p.StartedAt).Ticks))
            : outcome.Summary.FinishedAt - outcome.Summary.StartedAt;

    private static async Task WriteManifestAsync(string dir, RunRequest request, RunOutcome outcome, string tempestVersion, TempestTree? tree, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        await using (var w = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Indented = true }))
        {
            await WriteManifestAsync(w, dir, request, outcome, tempestVersion, tree, ct).ConfigureAwait(false);
        }

        var json = buffer.ToArray();
        if (request.Resume is { } saved)
        {
            json = RunManifestMerge.CarryOver(json, saved.Document);
        }

        await File.WriteAllBytesAsync(Path.Combine(dir, Files.Manifest), json, ct).ConfigureAwait(false);
    }

    private static async Task WriteManifestAsync(System.Text.Json.Utf8JsonWriter w, string dir, RunRequest request, RunOutcome outcome, string tempestVersion, TempestTree? tree, CancellationToken ct)
    {
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
        var parts = outcome.Parts ?? [];
        if (parts.Count > 0 && parts[^1].Interruption is { } interruption)
        {
            w.WritePropertyName("interruption");
            System.Text.Json.JsonSerializer.Serialize(w, interruption, SavedRun.Json);
        }

        if (request.Concurrency is { } workers)
        {
            w.WriteNumber("concurrency", workers);
        }

        if (request.Origin is { } origin)
        {
            w.WriteString("guideline_source", origin.GuidelineSource);
            w.WriteString("tempest_command", origin.TempestCommand);
            if (origin.RerunOf is { } rerunOf)
            {
                w.WriteString("rerun_of", rerunOf);
            }
        }

        if (request.TestTimeout is { } limit)
        {
            w.WriteNumber("test_timeout_seconds", (long)Math.Ceiling(limit.TotalSeconds));
        }
        if (outcome.TempestExitCode is { } code)
        {
            w.WriteNumber("tempest_exit_code", code);
        }

        w.WriteNumber("planned_tests", outcome.Plan.Tests.Count);
        w.WriteNumber("tests_run", parts.Sum(p => p.TestsRun));
        w.WriteNumber("not_in_tempest", outcome.Plan.Missing.Count());
        w.WriteNumber("subunit_parser_errors", outcome.ParserErrors);
        w.WriteNumber("class_errors", outcome.ClassErrors.Count);
        w.WriteBoolean("rerun", request.RerunOf is not null);
        // Each stretch of Tempest: the first, and one per --resume, each with its own subunit stream and load list.
        w.WriteNumber("resumes", Math.Max(0, parts.Count - 1));
        w.WritePropertyName("parts");
        System.Text.Json.JsonSerializer.Serialize(w, parts, SavedRun.Json);
        // The runner's own cost beside Tempest's: how long Tempest ran (the rest of the wall is discovery, planning and
        // reports), and this process's peak resident memory (VmHWM; Tempest's workers are other processes).
        w.WriteStartObject("runner");
        w.WriteNumber("tempest_seconds", Math.Round(TempestTime(outcome).TotalSeconds, 1));
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
        var partFiles = parts.Skip(1).SelectMany(p => new[] { p.LoadList, p.Subunit });
        foreach (var name in new[] { Files.LoadList, Files.RedactedConf, Files.Subunit, Files.Results, Files.FullResults, Files.JUnit, Files.ReportJson }.Concat(partFiles))
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
