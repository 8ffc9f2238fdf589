using Stackmark.Json;

namespace Stackmark;

/// <summary>
/// Structure and consistency checks of a guideline beyond what loading needs: ids, flags, scoring, the
/// lifecycle against the guideline it replaces, and (given a catalog) that every test exists in Tempest.
/// </summary>
public static class GuidelineValidator
{
    // Loader warnings that make test matching wrong are errors for the validator.
    private static readonly HashSet<string> EscalatedCodes = ["invalid-idempotent-id"];

    /// <summary>Validates <paramref name="guideline"/>.</summary>
    /// <param name="guideline">The guideline to check.</param>
    /// <param name="fileName">Its file, for locations.</param>
    /// <param name="previous">The guideline it replaces, for lifecycle checks; null to skip them.</param>
    /// <param name="tempest">The installed tests, to check names and ids exist; null to skip.</param>
    public static IReadOnlyList<Finding> Validate(Guideline guideline, string fileName, Guideline? previous = null, ITestCatalog? tempest = null)
    {
        ArgumentNullException.ThrowIfNull(guideline);
        var findings = guideline.Warnings
            .Select(w => new Finding(EscalatedCodes.Contains(w.Code) ? Severity.Error : Severity.Warning, w.Code, w.Message, w.Location))
            .ToList();

        CheckFlags(guideline, fileName, findings);
        CheckScoring(guideline, fileName, findings);
        if (previous is not null)
        {
            CheckLifecycle(guideline, previous, fileName, findings);
        }

        if (tempest is not null)
        {
            CheckAgainstTempest(guideline, fileName, tempest, findings);
        }

        return findings;
    }

    private static SourceLocation At(string file, params string[] keys) =>
        new(file, keys.Aggregate("$", JParser.Child), 0);

    private static string CapabilitiesKey(Guideline g) => "capabilities";

    private static void CheckFlags(Guideline g, string file, List<Finding> findings)
    {
        if (g.Schema == "1.2")
        {
            return; // 1.2 flags are bare name lists with no reasons to check.
        }

        foreach (var cap in g.Capabilities)
        {
            foreach (var test in cap.Tests.Where(t => t.Flag is not null))
            {
                var flag = test.Flag!;
                var where = At(file, CapabilitiesKey(g), cap.Id.Value, "tests", test.Name.Value, "flagged");
                if (flag.ReasonCode is null)
                {
                    findings.Add(new(Severity.Warning, "flag-reason-code", $"flag of {test.Name} has no D4xx reason code: \"{Shorten(flag.Reason)}\"", where));
                }
                else if (!Flag.KnownReasonCodes.ContainsKey(flag.ReasonCode))
                {
                    findings.Add(new(Severity.Warning, "flag-reason-code", $"flag of {test.Name} has unknown reason code {flag.ReasonCode} (known: D400–D406)", where));
                }

                if (string.IsNullOrWhiteSpace(flag.Action) || string.IsNullOrWhiteSpace(flag.Date))
                {
                    findings.Add(new(Severity.Warning, "flag-incomplete", $"flag of {test.Name} lacks its action or date", where));
                }
            }
        }
    }

    private static void CheckScoring(Guideline g, string file, List<Finding> findings)
    {
        var where = At(file, g.Schema == "2.0" ? "metadata" : "criteria");
        if (g.Metadata.Criteria.Count > 0)
        {
            var sum = g.Metadata.Criteria.Sum(c => c.Weight);
            var expected = g.Kind == GuidelineKind.AddOn ? 75 : 100;
            if (sum != expected)
            {
                findings.Add(new(Severity.Warning, "criteria-weights", $"criteria weights sum to {sum}, not {expected}", where));
            }
        }

        var cutoff = g.Kind == GuidelineKind.AddOn ? 60 : 74;
        if (g.Metadata.CutoffScore is { } c && c != cutoff)
        {
            findings.Add(new(Severity.Warning, "cutoff-score", $"cutoff score is {c}, not the program's {cutoff}", where));
        }
    }

    private static void CheckLifecycle(Guideline g, Guideline previous, string file, List<Finding> findings)
    {
        foreach (var target in g.Targets)
        {
            if (previous.FindTarget(target.Key) is null)
            {
                continue;
            }

            var now = g.CapabilitiesOf(target.Key).ToDictionary(c => c.Id, c => c.Status);
            var before = previous.CapabilitiesOf(target.Key).ToDictionary(c => c.Id, c => c.Status);
            foreach (var (cap, status) in now)
            {
                var old = before.TryGetValue(cap, out var s) ? s : (CapabilityStatus?)null;
                var where = At(file, "components");
                if (status == CapabilityStatus.Required && old is not (CapabilityStatus.Required or CapabilityStatus.Advisory))
                {
                    findings.Add(new(Severity.Warning, "lifecycle-skip", $"{target.Key}: {cap} is required but was {Word(old)} in {previous.Id} (required needs advisory first)", where));
                }
                else if (status == CapabilityStatus.Removed && old is not (CapabilityStatus.Deprecated or CapabilityStatus.Removed))
                {
                    findings.Add(new(Severity.Warning, "lifecycle-skip", $"{target.Key}: {cap} is removed but was {Word(old)} in {previous.Id} (removal needs deprecation first)", where));
                }
            }

            foreach (var (cap, status) in before.Where(b => b.Value == CapabilityStatus.Required && !now.ContainsKey(b.Key)))
            {
                findings.Add(new(Severity.Warning, "lifecycle-skip", $"{target.Key}: {cap} was required in {previous.Id} and is gone without being deprecated", At(file, "components")));
            }
        }
    }

    private static string Word(CapabilityStatus? s) => s?.ToWord() ?? "absent";

    private static void CheckAgainstTempest(Guideline g, string file, ITestCatalog tempest, List<Finding> findings)
    {
        foreach (var cap in g.Capabilities)
        {
            foreach (var test in cap.Tests)
            {
                var where = At(file, CapabilitiesKey(g), cap.Id.Value, "tests", test.Name.Value);
                var found = test.AllNames.Select(n => (Name: n, Found: tempest.TryFindByName(n, out var id), Id: id)).FirstOrDefault(x => x.Found);
                if (found.Found)
                {
                    if (test.Id is { } want && found.Id is { } have && want != have)
                    {
                        findings.Add(new(Severity.Error, "tempest-id-mismatch", $"{found.Name} has idempotent id {have} in {tempest.Description}, the guideline says {want}", where));
                    }

                    continue;
                }

                var renamed = test.Id is { } tid ? tempest.FindById(tid) : [];
                if (renamed.Count > 0)
                {
                    findings.Add(new(Severity.Warning, "tempest-renamed", $"{test.Name} is now {string.Join(" / ", renamed)} in {tempest.Description} (same idempotent id)", where));
                }
                else if (test.IsFlagged)
                {
                    // Flagged tests do not count, and D406 flags say precisely that the test left Tempest.
                    findings.Add(new(Severity.Warning, "tempest-missing-flagged", $"flagged test {test.Name} ({test.Id?.ToString() ?? "no id"}) is not in {tempest.Description}", where));
                }
                else
                {
                    findings.Add(new(Severity.Error, "tempest-missing", $"{test.Name} ({test.Id?.ToString() ?? "no id"}) is not in {tempest.Description}", where));
                }
            }
        }
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "…";
}
