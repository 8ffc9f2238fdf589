namespace Stackmark;

/// <summary>
/// The criteria, their weights and the cutoff a program scores capabilities with: from a guideline's metadata, or one
/// of the committee's known tables.
/// </summary>
/// <remarks>
/// Score = Σ weight of the criteria scored 1; a capability that needs admin rights scores 0 (the non-admin veto);
/// any criterion not yet scored (<c>?</c>) makes the score incomplete; a criterion the scheme does not weigh, or
/// marked <c>*</c>, counts 0. A complete score at or above <see cref="CutoffScore"/> qualifies. Immutable and
/// thread-safe. See the interop process: https://opendev.org/openstack/interop/src/branch/master/doc/source/process/CoreCriteria.rst
/// </remarks>
public sealed class ScoringScheme
{
    // Before the tables below: static initializers run in text order.
    private static readonly Dictionary<string, string> DefaultNames = new()
    {
        ["deployed"] = "Widely Deployed", ["tools"] = "Used by Tools", ["clients"] = "Used by Clients",
        ["future"] = "Future Direction", ["complete"] = "Complete", ["stable"] = "Stable",
        ["discover"] = "Discoverable", ["doc"] = "Documented", ["sticky"] = "Required in Last Release",
        ["foundation"] = "Foundation", ["atomic"] = "Atomic", ["proximity"] = "Proximity",
    };

    private readonly Dictionary<string, Criterion> _byKey;

    /// <summary>Creates a scheme from criteria and a cutoff.</summary>
    /// <param name="criteria">The weighted criteria.</param>
    /// <param name="cutoffScore">The score a capability needs to qualify.</param>
    /// <param name="description">Where the weights come from, for messages.</param>
    public ScoringScheme(IReadOnlyList<Criterion> criteria, int cutoffScore, string description)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        Criteria = criteria;
        CutoffScore = cutoffScore;
        Description = description;
        _byKey = [];
        foreach (var c in criteria)
        {
            _byKey.TryAdd(c.Key, c);
        }
    }

    /// <summary>
    /// The criteria keys in the order a worksheet line scores them: three groups of three and one of three, then
    /// the non-admin veto and the total.
    /// </summary>
    public static IReadOnlyList<string> WorksheetOrder { get; } =
        ["deployed", "tools", "clients", "future", "complete", "stable", "discover", "doc", "sticky", "foundation", "atomic", "proximity"];

    /// <summary>The weighted criteria.</summary>
    public IReadOnlyList<Criterion> Criteria { get; }

    /// <summary>The score a capability needs to qualify: 74 for core programs, 60 for add-ons.</summary>
    public int CutoffScore { get; }

    /// <summary>Where the weights come from (a guideline, or a known table).</summary>
    public string Description { get; }

    /// <summary>The core weights of 2015.03–2016.01 (cutoff 74, which 2016.01 introduced).</summary>
    public static ScoringScheme CoreUntil2016 { get; } = Table("core weights of 2015.03–2016.01", 74,
        ("deployed", 8), ("tools", 9), ("clients", 8), ("future", 9), ("complete", 8), ("stable", 9),
        ("discover", 8), ("doc", 8), ("sticky", 9), ("foundation", 8), ("atomic", 8), ("proximity", 8));

    /// <summary>The core weights since 2016.08 (and next), cutoff 74.</summary>
    public static ScoringScheme CoreSince2016 { get; } = Table("core weights since 2016.08", 74,
        ("deployed", 8), ("tools", 6), ("clients", 10), ("future", 11), ("complete", 8), ("stable", 9),
        ("discover", 8), ("doc", 8), ("sticky", 9), ("foundation", 9), ("atomic", 6), ("proximity", 8));

    /// <summary>The add-on weights: nine criteria (no deployed, foundation, proximity) summing to 75, cutoff 60.</summary>
    public static ScoringScheme AddOn { get; } = Table("add-on weights", 60,
        ("tools", 6), ("clients", 10), ("future", 11), ("complete", 8), ("stable", 9),
        ("discover", 8), ("doc", 8), ("sticky", 9), ("atomic", 6));

    /// <summary>
    /// The scheme of a guideline: its own criteria and cutoff when it has them, else the known table of its era
    /// (weights changed in 2016.08) and the program's cutoff (74 core, 60 add-ons).
    /// </summary>
    public static ScoringScheme For(Guideline guideline)
    {
        ArgumentNullException.ThrowIfNull(guideline);
        var table = guideline.Kind == GuidelineKind.AddOn ? AddOn
            : guideline.Id.CompareTo(GuidelineId.Parse("2016.08")) >= 0 ? CoreSince2016 : CoreUntil2016;
        var criteria = guideline.Metadata.Criteria.Count > 0 ? guideline.Metadata.Criteria : table.Criteria;
        var source = guideline.Metadata.Criteria.Count > 0 ? $"weights of {guideline.Id}" : $"{table.Description} (for {guideline.Id})";
        return new ScoringScheme(criteria, guideline.Metadata.CutoffScore ?? table.CutoffScore, source);
    }

    /// <summary>The weight of criterion <paramref name="key"/>; 0 when the scheme does not weigh it.</summary>
    public int WeightOf(string key) => _byKey.TryGetValue(key, out var c) ? c.Weight : 0;

    /// <summary>Whether the scheme weighs criterion <paramref name="key"/>.</summary>
    public bool Weighs(string key) => _byKey.ContainsKey(key);

    /// <summary>The display name of criterion <paramref name="key"/> (the key itself when unknown).</summary>
    public string NameOf(string key) => _byKey.TryGetValue(key, out var c) ? c.Name : key;

    /// <summary>Scores a worksheet line's marks.</summary>
    /// <param name="marks">The twelve criterion marks.</param>
    /// <param name="nonAdmin">The non-admin mark: 0 vetoes the capability (score 0), <c>?</c> leaves it incomplete.</param>
    public Score Evaluate(CriteriaMarks marks, Mark nonAdmin)
    {
        if (nonAdmin == Mark.Zero)
        {
            return Score.Zero;
        }

        var score = nonAdmin == Mark.Unknown ? Score.Zero.AsIncomplete() : Score.Zero;
        for (var i = 0; i < CriteriaMarks.Count; i++)
        {
            score = marks[i] switch
            {
                Mark.One => score.Plus(WeightOf(WorksheetOrder[i])),
                Mark.Unknown => score.AsIncomplete(),
                _ => score,
            };
        }

        return score;
    }

    /// <summary>
    /// Recomputes a capability's score from a guideline file: the weights of its achievements, or 0 when it needs
    /// admin rights.
    /// </summary>
    public Score Evaluate(Capability capability)
    {
        ArgumentNullException.ThrowIfNull(capability);
        return capability.Admin ? Score.Zero : Score.FromPoints(capability.Achievements.Distinct(StringComparer.Ordinal).Sum(WeightOf));
    }

    /// <summary>Whether <paramref name="score"/> is complete and at least <see cref="CutoffScore"/>.</summary>
    public bool Qualifies(Score score) => score.Qualifies(CutoffScore);

    private static ScoringScheme Table(string description, int cutoff, params (string Key, int Weight)[] weights) =>
        new([.. weights.Select(w => new Criterion(w.Key, DefaultNames[w.Key], null, w.Weight))], cutoff, description);
}
