using Spectre.Console;
using Stackmark.OpenStack;
using Stackmark.Runner;
using Stackmark.Tempest;

namespace Stackmark.Cli.Commands;

/// <summary>What the accounts allow a run: its workers, the accounts.yaml to write, the tests left out, the evidence.</summary>
/// <param name="Workers">The workers to run (null: Tempest's default).</param>
/// <param name="AccountsYaml">accounts.yaml in the planner's order (null with dynamic credentials).</param>
/// <param name="NotServed">The guideline's tests the accounts cannot serve, by guideline name, with their non-pass (only with --accept-incomplete).</param>
/// <param name="Evidence">For manifest.json.</param>
internal sealed record AccountDecision(int? Workers, string? AccountsYaml, IReadOnlyDictionary<TestName, NonPass> NotServed, AccountsEvidence? Evidence);

/// <summary>
/// Plans the pre-provisioned accounts before Tempest starts (see <see cref="AccountPlanner"/>): a plan they cannot
/// serve stops the run (exit 2) naming what to add, unless --accept-incomplete, which leaves those tests out.
/// </summary>
internal static class AccountPlanning
{
    public static async Task<AccountDecision> DecideAsync(CliContext cx, PreparedCloud prepared, PreparedWorkspace workspace, Guideline guideline, TestListQuery query, int? workers, bool acceptIncomplete)
    {
        var none = new Dictionary<TestName, NonPass>();
        if (prepared.AccountCount is null || prepared.Accounts.Count == 0)
        {
            // Dynamic credentials (an admin user) or a given tempest.conf: Tempest's own business.
            return new AccountDecision(workers, prepared.AccountsYaml, none, null);
        }

        var tree = await workspace.Source;
        if (tree is null)
        {
            // Without Tempest's source the needs are unknown: the old rule of two accounts per worker.
            var most = Math.Max(1, prepared.Accounts.Count / 2);
            cx.Console.MarkupLineInterpolated($"[yellow]warning:[/] Tempest's source could not be read: the accounts' needs are unknown; {prepared.Accounts.Count} account(s) allow {most} worker(s)");
            return new AccountDecision(workers is null || workers > most ? most : workers, prepared.AccountsYaml, none, null);
        }

        var listing = TempestListing.Parse(await workspace.Listing);
        var plan = TestPlan.Create(guideline, query, listing);
        var conf = IniDocument.Parse(prepared.TempestConf);
        string? Configured(string section, string key) => conf.Get(section, key);
        var classes = plan.ToRun.GroupBy(ClassOf, StringComparer.Ordinal)
            .Select(g => new ClassCredentials(g.Key, tree.CredentialsOfClass(g.Key, Configured)))
            .Where(c => c.Slots.Count > 0)
            .ToList();
        var byLabel = prepared.Accounts.ToDictionary(Label, StringComparer.Ordinal);
        var adminRole = Configured("identity", "admin_role") ?? tree.DefaultOf("identity", "admin_role") ?? "admin";
        var requested = workers ?? Environment.ProcessorCount;
        var decided = AccountPlanner.Plan(classes, [.. prepared.Accounts.Select(a => new PlannerAccount(Label(a), a.Roles))], adminRole, requested);

        var notServed = new Dictionary<TestName, NonPass>();
        foreach (var unserved in decided.Unserved)
        {
            // Keyed by the guideline's name, as every test withheld before the run is (RunRequest.Withheld).
            foreach (var test in plan.Tests.Where(t => t.Resolved is { } r && ClassOf(r) == unserved.Class).Select(t => t.Test.Name))
            {
                notServed[test] = new NonPass(NonPassCategory.Accounts, $"not run: the run's accounts cannot serve {unserved.Class[(unserved.Class.LastIndexOf('.') + 1)..]}: it {unserved.Reason}");
            }
        }

        if (notServed.Count > 0 && !acceptIncomplete)
        {
            var first = decided.Unserved[0];
            throw new UsageException(
                $"the accounts cannot serve {notServed.Count} of the {plan.ToRun.Count} tests to run ({decided.Unserved.Count} class(es), e.g. {first.Class} {first.Reason}): "
                + $"add {string.Join(" and ", decided.Missing)} (--accounts FILE or --alt-cloud NAME), or give --accept-incomplete to run the rest (the verdict is then incomplete)");
        }

        var ordered = decided.Accounts.Select(a => byLabel[a.Name]).ToList();
        cx.Console.MarkupLineInterpolated($"Accounts: {string.Join("; ", ordered.Select(a => $"{Label(a)} [{string.Join(", ", a.Roles)}]{(a.Network is { } n ? $" network {n}" : "")}"))}");
        cx.Console.MarkupLineInterpolated($"Concurrency {decided.Concurrency}: {decided.Reason}");
        foreach (var unserved in decided.Unserved)
        {
            cx.Console.MarkupLineInterpolated($"[yellow]not run (--accept-incomplete):[/] {unserved.Class}: {unserved.Reason}");
        }

        var chosen = workers is null && decided.Concurrency == requested ? null : (int?)decided.Concurrency;
        var evidence = new AccountsEvidence(
            [.. ordered.Select(a => (Label(a), a.Roles, a.Network))],
            decided.Concurrency,
            requested,
            decided.Reason,
            decided.Missing,
            decided.Unserved);
        return new AccountDecision(chosen, AccountsFile.ToYaml(ordered), notServed, evidence);
    }

    private static string Label(TestAccount a) => a.DomainName is { } d ? $"{a.Username}@{a.ProjectName} ({d})" : $"{a.Username}@{a.ProjectName}";

    private static string ClassOf(TestName test) => test.Value[..Math.Max(0, test.Value.LastIndexOf('.'))];
}
