using Spectre.Console;
using Stackmark.OpenStack;
using Stackmark.Runner;

namespace Stackmark.Cli.Commands;

/// <summary>
/// Leaves the cloud as it was found: the inventory of every account the run uses before Tempest starts, the
/// pristine-account preconditions checked against it, and after the run (also a failed or interrupted one) the
/// removal of what is new, reported on the console and in manifest.json's <c>cleanup</c>. Never changes the verdict.
/// </summary>
internal sealed class RunCleanup
{
    /// <summary>How long removal may take after the run, for all accounts together (they are cleaned in parallel).</summary>
    internal static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    private readonly IReadOnlyList<(CloudConfig Cloud, AccountInventory Before)> _accounts;
    private readonly IReadOnlyList<UnmetPrecondition> _unmet;

    private RunCleanup(IReadOnlyList<(CloudConfig, AccountInventory)> accounts, IReadOnlyList<UnmetPrecondition> unmet, IReadOnlyDictionary<TestName, NonPass> withheld)
    {
        _accounts = accounts;
        _unmet = unmet;
        Withheld = withheld;
    }

    /// <summary>The guideline tests not to run because an account does not meet their precondition (with --accept-incomplete).</summary>
    public IReadOnlyDictionary<TestName, NonPass> Withheld { get; }

    /// <summary>
    /// Takes the inventories and checks the preconditions of the planned tests. An unmet precondition is a usage
    /// error naming the account, what is in the way and the tests, unless <paramref name="acceptIncomplete"/>: then
    /// those tests are withheld as <see cref="NonPassCategory.Precondition"/>.
    /// </summary>
    public static Task<RunCleanup> BeforeAsync(CliContext cx, PreparedCloud prepared, Guideline guideline, TestListQuery query, bool acceptIncomplete, CancellationToken ct) =>
        prepared.Cloud is { } cloud
            ? BeforeAsync(cx, cloud, prepared.Accounts, prepared.TempestConf, guideline, query, _ => true, acceptIncomplete, resuming: false, ct)
            : Task.FromResult(new RunCleanup([], [], new Dictionary<TestName, NonPass>()));

    /// <summary>
    /// For a resumed run: the same inventories, and the preconditions of the tests still to run (<paramref name="pending"/>)
    /// checked again, since the part that was stopped may have been killed before it could clean up.
    /// </summary>
    public static Task<RunCleanup> BeforeResumeAsync(CliContext cx, CloudConfig cloud, IReadOnlyList<TestAccount> accounts, string tempestConf, Guideline guideline, TestListQuery query, IReadOnlySet<TestName> pending, CancellationToken ct) =>
        BeforeAsync(cx, cloud, accounts, tempestConf, guideline, query, pending.Contains, acceptIncomplete: false, resuming: true, ct);

    private static async Task<RunCleanup> BeforeAsync(CliContext cx, CloudConfig cloud, IReadOnlyList<TestAccount> preprovisioned, string tempestConf, Guideline guideline, TestListQuery query, Func<TestName, bool> toRun, bool acceptIncomplete, bool resuming, CancellationToken ct)
    {

        // With dynamic credentials Tempest makes its own projects and removes them; the cloud user's own project is
        // still covered, as are the accounts Tempest is given.
        var clouds = preprovisioned.Count == 0 ? [cloud] : preprovisioned.DistinctBy(a => (a.Username, a.ProjectName, a.DomainName)).Select(a => AsCloud(cloud, a)).ToList();
        var accounts = new List<(CloudConfig, AccountInventory)>();
        foreach (var c in clouds)
        {
            using var connection = OpenStackConnection.Open(c);
            AccountInventory inventory;
            try
            {
                inventory = await CloudInventory.TakeAsync(connection, ct);
            }
            catch (OpenStackException e)
            {
                cx.Console.MarkupLineInterpolated($"[yellow]warning:[/] no inventory of {c.Auth.Username}@{c.Auth.ProjectName} ({e.Message}): nothing will be removed from it after the run");
                continue;
            }

            if (!inventory.IsComplete)
            {
                cx.Console.MarkupLineInterpolated($"[yellow]warning:[/] the inventory of {inventory.Account} is incomplete ({string.Join("; ", inventory.Failures)}): nothing will be removed from it after the run");
            }

            accounts.Add((c, inventory));
        }

        cx.Console.MarkupLineInterpolated($"Inventory before the run: {string.Join(", ", accounts.Select(a => $"{a.Item2.Account} {a.Item2.Resources.Count} resource(s)"))}");
        var unmet = preprovisioned.Count == 0 ? [] : PristinePreconditions.Check(
            accounts.Where(a => HasOperatorRole(preprovisioned, tempestConf, a.Item1)).Select(a => a.Item2),
            PristinePreconditions.All.Where(p => Planned(guideline, query, p) is { } t && toRun(t.Name)));
        if (unmet.Count > 0 && !acceptIncomplete)
        {
            throw new UsageException(string.Join("; ", unmet.GroupBy(u => (u.Account, u.InTheWay)).Select(g =>
                $"account {g.Key.Account} holds {g.Key.InTheWay} that {string.Join(", ", g.Select(u => u.Precondition.ShortName))} need{(g.Count() == 1 ? "s" : "")} absent"))
                + "; empty them ('stackmark cleanup' removes what Tempest left, by name) "
                + (resuming ? "and resume again" : "or use another account (or --accept-incomplete to run without those tests: the verdict is then incomplete)"));
        }

        var withheld = new Dictionary<TestName, NonPass>();
        foreach (var group in unmet.GroupBy(u => u.Precondition))
        {
            var name = Planned(guideline, query, group.Key)!.Name;
            withheld[name] = new NonPass(NonPassCategory.Precondition,
                $"not run: {string.Join("; ", group.Select(u => $"account {u.Account} holds {u.InTheWay}"))}, and the test needs {group.Key.Requirement} ({group.Key.Why}); empty the account or use another");
            cx.Console.MarkupLineInterpolated($"[yellow]precondition:[/] {group.Key.ShortName} not run: {withheld[name].Reason}");
        }

        return new RunCleanup(accounts, unmet, withheld);
    }

    /// <summary>Removes what the run made from every account, in parallel, within <see cref="Limit"/>; reports it and records it in manifest.json.</summary>
    public async Task AfterAsync(CliContext cx, string runDirectory)
    {
        var results = await Task.WhenAll(_accounts.Select(async a =>
        {
            using var connection = OpenStackConnection.Open(a.Cloud);
            // CancellationToken.None: this also runs after an interrupted run, whose token is cancelled.
            return await CloudCleanup.RemoveNewAsync(connection, a.Before, Limit, CancellationToken.None);
        }));
        foreach (var r in results)
        {
            if (r.SkippedBecause is { } why)
            {
                cx.Console.MarkupLineInterpolated($"[yellow]cleanup:[/] {r.Account}: {why}");
                continue;
            }

            cx.Console.MarkupLineInterpolated($"Cleanup of {r.Account}: {(r.Removed.Count == 0 ? "nothing new to remove" : $"removed {r.Removed.Count}: {string.Join(", ", r.Removed.Take(12))}{(r.Removed.Count > 12 ? ", …" : "")}")}");
            foreach (var f in r.NotRemoved)
            {
                cx.Console.MarkupLineInterpolated($"[yellow]cleanup:[/] {r.Account}: {f.Resource} not removed: {f.Reason}");
            }

            foreach (var n in r.NotListed)
            {
                cx.Console.MarkupLineInterpolated($"[yellow]cleanup:[/] {r.Account}: could not list {n}; what it holds may remain");
            }
        }

        if (_accounts.Count > 0)
        {
            await ManifestSection.SetAsync(runDirectory, "cleanup", w => CleanupJson.Write(w, [.. _accounts.Select(a => a.Before)], results, _unmet), CancellationToken.None);
        }
    }

    // The guideline test an entry is, by idempotent id first, then by name or alias (the project's matching rule).
    private static GuidelineTest? Planned(Guideline guideline, TestListQuery query, PristinePrecondition p)
    {
        var id = IdempotentId.Parse(p.IdempotentId);
        var tests = guideline.Tests(query).Select(t => t.Test).ToList();
        return tests.FirstOrDefault(t => t.Id == id)
            ?? tests.FirstOrDefault(t => t.Name.Value == p.Test || t.Aliases.Any(a => a.Value == p.Test));
    }

    // Tempest hands object-storage classes only accounts with its operator role (tempest.conf object-storage.operator_role).
    private static bool HasOperatorRole(IReadOnlyList<TestAccount> preprovisioned, string tempestConf, CloudConfig account)
    {
        var role = IniDocument.Parse(tempestConf).Get("object-storage", "operator_role") ?? "member";
        var roles = preprovisioned.FirstOrDefault(a => a.Username == account.Auth.Username && a.ProjectName == account.Auth.ProjectName)?.Roles ?? [];
        return roles.Count == 0 || roles.Contains(role, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The cloud as <paramref name="account"/> sees it: its endpoints and TLS settings, the account's credentials.</summary>
    internal static CloudConfig AsCloud(CloudConfig cloud, TestAccount account) => cloud with
    {
        Name = $"{cloud.Name} ({account.Username}@{account.ProjectName})",
        Auth = new CloudAuth
        {
            AuthUrl = cloud.Auth.AuthUrl,
            Username = account.Username,
            Password = account.Password,
            ProjectName = account.ProjectName,
            UserDomainName = account.DomainName ?? cloud.Auth.UserDomainName,
            UserDomainId = account.DomainName is null ? cloud.Auth.UserDomainId : null,
            ProjectDomainName = account.DomainName ?? cloud.Auth.ProjectDomainName,
            ProjectDomainId = account.DomainName is null ? cloud.Auth.ProjectDomainId : null,
        },
    };
}
