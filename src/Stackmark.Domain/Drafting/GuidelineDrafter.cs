namespace Stackmark;

/// <summary>
/// Drafts the next guideline (schema 2.0, status draft) from the current one and a scoring matrix, enforcing the
/// interop lifecycle.
/// </summary>
/// <remarks>
/// Per component: a capability new to it enters as <b>advisory</b> when it qualifies and has a definition with
/// tests (in the current file or <see cref="DraftOptions.Candidates"/>), never straight as required; an advisory
/// capability that qualifies becomes <b>required</b> (its <c>required_since</c> becomes the draft's id); a required
/// capability stays required whatever its score (sticky) unless <see cref="DraftOptions.Deprecate"/> names it;
/// deprecated becomes <b>removed</b>; removed leaves the lists (and its definition, once no component names it).
/// Approved flags are recorded on their tests, which stay listed. A scored line updates the capability's
/// achievements and admin flag. The draft is loaded back and validated against the current guideline. See
/// https://opendev.org/openstack/interop/src/branch/master/doc/source/process/2021A.rst. Thread-safe.
/// </remarks>
public static partial class GuidelineDrafter
{
    /// <summary>Drafts the guideline that follows the one in <paramref name="fromJson"/>.</summary>
    /// <param name="fromJson">The current guideline's bytes (schema 2.0).</param>
    /// <param name="fromFile">Its file name, for messages and to tell which guideline it is.</param>
    /// <param name="options">Id, scores, flags, deprecations, candidates.</param>
    public static DraftResult Draft(ReadOnlySpan<byte> fromJson, string fromFile, DraftOptions options)
    {
        ArgumentNullException.ThrowIfNull(fromFile);
        ArgumentNullException.ThrowIfNull(options);
        var loaded = GuidelineLoader.Load(fromJson, fromFile);
        if (loaded.Value is not { } from)
        {
            return Failed(null, new Finding(Severity.Error, "draft-source", loaded.Error!.Message, loaded.Error.Location));
        }

        if (from.Schema != "2.0")
        {
            return Failed(from, new Finding(Severity.Error, "draft-source", $"drafting starts from a 2.0 guideline; {from.Id} is schema {from.Schema}", new SourceLocation(fromFile, "$", 0)));
        }

        var scheme = options.Scheme ?? ScoringScheme.For(from);
        var findings = new List<Finding>();
        if (!(options.DeployedThreshold > 0 && options.DeployedThreshold <= 1))
        {
            return Failed(from, new Finding(Severity.Error, "draft-source", $"the widely-deployed threshold {options.DeployedThreshold} is not a share of clouds in (0, 1]", new SourceLocation(fromFile, "$", 0)));
        }

        var (sheet, updated, deployed) = WithCommunity(from, options, scheme);
        var plan = Plan(from, options with { Scores = sheet }, updated, scheme, fromFile, findings);
        var flags = ApplyFlags(plan, options.Flags ?? [], findings);
        if (findings.Any(f => f.Severity == Severity.Error))
        {
            return new DraftResult(from, null, null, scheme, plan.Decisions, flags, findings, [], deployed);
        }

        var json = WriteJson(fromJson, from, options.Id, plan);
        var draftFile = options.Id + ".json";
        var draftLoad = GuidelineLoader.Load(json, draftFile, options.Id);
        if (draftLoad.Value is not { } draft)
        {
            findings.Add(new Finding(Severity.Error, "draft-invalid", draftLoad.Error!.Message, draftLoad.Error.Location));
            return new DraftResult(from, json, null, scheme, plan.Decisions, flags, findings, [], deployed);
        }

        findings.AddRange(GuidelineValidator.Validate(draft, draftFile, from));
        return new DraftResult(from, json, draft, scheme, plan.Decisions, flags, findings, TargetDiff.Compare(from, draft), deployed);
    }

    // Community data rewrites the "deployed" criterion before any decision: in the matrix lines (WidelyDeployed.Apply,
    // totals recomputed) and, for capabilities the matrix does not score, in their achievements, which are what they are
    // scored from and what the draft writes back.
    private static (Worksheet? Sheet, Dictionary<CapabilityId, Capability> Updated, List<DeployedChange> Changes) WithCommunity(Guideline from, DraftOptions options, ScoringScheme scheme)
    {
        var changes = new List<DeployedChange>();
        var updatedDefs = new Dictionary<CapabilityId, Capability>();
        if (options.Community is not { } report)
        {
            return (options.Scores, updatedDefs, changes);
        }

        var sheet = options.Scores;
        if (sheet is not null)
        {
            var update = WidelyDeployed.Apply(sheet, report, options.DeployedThreshold, scheme);
            sheet = update.Worksheet;
            changes.AddRange(update.Changes);
        }

        var weighted = scheme.Criteria.Any(c => c.Key == WidelyDeployed.CriterionKey);
        foreach (var def in from.Capabilities.Concat(options.Candidates ?? []).DistinctBy(c => c.Id))
        {
            if (!weighted || sheet?.Find(def.Id) is not null || report.Find(def.Id) is not { } adoption)
            {
                continue;
            }

            var mark = WidelyDeployed.MarkFor(adoption, options.DeployedThreshold);
            var had = def.Achievements.Contains(WidelyDeployed.CriterionKey);
            if (mark == Mark.Unknown || had == (mark == Mark.One))
            {
                continue;
            }

            var updated = def with
            {
                Achievements = mark == Mark.One ? [.. def.Achievements, WidelyDeployed.CriterionKey] : [.. def.Achievements.Where(a => a != WidelyDeployed.CriterionKey)],
            };
            updatedDefs[def.Id] = updated;
            changes.Add(new DeployedChange(def.Id, had ? Mark.One : Mark.Zero, mark, adoption.CloudsPassing, adoption.CloudsTotal, scheme.Evaluate(def).Points, scheme.Evaluate(updated).Points));
        }

        return (sheet, updatedDefs, changes);
    }

    private static DraftResult Failed(Guideline? from, Finding finding) => new(from, null, null, null, [], [], [finding], []);

    private sealed class DraftPlan
    {
        public List<DraftDecision> Decisions { get; } = [];

        // Component → status → capabilities, in the current file's order then new ones.
        public Dictionary<string, Dictionary<CapabilityStatus, List<CapabilityId>>> Lists { get; } = [];

        // The definitions the draft keeps, in order, as they will be written.
        public List<Capability> Definitions { get; } = [];

        public HashSet<CapabilityId> NewlyRequired { get; } = [];
    }

    private static DraftPlan Plan(Guideline from, DraftOptions options, IReadOnlyDictionary<CapabilityId, Capability> updated, ScoringScheme scheme, string fromFile, List<Finding> findings)
    {
        var plan = new DraftPlan();
        var sheet = options.Scores;
        var deprecate = (options.Deprecate ?? []).ToHashSet();
        var definitions = from.Capabilities.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First());
        foreach (var c in options.Candidates ?? [])
        {
            definitions.TryAdd(c.Id, c);
        }

        foreach (var (id, def) in updated)
        {
            definitions[id] = def;
        }

        Score? ScoreOf(CapabilityId id)
        {
            if (sheet?.Find(id) is { } line)
            {
                return scheme.Evaluate(line.Marks, line.NonAdmin);
            }

            return definitions.TryGetValue(id, out var def) ? scheme.Evaluate(def) : null;
        }

        string Describe(Score? s) => s is { } v ? $"score {v}{(v.IsComplete ? "" : " (incomplete)")}, cutoff {scheme.CutoffScore}" : "not scored";

        var listed = new HashSet<CapabilityId>();
        foreach (var component in from.Components)
        {
            var lists = CapabilityStatuses.All.ToDictionary(s => s, _ => new List<CapabilityId>());
            plan.Lists[component.Name] = lists;
            foreach (var status in CapabilityStatuses.All)
            {
                foreach (var id in component.With(status))
                {
                    listed.Add(id);
                    var score = ScoreOf(id);
                    var qualifies = score is { } s && scheme.Qualifies(s);
                    var (after, why) = status switch
                    {
                        _ when deprecate.Contains(id) && status is CapabilityStatus.Required or CapabilityStatus.Advisory =>
                            ((CapabilityStatus?)CapabilityStatus.Deprecated, $"deprecated by the committee ({Describe(score)})"),
                        CapabilityStatus.Required => (CapabilityStatus.Required, qualifies
                            ? $"stays required ({Describe(score)})"
                            : $"stays required: required capabilities are sticky ({Describe(score)})"),
                        CapabilityStatus.Advisory when qualifies && definitions.ContainsKey(id) =>
                            (CapabilityStatus.Required, $"advisory and qualifies ({Describe(score)})"),
                        CapabilityStatus.Advisory when qualifies =>
                            (CapabilityStatus.Advisory, $"stays advisory: qualifies but has no definition with tests ({Describe(score)})"),
                        CapabilityStatus.Advisory => (CapabilityStatus.Advisory, $"stays advisory: does not qualify ({Describe(score)})"),
                        CapabilityStatus.Deprecated => (CapabilityStatus.Removed, "deprecated in the current guideline, so removed"),
                        _ => ((CapabilityStatus?)null, "removed in the current guideline, so no longer listed"),
                    };
                    if (after is { } a)
                    {
                        lists[a].Add(id);
                        if (a == CapabilityStatus.Required && status == CapabilityStatus.Advisory)
                        {
                            plan.NewlyRequired.Add(id);
                        }
                    }

                    plan.Decisions.Add(new DraftDecision(component.Name, id, status, after, score, why));
                }
            }
        }

        foreach (var id in deprecate.Where(d => !listed.Contains(d)))
        {
            findings.Add(new Finding(Severity.Error, "draft-deprecate-unknown", $"cannot deprecate {id}: no component of {from.Id} lists it", new SourceLocation(fromFile, "$.components", 0)));
        }

        AddNewCapabilities(from, sheet, scheme, definitions, listed, plan);
        CollectDefinitions(from, options.Id, sheet, definitions, plan);
        return plan;
    }

    private static void AddNewCapabilities(Guideline from, Worksheet? sheet, ScoringScheme scheme, Dictionary<CapabilityId, Capability> definitions, HashSet<CapabilityId> listed, DraftPlan plan)
    {
        foreach (var entry in sheet?.Entries ?? [])
        {
            var id = entry.Line.Capability;
            if (listed.Contains(id) || plan.Decisions.Any(d => d.Capability == id))
            {
                continue;
            }

            var score = scheme.Evaluate(entry.Line.Marks, entry.Line.NonAdmin);
            var component = ComponentFor(from, id);
            if (!scheme.Qualifies(score))
            {
                plan.Decisions.Add(new DraftDecision(component, id, null, null, score, $"new, not added: does not qualify (score {score}, cutoff {scheme.CutoffScore})"));
            }
            else if (!definitions.TryGetValue(id, out var def) || def.Tests.Count == 0)
            {
                plan.Decisions.Add(new DraftDecision(component, id, null, null, score, "new, not added: qualifies but has no definition with tests"));
            }
            else
            {
                plan.Lists[component][CapabilityStatus.Advisory].Add(id);
                plan.Decisions.Add(new DraftDecision(component, id, null, CapabilityStatus.Advisory, score, $"new and qualifies (score {score}): enters as advisory, required no earlier than the next guideline"));
            }
        }
    }

    // The component whose capabilities share the new one's prefix (compute-, objectstore-, …); else the first.
    private static string ComponentFor(Guideline from, CapabilityId id)
    {
        var prefix = id.Value.Split('-')[0] + "-";
        return from.Components
            .Select(c => (c.Name, Count: CapabilityStatuses.All.SelectMany(c.With).Count(x => x.Value.StartsWith(prefix, StringComparison.Ordinal))))
            .OrderByDescending(x => x.Count)
            .Select(x => x.Name)
            .FirstOrDefault() ?? "";
    }

    private static void CollectDefinitions(Guideline from, GuidelineId draftId, Worksheet? sheet, Dictionary<CapabilityId, Capability> definitions, DraftPlan plan)
    {
        var named = plan.Lists.Values.SelectMany(l => l.Values).SelectMany(x => x).ToHashSet();
        var order = from.Capabilities.Select(c => c.Id).Concat(definitions.Keys).Distinct();
        foreach (var id in order.Where(named.Contains))
        {
            var def = definitions[id];
            if (sheet?.Find(id) is { } line && !line.Marks.All.Contains(Mark.Unknown) && line.NonAdmin != Mark.Unknown)
            {
                var achieved = Enumerable.Range(0, CriteriaMarks.Count).Where(i => line.Marks[i] == Mark.One).Select(i => ScoringScheme.WorksheetOrder[i]);
                def = def with { Achievements = [.. achieved], Admin = line.NonAdmin == Mark.Zero };
            }

            plan.Definitions.Add(plan.NewlyRequired.Contains(id) ? def with { RequiredSince = draftId.Version } : def);
        }
    }

    private static List<AppliedFlag> ApplyFlags(DraftPlan plan, IReadOnlyList<ApprovedFlag> flags, List<Finding> findings)
    {
        var applied = new List<AppliedFlag>();
        foreach (var flag in flags)
        {
            var isId = IdempotentId.TryParse(flag.Test, out var wantedId);
            var hits = 0;
            for (var i = 0; i < plan.Definitions.Count; i++)
            {
                var cap = plan.Definitions[i];
                var tests = cap.Tests.Select(t =>
                {
                    var match = isId ? t.Id == wantedId : t.AllNames.Any(n => n.Value == flag.Test);
                    if (!match)
                    {
                        return t;
                    }

                    hits++;
                    applied.Add(new AppliedFlag(flag, cap.Id, t.Name));
                    return t with { Flag = flag.ToFlag() };
                }).ToList();
                plan.Definitions[i] = cap with { Tests = tests };
            }

            if (hits == 0)
            {
                findings.Add(new Finding(Severity.Error, "flag-unknown-test", $"flagged test {flag.Test} is in no capability of the draft", new SourceLocation(flag.Location.File, $"column {flag.Location.Column}", flag.Location.Line)));
            }
        }

        return applied;
    }
}
