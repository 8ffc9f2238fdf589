using System.CommandLine;
using Stackmark.Guidelines;

namespace Stackmark.Cli.Commands;

/// <summary>Options several commands share, and their parsing into domain values.</summary>
internal static class CommonOptions
{
    public static Option<string> Source() => new("--source", "-s")
    {
        Description = $"Guideline source: a directory laid out like openstack/interop, or an http(s) URL (e.g. {GuidelineSources.Upstream}).",
        Required = true,
    };

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
    public static async Task<Guideline> LoadForTargetAsync(IGuidelineSource source, GuidelineId version, string target, CancellationToken ct)
    {
        var core = await LoadAsync(source, version, ct).ConfigureAwait(false);
        if (core.FindTarget(target) is not null)
        {
            return core;
        }

        if (version.AddOn is null && await source.ReadAsync(version.WithAddOn(target.ToLowerInvariant()), ct).ConfigureAwait(false) is not null)
        {
            return await LoadAsync(source, version.WithAddOn(target.ToLowerInvariant()), ct).ConfigureAwait(false);
        }

        throw new UsageException($"guideline {version} has no target '{target}' (it has: {string.Join(", ", core.Targets.Select(t => t.Key))}; add-on targets need a {target}.{version.Version}.json file)");
    }

    public static async Task<Guideline> LoadAsync(IGuidelineSource source, GuidelineId version, CancellationToken ct)
    {
        var result = await source.LoadAsync(version, ct).ConfigureAwait(false);
        return result.Value ?? throw new UsageException(result.Error!.ToString());
    }
}
