using System.Collections.Concurrent;
using Stackmark.Guidelines;

namespace Stackmark.Server.Guidelines;

/// <summary>
/// The server's view of the guideline source: lists (cached for a few minutes) and loaded guidelines (cached once
/// they load; a failed read is retried on the next request).
/// </summary>
internal sealed class GuidelineCatalog(IGuidelineSource source, TimeProvider clock)
{
    private static readonly TimeSpan ListLifetime = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<GuidelineId, Guideline> _loaded = new();
    private (DateTimeOffset At, IReadOnlyList<GuidelineId> Ids)? _list;

    public string Description => source.Description;

    /// <exception cref="GuidelineSourceException">The source could not be read.</exception>
    public async Task<IReadOnlyList<GuidelineId>> ListAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_list is { } cached && now - cached.At < ListLifetime)
        {
            return cached.Ids;
        }

        var ids = await source.ListAsync(ct);
        _list = (now, ids);
        return ids;
    }

    /// <exception cref="GuidelineSourceException">The source could not be read.</exception>
    public Task<GuidelineFile?> ReadAsync(GuidelineId id, CancellationToken ct) => source.ReadAsync(id, ct);

    /// <summary>The guideline, or null when the source has no such file; a file that does not load gives its error.</summary>
    /// <exception cref="GuidelineSourceException">The source could not be read.</exception>
    public async Task<(Guideline? Guideline, string? Error)> LoadAsync(GuidelineId id, CancellationToken ct)
    {
        if (_loaded.TryGetValue(id, out var g))
        {
            return (g, null);
        }

        var file = await source.ReadAsync(id, ct);
        if (file is null)
        {
            return (null, null);
        }

        var result = GuidelineLoader.Load(file.Content.Span, file.Name, id);
        if (result.Value is null)
        {
            return (null, result.Error!.ToString());
        }

        _loaded.TryAdd(id, result.Value);
        return (result.Value, null);
    }

    /// <summary>
    /// The guideline that defines <paramref name="target"/> for <paramref name="id"/>: the file itself or, for an add-on
    /// target asked of a core version (<c>2020.06</c> + <c>dns</c>), the add-on file of that version — as
    /// <c>stackmark guidelines tests</c> resolves it.
    /// </summary>
    /// <exception cref="GuidelineSourceException">The source could not be read.</exception>
    public async Task<TargetLookup> LoadForTargetAsync(GuidelineId id, string target, CancellationToken ct)
    {
        var (core, error) = await LoadAsync(id, ct);
        if (core is null)
        {
            return error is null
                ? new TargetLookup(null, StatusCodes.Status404NotFound, $"Guideline {id} is not in the guideline source")
                : new TargetLookup(null, StatusCodes.Status500InternalServerError, $"Guideline {id} does not load: {error}");
        }

        if (core.FindTarget(target) is not null)
        {
            return new TargetLookup(core, 0, null);
        }

        if (id.AddOn is null && target.All(c => char.IsAsciiLetter(c) || c == '_') && target.Length > 0)
        {
            var (addOn, _) = await LoadAsync(id.WithAddOn(target.ToLowerInvariant()), ct);
            if (addOn?.FindTarget(target) is not null)
            {
                return new TargetLookup(addOn, 0, null);
            }
        }

        return new TargetLookup(null, StatusCodes.Status400BadRequest,
            $"Invalid target: {target} (guideline {id} has: {string.Join(", ", core.Targets.Select(t => t.Key))}; add-on targets need a {target}.{id.Version}.json file)");
    }

    /// <summary>The summaries of every guideline in the source that loads (a file that does not is left out).</summary>
    /// <exception cref="GuidelineSourceException">The source could not be read.</exception>
    public async Task<IReadOnlyList<GuidelineSummary>> SummariesAsync(CancellationToken ct)
    {
        var summaries = new List<GuidelineSummary>();
        foreach (var id in await ListAsync(ct))
        {
            if ((await LoadAsync(id, ct)).Guideline is { } g)
            {
                summaries.Add(GuidelineSummary.Of(g));
            }
        }

        return summaries;
    }

    /// <summary>
    /// Whether a verdict against the guideline <paramref name="id"/> may certify on <paramref name="at"/> under
    /// <paramref name="policy"/>; a guideline the source no longer holds is not valid.
    /// </summary>
    /// <exception cref="GuidelineSourceException">The source could not be read.</exception>
    public async Task<CertificationValidity> JudgeAsync(GuidelineId id, DateTime at, InForcePolicy policy, CancellationToken ct)
    {
        var all = await SummariesAsync(ct);
        var summary = all.FirstOrDefault(g => g.Id == id);
        var on = DateOnly.FromDateTime(at);
        return summary is null
            ? new CertificationValidity(false, $"{id} is not in the guideline source, so it cannot be judged in force")
            : GuidelinesInForce.Judge(summary, all, on, policy);
    }

    /// <summary>The newest dated core guideline, the default for compliance when a result names none.</summary>
    public async Task<GuidelineId?> NewestCoreAsync(CancellationToken ct)
    {
        var ids = await ListAsync(ct);
        return ids.Where(i => i.AddOn is null && !i.IsNext).Select(i => (GuidelineId?)i).Max();
    }
}

/// <summary>A guideline found for a target, or an HTTP status and message saying why not.</summary>
internal sealed record TargetLookup(Guideline? Guideline, int Status, string? Error);
