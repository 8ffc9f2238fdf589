using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Stackmark.Guidelines;
using Stackmark.OpenStack;
using Stackmark.Runner;

namespace Stackmark.Cli.Commands;

/// <summary>
/// The options of <c>stackmark run</c> that <c>--resume</c> takes from the run directory (given, they must agree with
/// it), and in <c>Fixed</c> those that shape a run's configuration (cloud, tempest.conf, …): a resume reuses the saved
/// files, so any of them is refused.
/// </summary>
internal sealed record ResumeOptions(
    Option<string> Guideline,
    Option<string> Target,
    Option<string> Type,
    Option<string> Source,
    Option<int?> Concurrency,
    Option<bool> Serial,
    Option<int?> TestTimeout,
    Option<string> Tempest,
    Option<string?> Output,
    Option<string> Progress,
    Option<string> InForcePolicy,
    IReadOnlyList<Option> Fixed);

internal static partial class RunCommand
{
    /// <summary>
    /// <c>stackmark run --resume RUN_DIR</c>: the guideline, its source, target, statuses, concurrency, test timeout and
    /// tempest command from the manifest, tempest.conf and accounts.yaml from the directory; only the planned tests
    /// without a result run, and the directory's outputs then describe the whole run.
    /// </summary>
    private static async Task<int> ResumeAsync(CliContext cx, ParseResult parse, string resumeDir, ResumeOptions o, CancellationToken ct)
    {
        var dir = Path.GetFullPath(resumeDir);
        if (!Directory.Exists(dir))
        {
            throw new UsageException($"--resume {resumeDir}: no such directory");
        }

        SavedRun saved;
        IReadOnlyDictionary<TestName, PriorResult> sofar;
        try
        {
            saved = SavedRun.Read(dir);
            await using var full = File.OpenRead(Path.Combine(dir, RunEngine.Files.FullResults));
            sofar = FullResultsJson.Read(full);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new UsageException($"--resume {resumeDir}: {e.Message}");
        }

        Contradictions(parse, dir, saved, o);
        var source = saved.GuidelineSource ?? parse.GetValue(o.Source)
            ?? throw new UsageException($"--resume: {Path.Combine(dir, RunEngine.Files.Manifest)} records no guideline source; give --source");
        var tempestCommand = saved.TempestCommand ?? parse.GetValue(o.Tempest)!;
        var mode = parse.GetValue(o.Progress) ?? (cx.Console.Profile.Capabilities.Interactive && !Console.IsOutputRedirected ? "live" : "plain");

        // Tests the first part left out on purpose (the accounts could not serve them, or an account was not pristine) stay
        // left out with their reason: a resume completes the run that was planned, it does not re-plan it.
        var withheld = sofar.Where(p => p.Value.NonPass?.Category is NonPassCategory.Accounts or NonPassCategory.Precondition)
            .ToDictionary(p => p.Key, p => p.Value.NonPass!);

        // "No result" as the engine reads the streams again: not run, interrupted, or started and never finished.
        var pendingNames = sofar.Where(p => p.Value.Status == TestStatus.NotRun && p.Value.NonPass?.Category is not (NonPassCategory.NotInTempest or NonPassCategory.Accounts or NonPassCategory.Precondition)
            || p.Value.NonPass?.Category is NonPassCategory.RunnerError or NonPassCategory.Interrupted).Select(p => p.Key).ToHashSet();
        var pending = pendingNames.Count;
        if (pending == 0 && !saved.Interrupted)
        {
            cx.Console.MarkupLineInterpolated($"{dir} is complete: every planned test has a result ({(saved.Compliant ? "COMPLIANT" : "NOT COMPLIANT")}); nothing to resume.");
            return saved.Compliant ? ExitCodes.Ok : ExitCodes.NotCompliant;
        }

        var guidelines = GuidelineSources.Open(source);
        var g = await CommonOptions.LoadForTargetAsync(cx, guidelines, CommonOptions.ParseVersion(saved.Guideline), saved.Target, ct);

        // Judged again today (with this command's --in-force-policy): the policy is not part of the run's settings.
        var validity = CommonOptions.Judge(cx, g, await CommonOptions.SummariesAsync(guidelines, ct), CommonOptions.ParsePolicy(parse.GetValue(o.InForcePolicy)));
        WarnIfNotValid(cx, validity);
        var query = new TestListQuery(saved.Target, CommonOptions.ParseStatuses(saved.Statuses));
        IReadOnlyDictionary<TestName, PriorResult>? rerunOf = null;
        if (saved.RerunOf is { } rerunDir)
        {
            try
            {
                await using var stream = File.OpenRead(Path.Combine(rerunDir, RunEngine.Files.FullResults));
                rerunOf = FullResultsJson.Read(stream);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                throw new UsageException($"--resume: the run re-ran the non-passes of {rerunDir}, which cannot be read: {e.Message}");
            }
        }

        var conf = await File.ReadAllTextAsync(Path.Combine(dir, RunEngine.Files.TempestConf), ct);
        var redacted = await File.ReadAllTextAsync(Path.Combine(dir, RunEngine.Files.RedactedConf), ct);
        var accountsFile = Path.Combine(dir, "workspace", "etc", "accounts.yaml");
        var accounts = File.Exists(accountsFile) ? await File.ReadAllTextAsync(accountsFile, ct) : null;
        await TempestInstaller.EnsureAsync(cx, tempestCommand, ct);
        var engine = new RunEngine(new TempestCli(tempestCommand, cx.Stop?.Forced ?? default), TimeProvider.System, cx.Stop);
        var workspace = await engine.ReopenAsync(dir, ct);
        var request = new RunRequest(g, query, dir, conf, redacted, accounts, saved.Cpid, saved.Concurrency, rerunOf, null,
            saved.TestTimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null, withheld,
            new RunOrigin(source, tempestCommand, saved.RerunOf), saved) { Validity = validity };
        var cleanup = await ResumeCleanupAsync(cx, saved, conf, accounts, g, query, pendingNames, ct);
        cx.Console.MarkupLineInterpolated($"Resuming {g.Id} {saved.Target} in {dir} (part {saved.PartList.Count + 1}): {pending} planned test(s) without a result, {(saved.Concurrency is 1 ? "serial" : saved.Concurrency is { } w ? $"{w} workers" : "one worker per core")}");
        try
        {
            return await ExecuteAsync(cx, engine, request, workspace, mode, null, ct);
        }
        finally
        {
            // As after a first part: what this part made goes, what was there stays.
            if (cleanup is not null)
            {
                await cleanup.AfterAsync(cx, dir);
            }
        }
    }

    // The cloud the run certified, by the name its manifest records, with the run's own accounts.yaml: its accounts
    // are listed before this part and what it makes is removed after. A cloud that cannot be resolved here (another
    // machine, other OS_* variables) only loses the cleanup, with a warning.
    private static async Task<RunCleanup?> ResumeCleanupAsync(CliContext cx, SavedRun saved, string tempestConf, string? accountsYaml, Guideline g, TestListQuery query, IReadOnlySet<TestName> pending, CancellationToken ct)
    {
        if (saved.Cloud is not { } recorded)
        {
            cx.Console.MarkupLine("[yellow]warning:[/] the manifest names no cloud: nothing this part makes will be removed after it ('stackmark cleanup' can)");
            return null;
        }

        CloudConfig cloud;
        try
        {
            var resolver = CloudConfigResolver.FromSystem();
            cloud = recorded.Name == "envvars" ? resolver.ResolveFromEnvironment() : resolver.ResolveNamed(recorded.Name);
        }
        catch (CloudConfigException e)
        {
            cx.Console.MarkupLineInterpolated($"[yellow]warning:[/] cloud {recorded.Name} of the run cannot be resolved here ({e.Message}): nothing this part makes will be removed after it ('stackmark cleanup' can)");
            return null;
        }

        cloud = cloud with { RegionName = recorded.Region ?? cloud.RegionName };
        var accounts = accountsYaml is null ? [] : AccountsFile.Parse(accountsYaml, "accounts.yaml of the run");
        return await RunCleanup.BeforeResumeAsync(cx, cloud, accounts, tempestConf, g, query, pending, ct);
    }

    // An option given with --resume must say what the saved run says; options that shaped its configuration cannot be given.
    private static void Contradictions(ParseResult parse, string dir, SavedRun saved, ResumeOptions o)
    {
        bool Given(Option option) => parse.GetResult(option) is { Implicit: false };
        void Check(Option option, string given, string? kept)
        {
            if (Given(option) && !string.Equals(given, kept, StringComparison.Ordinal))
            {
                throw new UsageException($"--resume: {option.Name} {given} contradicts the run in {dir} ({option.Name} {kept ?? "not recorded"}); leave it out to resume with the saved value");
            }
        }

        foreach (var option in o.Fixed)
        {
            if (Given(option))
            {
                throw new UsageException($"--resume: {option.Name} cannot be given; a resumed run uses the tempest.conf and accounts saved in {dir}");
            }
        }

        if (Given(o.Guideline))
        {
            Check(o.Guideline, CommonOptions.ParseVersion(parse.GetValue(o.Guideline)!).ToString(), saved.Guideline);
        }

        Check(o.Target, parse.GetValue(o.Target)!, saved.Target);
        Check(o.Type, string.Join(",", CommonOptions.ParseStatuses(parse.GetValue(o.Type)).Select(s => s.ToWord())), saved.Statuses);
        if (Given(o.Source) && saved.GuidelineSource is not null)
        {
            var given = parse.GetValue(o.Source)!;
            Check(o.Source, Uri.TryCreate(given, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? given : Path.GetFullPath(given), saved.GuidelineSource);
        }

        var workers = parse.GetValue(o.Serial) ? 1 : parse.GetValue(o.Concurrency);
        Check(Given(o.Serial) ? o.Serial : o.Concurrency, workers?.ToString(CultureInfo.InvariantCulture) ?? "", saved.Concurrency?.ToString(CultureInfo.InvariantCulture));
        Check(o.TestTimeout, parse.GetValue(o.TestTimeout)?.ToString(CultureInfo.InvariantCulture) ?? "", saved.TestTimeoutSeconds?.ToString(CultureInfo.InvariantCulture));
        if (saved.TempestCommand is not null)
        {
            Check(o.Tempest, parse.GetValue(o.Tempest)!, saved.TempestCommand);
        }

        if (Given(o.Output))
        {
            Check(o.Output, Path.GetFullPath(parse.GetValue(o.Output)!), dir);
        }
    }
}
