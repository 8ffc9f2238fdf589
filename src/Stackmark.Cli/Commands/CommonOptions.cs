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

    /// <summary>
    /// The default of <c>--guideline</c>: the newest guideline in force (approved) with the target, said on standard
    /// error with the reason.
    /// </summary>
    public static async Task<GuidelineId> NewestInForceAsync(CliContext cx, IGuidelineSource source, string target, CancellationToken ct)
    {
        var summaries = new List<GuidelineSummary>();
        foreach (var id in await source.ListAsync(ct).ConfigureAwait(false))
        {
            // A file that does not load cannot be chosen; `guidelines list` shows why.
            if ((await source.LoadAsync(id, ct).ConfigureAwait(false)).Value is { } g)
            {
                summaries.Add(GuidelineSummary.Of(g));
            }
        }

        var inForce = GuidelinesInForce.For(summaries, target);
        var chosen = GuidelinesInForce.Newest(summaries, target)
            ?? throw new UsageException($"no guideline in force (status approved) has the target '{target}' in {source.Description}; give --guideline");
        cx.Error.WriteLine($"Guideline {chosen.Id} chosen: the newest in force for {target} (status approved; in force: {string.Join(", ", inForce.Select(g => g.Id))}); --guideline chooses another");
        return chosen.Id;
    }

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
