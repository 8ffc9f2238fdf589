namespace Stackmark;

/// <summary>
/// One thing that would complete an incomplete run, with the required tests waiting on it: "2 tests need an account
/// with role ResellerAdmin", "31 tests did not run: the run was interrupted — stackmark run --resume RUN_DIR".
/// </summary>
/// <param name="Category">The runner's category the tests missed for.</param>
/// <param name="Need">What is missing, in the step's words (e.g. "an account with role ResellerAdmin"), or the shared reason.</param>
/// <param name="Tests">The tests waiting on it, each once, in report order.</param>
public sealed record CompletionStep(NonPassCategory Category, string Need, IReadOnlyList<TestName> Tests)
{
    // Accounts first: the most common cause, and the one an operator fixes before anything else.
    private static readonly NonPassCategory[] Order =
        [NonPassCategory.Accounts, NonPassCategory.Precondition, NonPassCategory.Interrupted, NonPassCategory.RunnerError, NonPassCategory.NotInTempest];

    /// <summary>
    /// Groups the tests the run could not judge by what would judge them: accounts by the role or account they need
    /// (from <see cref="NonPass.AccountNeed"/>), preconditions by their reason, the others by category.
    /// </summary>
    public static IReadOnlyList<CompletionStep> From(IEnumerable<TestVerdict> notJudged)
    {
        ArgumentNullException.ThrowIfNull(notJudged);
        var groups = new Dictionary<(NonPassCategory, string), List<TestName>>();
        var seen = new HashSet<TestName>();
        foreach (var t in notJudged)
        {
            if (!t.NotJudged || !seen.Add(t.Test.Name) || !NonPass.TryParseCategory(t.Outcome?.Category, out var category))
            {
                continue;
            }

            var nonPass = new NonPass(category, t.Outcome?.Reason ?? "");
            var need = category switch
            {
                NonPassCategory.Accounts => nonPass.AccountNeed ?? "other accounts: " + nonPass.Reason,
                NonPassCategory.Precondition => nonPass.Reason,
                _ => "",
            };
            if (!groups.TryGetValue((category, need), out var tests))
            {
                groups[(category, need)] = tests = [];
            }

            tests.Add(t.Test.Name);
        }

        return [.. groups.OrderBy(g => Array.IndexOf(Order, g.Key.Item1)).ThenBy(g => g.Key.Item2, StringComparer.Ordinal).Select(g => new CompletionStep(g.Key.Item1, g.Key.Item2, g.Value))];
    }

    /// <summary>The step as one line: how many tests, and what they need.</summary>
    /// <param name="runDirectory">The run's directory, for the command that resumes or reruns it; <c>RUN_DIR</c> when null.</param>
    public string Describe(string? runDirectory = null)
    {
        var n = Tests.Count;
        var tests = n == 1 ? "1 test" : $"{n} tests";
        var dir = runDirectory ?? "RUN_DIR";
        return Category switch
        {
            NonPassCategory.Accounts => $"{tests} {(n == 1 ? "needs" : "need")} {Need}",
            NonPassCategory.Precondition => $"{tests} {(n == 1 ? "has" : "have")} an unmet precondition: {Need}",
            NonPassCategory.Interrupted => $"{tests} did not run: the run was interrupted — stackmark run --resume {dir}",
            NonPassCategory.RunnerError => $"{tests} got no result from the runner (Tempest stopped or crashed) — stackmark run --rerun-failed {dir}",
            NonPassCategory.NotInTempest => $"{tests} {(n == 1 ? "is" : "are")} not in the installed Tempest (install a Tempest or plugin that has {(n == 1 ? "it" : "them")})",
            _ => $"{tests}: {Need}",
        };
    }

    /// <inheritdoc />
    public override string ToString() => Describe();
}
