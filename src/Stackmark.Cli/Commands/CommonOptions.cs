using System.CommandLine;
using Stackmark.Guidelines;

namespace Stackmark.Cli.Commands;

/// <summary>Options several commands share, and their parsing into domain values.</summary>
internal static class CommonOptions
{
    public static Option<string> Source() => new("--source", "-s")
    {
        Description = $"Guideline source: a directory laid out like openstack/interop, or an http(s) URL (e.g. {GuidelineSources.LegacyUpstreamRawTree}). " +
            "Default: the user cache (stackmark guidelines update) for the guidelines it holds, else the built-in copy.",
    };

    /// <summary>The source a command reads: <c>--source</c> alone when given (as before), else the user cache, then built in.</summary>
    public static IGuidelineSource OpenSource(CliContext cx, string? location) =>
        location is null ? GuidelineSources.Default(cx.GuidelineCache ?? GuidelineCache.ForUser()) : GuidelineSources.Open(location);

    /// <summary>The summaries of the guidelines <paramref name="source"/> holds; a file that does not load is left out (<c>guidelines list</c> shows why).</summary>
    public static async Task<IReadOnlyList<GuidelineSummary>> SummariesAsync(IGuidelineSource source, CancellationToken ct)
    {
        var summaries = new List<GuidelineSummary>();
        foreach (var id in await source.ListAsync(ct).ConfigureAwait(false))
        {
            if ((await source.LoadAsync(id, ct).ConfigureAwait(false)).Value is { } g)
            {
                summaries.Add(GuidelineSummary.Of(g));
            }
        }

        return summaries;
    }

    /// <summary>
    /// The default of <c>--guideline</c>: the newest guideline in force today under the policy with the target, said
    /// on standard error with the reason.
    /// </summary>
    public static GuidelineId NewestInForce(CliContext cx, IReadOnlyList<GuidelineSummary> summaries, IGuidelineSource source, string target, InForcePolicy policy)
    {
        var inForce = GuidelinesInForce.For(summaries, target, cx.Today, policy);
        var rule = policy.MostRecentApproved is null ? "status approved" : policy.Describe();
        var chosen = GuidelinesInForce.Newest(summaries, target, cx.Today, policy)
            ?? throw new UsageException($"no guideline in force ({rule}) has the target '{target}' in {source.Description}; give --guideline");
        cx.Error.WriteLine($"Guideline {chosen.Id} chosen: the newest in force for {target} ({rule}; in force: {string.Join(", ", inForce.Select(g => g.Id))}); --guideline chooses another");
        return chosen.Id;
    }

    /// <summary><c>--in-force-policy</c>: which guidelines are valid for certification (README, "Which guidelines are in force").</summary>
    public static Option<string> InForcePolicy() => new("--in-force-policy")
    {
        Description = "Which guidelines are in force (valid for certification): status (the file's own status: approved; default) or recent:N (only the N most recent approved of each kind). A verdict against another guideline is labelled not valid for certification; the exit code is the same.",
        DefaultValueFactory = _ => "status",
    };

    public static InForcePolicy ParsePolicy(string? text) =>
        Stackmark.InForcePolicy.TryParse(text ?? "status", out var policy)
            ? policy
            : throw new UsageException($"--in-force-policy: '{text}' is not status or recent:N (N at least 1)");

    /// <summary>Whether a verdict against <paramref name="guideline"/> may certify today under <paramref name="policy"/>.</summary>
    public static CertificationValidity Judge(CliContext cx, Guideline guideline, IReadOnlyList<GuidelineSummary> summaries, InForcePolicy policy) =>
        GuidelinesInForce.Judge(GuidelineSummary.Of(guideline), summaries, cx.Today, policy);

    public static Option<string> Format(params string[] formats)
    {
        var option = new Option<string>("--format", "-f")
        {
            Description = $"Output format: {string.Join(", ", formats)}.",
            DefaultValueFactory = _ => formats[0],
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    public static Option<string> Target(string? defaultValue = "platform") => new("--target", "-t")
    {
        Description = "Program: platform, compute, object (core); dns, orchestration (add-ons).",
        DefaultValueFactory = _ => defaultValue!,
        Required = defaultValue is null,
    };

    public static GuidelineId ParseVersion(string text) =>
        GuidelineId.TryParse(text, out var id) ? id : throw new UsageException($"'{text}' is not a guideline version (YYYY.MM, next, or ADDON.YYYY.MM)");

    public static IReadOnlyList<CapabilityStatus> ParseStatuses(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return CapabilityStatuses.All;
        }

        var list = new List<CapabilityStatus>();
        foreach (var word in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            list.Add(CapabilityStatuses.TryParse(word, out var s) ? s : throw new UsageException($"--type: '{word}' is not a status (required, advisory, deprecated, removed)"));
        }

        return list;
    }

    /// <summary>
    /// Loads the guideline a target lives in: the core file, or for an add-on target (dns, orchestration) the
    /// add-on file of the same version.
    /// </summary>
    public static async Task<Guideline> LoadForTargetAsync(CliContext cx, IGuidelineSource source, GuidelineId version, string target, CancellationToken ct)
    {
        var core = await LoadAsync(cx, source, version, ct).ConfigureAwait(false);
        if (core.FindTarget(target) is not null)
        {
            return core;
        }

        if (version.AddOn is null && await source.ReadAsync(version.WithAddOn(target.ToLowerInvariant()), ct).ConfigureAwait(false) is not null)
        {
            return await LoadAsync(cx, source, version.WithAddOn(target.ToLowerInvariant()), ct).ConfigureAwait(false);
        }

        throw new UsageException($"guideline {version} has no target '{target}' (it has: {string.Join(", ", core.Targets.Select(t => t.Key))}; add-on targets need a {target}.{version.Version}.json file)");
    }

    /// <summary>Loads a guideline and says on standard error which source served it (standard output may be JSON).</summary>
    public static async Task<Guideline> LoadAsync(CliContext cx, IGuidelineSource source, GuidelineId version, CancellationToken ct)
    {
        var file = await source.ReadAsync(version, ct).ConfigureAwait(false)
            ?? throw new GuidelineSourceException($"guideline {version} is not in {source.Description}");
        cx.Error.WriteLine($"Guideline {version} from {file.ServedBy ?? source.Description}");
        var result = GuidelineLoader.Load(file.Content.Span, file.Name, version);
        return result.Value ?? throw new UsageException(result.Error!.ToString());
    }

    /// <summary>
    /// What a run records as its guideline source, so that <c>--resume</c> reads the same file: the <c>--source</c>
    /// given (a directory made absolute), else the cache directory or the built-in source that served the guideline.
    /// </summary>
    public static async Task<string> RecordedSourceAsync(IGuidelineSource source, string? given, GuidelineId id, CancellationToken ct)
    {
        if (given is not null)
        {
            return Uri.TryCreate(given, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? given : Path.GetFullPath(given);
        }

        foreach (var layer in source is LayeredGuidelineSource layered ? layered.Layers : [source])
        {
            if (await layer.ReadAsync(id, ct).ConfigureAwait(false) is not null)
            {
                return layer is GuidelineCache cache ? cache.Directory : layer.Description;
            }
        }

        return source.Description;
    }
}
