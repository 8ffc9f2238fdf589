using System.CommandLine;
using Spectre.Console;
using Stackmark.OpenStack;

namespace Stackmark.Cli.Commands;

/// <summary>
/// <c>stackmark cleanup [--os-cloud NAME] [--os-region R] [--accounts FILE] [--alt-cloud NAME…] [--prefix P] [--dry-run]</c>:
/// removes what Tempest left in the accounts (<see cref="LeftoverPlan"/>: names starting <c>tempest-</c>), for runs that
/// could not clean up after themselves: killed with SIGKILL, on a machine that went away, or run by another tool.
/// Exit 0 when every account is clean (or, with --dry-run, was listed), 2 bad input, 3 when something could not be
/// listed or removed (named on the console).
/// </summary>
internal static class CleanupCommand
{
    public static Command Create(CliContext cx)
    {
        var cloud = new Option<string?>("--os-cloud") { Description = "Cloud from clouds.yaml (standard search path); default: OS_CLOUD, else the OS_* variables. Its own account is cleaned too." };
        var region = new Option<string?>("--os-region") { Description = "The region to clean (default: the cloud's region_name / OS_REGION_NAME)." };
        var accountsFile = new Option<string?>("--accounts") { Description = "A Tempest accounts.yaml: each of its accounts is cleaned with its own credentials." };
        var altClouds = new Option<string[]>("--alt-cloud") { Description = "More clouds.yaml entries whose accounts are cleaned.", AllowMultipleArgumentsPerToken = false };
        var prefix = new Option<string>("--prefix") { Description = "The name prefix of what to remove: Tempest names what it makes '<prefix>-…'.", DefaultValueFactory = _ => LeftoverPlan.TempestPrefix };
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be removed; remove nothing." };
        var command = new Command("cleanup", "Remove what Tempest left in the accounts (resources named 'tempest-…') after a run that could not clean up.")
        {
            cloud, region, accountsFile, altClouds, prefix, dryRun,
        };
        command.SetAction(async (parse, ct) =>
        {
            var lead = parse.GetValue(prefix)!;
            if (lead.Length == 0 || lead.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                throw new UsageException($"--prefix '{lead}' must be a non-empty word (Tempest's is '{LeftoverPlan.TempestPrefix}')");
            }

            var clouds = Accounts(parse.GetValue(cloud), parse.GetValue(region), parse.GetValue(accountsFile), parse.GetValue(altClouds) ?? []);
            var dry = parse.GetValue(dryRun);
            var results = await Task.WhenAll(clouds.Select(c => CleanAsync(c, lead, dry, ct)));
            var clean = true;
            foreach (var (account, result) in results)
            {
                clean &= Report(cx, account, result, lead);
            }

            return clean ? ExitCodes.Ok : ExitCodes.RunnerError;
        });
        return command;
    }

    // The cloud's own account, then the accounts file's and the alternate clouds', each once.
    private static IReadOnlyList<CloudConfig> Accounts(string? cloudName, string? region, string? accountsFile, IReadOnlyList<string> altClouds)
    {
        var resolver = CloudConfigResolver.FromSystem();
        try
        {
            var cloud = resolver.Resolve(cloudName);
            if (region is not null)
            {
                cloud = cloud with { RegionName = region };
            }

            var file = accountsFile is null ? null : CloudPreparation.ReadAccountsFile(accountsFile);
            var all = new List<CloudConfig> { cloud };
            all.AddRange(file?.Entries.Select(a => RunCleanup.AsCloud(cloud, a)) ?? []);
            all.AddRange(altClouds.Select(n => resolver.ResolveNamed(n) is var alt && region is not null ? alt with { RegionName = region } : alt));
            return [.. all.DistinctBy(c => (c.Auth.AuthUrl, c.Auth.Username, c.Auth.ProjectName, c.Auth.ProjectDomainName ?? c.Auth.ProjectDomainId))];
        }
        catch (CloudConfigException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static async Task<(string Account, Outcome Result)> CleanAsync(CloudConfig cloud, string prefix, bool dryRun, CancellationToken ct)
    {
        var label = $"{cloud.Auth.Username}@{cloud.Auth.ProjectName}";
        using var connection = OpenStackConnection.Open(cloud);
        if (!dryRun)
        {
            return (label, new Outcome(await CloudCleanup.RemoveLeftoversAsync(connection, prefix, RunCleanup.Limit, ct), null));
        }

        try
        {
            var inventory = await CloudInventory.TakeAsync(connection, ct);
            return (inventory.Account.ToString(), new Outcome(null, inventory));
        }
        catch (OpenStackException e)
        {
            return (label, new Outcome(AccountCleanup.Skipped(new InventoryAccount(cloud.Auth.Username ?? "", cloud.Auth.ProjectName ?? "", ""), $"the inventory could not be taken: {e.Message}"), null));
        }
    }

    // True when the account is clean (or was fully listed, on a dry run).
    private static bool Report(CliContext cx, string account, Outcome outcome, string prefix)
    {
        if (outcome.Listed is { } inventory)
        {
            var plan = LeftoverPlan.Create(inventory, prefix);
            cx.Console.MarkupLineInterpolated($"{inventory.Account}: {(plan.Count == 0 ? "nothing to remove" : $"would remove {plan.Count}: {string.Join(", ", plan)}")}");
            foreach (var failure in inventory.Failures)
            {
                cx.Console.MarkupLineInterpolated($"[yellow]cleanup:[/] {inventory.Account}: could not list {failure}");
            }

            return inventory.IsComplete;
        }

        var r = outcome.Cleanup!;
        if (r.SkippedBecause is { } why)
        {
            cx.Console.MarkupLineInterpolated($"[yellow]cleanup:[/] {account}: {why}");
            return false;
        }

        cx.Console.MarkupLineInterpolated($"{r.Account}: {(r.Removed.Count == 0 ? "nothing to remove" : $"removed {r.Removed.Count}: {string.Join(", ", r.Removed)}")}");
        foreach (var f in r.NotRemoved)
        {
            cx.Console.MarkupLineInterpolated($"[yellow]cleanup:[/] {r.Account}: {f.Resource} not removed: {f.Reason}");
        }

        foreach (var n in r.NotListed)
        {
            cx.Console.MarkupLineInterpolated($"[yellow]cleanup:[/] {r.Account}: could not list {n}; what it holds may remain");
        }

        return r.IsClean;
    }

    // What one account's cleanup did, or, on a dry run, its inventory.
    private sealed record Outcome(AccountCleanup? Cleanup, AccountInventory? Listed);
}
