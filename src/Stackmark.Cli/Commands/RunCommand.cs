using System.CommandLine;
using Spectre.Console;
using Stackmark.Cli.Views;
using Stackmark.OpenStack;
using Stackmark.Runner;

namespace Stackmark.Cli.Commands;

/// <summary>
/// <c>stackmark run</c>: discover the cloud, write tempest.conf, run the guideline's tests with Tempest in
/// parallel, stream progress, judge, and write the evidence. Exit 0 compliant, 1 not, 2 usage/config, 3 runner.
/// </summary>
internal static partial class RunCommand
{
    public static Command Create(CliContext cx)
    {
        var cloud = new Option<string?>("--os-cloud") { Description = "Cloud from clouds.yaml (standard search path); default: OS_CLOUD, else the OS_* variables." };
        var region = new Option<string?>("--os-region") { Description = "The region to certify (default: the cloud's region_name / OS_REGION_NAME, else the catalog's only region)." };
        var altClouds = new Option<string[]>("--alt-cloud") { Description = "More clouds.yaml entries whose credentials become extra Tempest accounts (for non-admin runs in parallel).", AllowMultipleArgumentsPerToken = false };
        var accountsFile = new Option<string?>("--accounts") { Description = "A Tempest accounts.yaml (as refstack-client uses): its accounts, each checked with its own token, become Tempest's pre-provisioned accounts." };
        var acceptIncomplete = new Option<bool>("--accept-incomplete") { Description = "Run even when the accounts cannot serve every required test (too few accounts, a role missing, an account that is not empty): those tests are not run and the verdict is incomplete, never not compliant." };
        var guideline = new Option<string>("--guideline", "-g") { Description = "Guideline version, e.g. 2020.06 (default: the newest in force for the target)." };
        var target = CommonOptions.Target();
        var type = new Option<string>("--type") { Description = "Capability statuses to run (default: required).", DefaultValueFactory = _ => "required" };
        var source = CommonOptions.Source();
        var policy = CommonOptions.InForcePolicy();
        var resume = new Option<string?>("--resume") { Description = "An interrupted run directory: run only its tests without a result, with its saved settings, and merge into it." };
        var output = new Option<string?>("--out", "-o") { Description = "Run directory (default: ./runs/<guideline>-<target>-<timestamp>)." };
        var tempestConf = new Option<string?>("--tempest-conf") { Description = "Use this tempest.conf as it is instead of the discovered one." };
        var overrides = new Option<string[]>("--override") { Description = "section.key=value set in the discovered tempest.conf (repeatable)." };
        var serial = new Option<bool>("--serial") { Description = "One worker." };
        var concurrency = new Option<int?>("--concurrency", "-c") { Description = "Workers (default: one per core)." };
        var testTimeout = new Option<int?>("--test-timeout") { Description = "Seconds a test method may run before it fails as a timeout (Tempest's OS_TEST_TIMEOUT; default: no limit)." };
        var rerun = new Option<string?>("--rerun-failed") { Description = "An earlier run directory: run again only its tests that did not pass, recording both attempts." };
        var progress = new Option<string>("--progress") { Description = "live (a bar; default on a terminal), plain (a line per test; default otherwise), quiet." };
        progress.AcceptOnlyFromAmong("live", "plain", "quiet");
        var validation = new Option<string>("--validation")
        {
            Description = "Guest validation (Tempest SSHes into the servers it boots): auto (on when discovery shows a guest can boot and be reached from here), on, off.",
            DefaultValueFactory = _ => "auto",
        };
        validation.AcceptOnlyFromAmong("auto", "on", "off");
        var guestUser = new Option<string?>("--guest-user") { Description = "The guest image's SSH login (default: the image's os_admin_user, else by its os_distro: cirros, ubuntu, debian, …)." };
        var tempestBin = new Option<string>("--tempest") { Description = "The tempest command.", DefaultValueFactory = _ => "/usr/bin/tempest" };
        var command = new Command("run", "Certify a cloud: run a guideline's tests with Tempest and judge the results.")
        {
            cloud, region, altClouds, accountsFile, acceptIncomplete, guideline, target, type, source, output, tempestConf, overrides, validation, guestUser, serial, concurrency, testTimeout, rerun, progress, tempestBin, resume, policy,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (cx.Stop is { } signals)
            {
                // A second signal kills Tempest at once, and the run still writes its outputs.
                signals.HandlesForced = true;
            }

            if (parse.GetValue(resume) is { } resumeDir)
            {
                return await ResumeAsync(cx, parse, resumeDir, new ResumeOptions(
                    guideline, target, type, source, concurrency, serial, testTimeout, tempestBin, output, progress, policy,
                    [cloud, altClouds, tempestConf, overrides, validation, guestUser, rerun]), ct);
            }

            var targetKey = parse.GetValue(target)!;
            var src = CommonOptions.OpenSource(cx, parse.GetValue(source));
            var inForce = CommonOptions.ParsePolicy(parse.GetValue(policy));
            var summaries = await CommonOptions.SummariesAsync(src, ct);
            var version = parse.GetValue(guideline) is { } v ? CommonOptions.ParseVersion(v) : CommonOptions.NewestInForce(cx, summaries, src, targetKey, inForce);
            var g = await CommonOptions.LoadForTargetAsync(cx, src, version, targetKey, ct);
            var validity = CommonOptions.Judge(cx, g, summaries, inForce);
            WarnIfNotValid(cx, validity);
            var recordedSource = await CommonOptions.RecordedSourceAsync(src, parse.GetValue(source), g.Id, ct);
            var query = new TestListQuery(targetKey, CommonOptions.ParseStatuses(parse.GetValue(type)));
            var workers = parse.GetValue(serial) ? 1 : parse.GetValue(concurrency);
            if (workers is < 1)
            {
                throw new UsageException("--concurrency must be 1 or more");
            }

            var limit = parse.GetValue(testTimeout);
            if (limit is < 1)
            {
                throw new UsageException("--test-timeout must be 1 second or more");
            }

            var guest = new GuestChoice(
                parse.GetValue(validation) switch { "on" => GuestValidationMode.On, "off" => GuestValidationMode.Off, _ => GuestValidationMode.Auto },
                parse.GetValue(guestUser) is { } user && !string.IsNullOrWhiteSpace(user) ? user.Trim() : null);
            if (parse.GetValue(tempestConf) is not null && (parse.GetResult(validation) is { Implicit: false } || guest.User is not null))
            {
                throw new UsageException("--validation and --guest-user shape the discovered tempest.conf; with --tempest-conf, set [validation] in that file (or by --override)");
            }

            if (parse.GetValue(tempestConf) is not null && parse.GetValue(accountsFile) is not null)
            {
                throw new UsageException("--accounts shapes the discovered tempest.conf; with --tempest-conf, name the accounts file in it (auth.test_accounts_file)");
            }

            // Read before anything starts: a bad file is a usage error naming its line and entry.
            var fileAccounts = parse.GetValue(accountsFile) is { } accountsPath ? CloudPreparation.ReadAccountsFile(accountsPath) : null;

            IReadOnlyDictionary<TestName, PriorResult>? prior = null;
            if (parse.GetValue(rerun) is { } rerunDir)
            {
                var file = Path.Combine(rerunDir, RunEngine.Files.FullResults);
                if (!File.Exists(file))
                {
                    throw new UsageException($"--rerun-failed: {file} does not exist");
                }

                await using var stream = File.OpenRead(file);
                prior = FullResultsJson.Read(stream);
            }

            await TempestInstaller.EnsureAsync(cx, parse.GetValue(tempestBin)!, ct);
            var dir = parse.GetValue(output) ?? Path.Combine("runs", $"{g.Id}-{targetKey}-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
            var existed = Directory.Exists(dir);
            if (existed && Directory.EnumerateFileSystemEntries(dir).Any())
            {
                throw new UsageException($"--out {dir} is not empty: each run needs a fresh directory");
            }

            var engine = new RunEngine(new TempestCli(parse.GetValue(tempestBin)!, cx.Stop?.Forced ?? default), TimeProvider.System, cx.Stop);
            PreparedWorkspace workspace;
            PreparedCloud prepared;
            AccountDecision accounts;
            RunCleanup cleanup;
            try
            {
                // Tempest lists its tests while the cloud is discovered: the two slow start-ups overlap.
                workspace = await engine.PrepareAsync(dir, ct);
                var projects = g.CapabilitiesOf(targetKey, [CapabilityStatus.Required]).Select(c => c.Definition?.Project).OfType<string>().ToHashSet(StringComparer.Ordinal);
                prepared = await CloudPreparation.PrepareAsync(cx, parse.GetValue(cloud), parse.GetValue(altClouds) ?? [], parse.GetValue(tempestConf), fileAccounts, parse.GetValue(overrides) ?? [], projects, guest, ct, parse.GetValue(region));
                // Before Tempest starts: a plan the accounts cannot serve stops here (exit 2), in seconds.
                accounts = await AccountPlanning.DecideAsync(cx, prepared, workspace, g, query, workers, parse.GetValue(acceptIncomplete));
                // What the accounts hold before Tempest starts: removed after the run is what is new; checked against tests needing empty accounts.
                cleanup = await RunCleanup.BeforeAsync(cx, prepared, g, query, parse.GetValue(acceptIncomplete), ct);
            }
            catch
            {
                // Nothing ran: leave no half-made run directory behind.
                if (Directory.Exists(dir))
                {
                    if (existed)
                    {
                        foreach (var entry in Directory.EnumerateFileSystemEntries(dir))
                        {
                            if (Directory.Exists(entry)) { Directory.Delete(entry, true); } else { File.Delete(entry); }
                        }
                    }
                    else
                    {
                        Directory.Delete(dir, true);
                    }
                }

                throw;
            }

            workers = accounts.Workers;
            var request = new RunRequest(g, query, dir, prepared.TempestConf, prepared.RedactedConf, accounts.AccountsYaml, prepared.Cpid, workers, prior, prepared.Facts,
                limit is { } seconds ? TimeSpan.FromSeconds(seconds) : null, Withheld(accounts.NotServed, cleanup.Withheld),
                new RunOrigin(recordedSource, parse.GetValue(tempestBin)!, parse.GetValue(rerun) is { } r ? Path.GetFullPath(r) : null)) { Accounts = accounts.Evidence, Validity = validity };
            var mode = parse.GetValue(progress) ?? (cx.Console.Profile.Capabilities.Interactive && !Console.IsOutputRedirected ? "live" : "plain");
            cx.Console.MarkupLineInterpolated($"Running {g.Id} {targetKey} ({string.Join(",", query.EffectiveStatuses.Select(s => s.ToWord()))}) against cloud {prepared.CloudName} (cpid {prepared.Cpid}), {(workers is 1 ? "serial" : workers is { } w ? $"{w} workers" : "one worker per core")}; results in {Path.GetFullPath(dir)}");
            try
            {
                return await ExecuteAsync(cx, engine, request, workspace, mode, prepared.Facts, ct);
            }
            finally
            {
                // Also after a failure or an interruption: what the run created goes, what was there stays.
                await cleanup.AfterAsync(cx, dir);
            }
        });
        return command;
    }

    // Runs, shows the summary, writes report.txt and maps the outcome to the exit code: the same for a first run and a resume.
    private static async Task<int> ExecuteAsync(CliContext cx, RunEngine engine, RunRequest request, PreparedWorkspace workspace, string mode, CloudFacts? facts, CancellationToken ct)
    {
        var dir = request.OutputDirectory;
        RunOutcome outcome;
        try
        {
            outcome = await ProgressViews.RunAsync(cx.Console, mode, sink => engine.ExecuteAsync(request, workspace, sink, ct));
        }
        catch (TempestRunnerException e)
        {
            cx.Error.WriteLine($"stackmark: runner error: {e.Message}");
            return ExitCodes.RunnerError;
        }

        var summary = RunSummaryView.Render(outcome, Path.GetFullPath(dir), facts);
        await File.WriteAllTextAsync(Path.Combine(dir, "report.txt"), RenderPlain(summary), CancellationToken.None);
        cx.Console.Write(summary);
        if (outcome.Interrupted)
        {
            var done = outcome.Results.Count(RunResults.HasResult);
            var how = outcome.Parts?[^1].Interruption is { } i ? $" by {i.Cause}{(i.Forced ? " (forced)" : "")}" : "";
            cx.Error.WriteLine($"stackmark: interrupted{how}: {done} of {outcome.Results.Count} planned tests have a result, in {Path.GetFullPath(dir)}; to complete the run: stackmark run --resume {Path.GetFullPath(dir)}");
            return ExitCodes.RunnerError;
        }

        // Tempest failing with nothing run at all (import errors, bad config) is the runner's failure, not the cloud's.
        if (outcome.TempestExitCode is not (null or 0) && outcome.Results.All(r => r.Status is TestStatus.NotRun))
        {
            cx.Error.WriteLine($"stackmark: Tempest exited {outcome.TempestExitCode} without running a test; see {Path.Combine(Path.GetFullPath(dir), "workspace", "tempest-stderr.log")}");
            return ExitCodes.RunnerError;
        }

        return ExitCodes.Of(outcome.Summary.Verdict);
    }

    // Said before the run starts, so nobody spends an hour certifying against a draft by mistake; the run still goes ahead.
    private static void WarnIfNotValid(CliContext cx, CertificationValidity validity)
    {
        if (!validity.Valid)
        {
            cx.Error.WriteLine($"stackmark: NOT VALID FOR CERTIFICATION: {validity.Reason}. The run's verdict will be labelled so.");
        }
    }

    internal static string RenderPlain(Spectre.Console.Rendering.IRenderable renderable)
    {
        var writer = new StringWriter();
        CliContext.Plain(writer).Console.Write(renderable);
        return writer.ToString();
    }

    // Tests not sent to Tempest, with why: those the accounts cannot serve, then those an account's contents rule out.
    private static Dictionary<TestName, NonPass> Withheld(IReadOnlyDictionary<TestName, NonPass> notServed, IReadOnlyDictionary<TestName, NonPass> precondition)
    {
        var withheld = new Dictionary<TestName, NonPass>(notServed);
        foreach (var (name, why) in precondition)
        {
            withheld.TryAdd(name, why);
        }

        return withheld;
    }
}
