using System.Net;

namespace Stackmark.OpenStack;

/// <summary>
/// Leaves an account as it was found: takes its inventory again after the run and removes what is new
/// (<see cref="CleanupPlan"/>) in dependency order, waiting for the deletions that are asynchronous.
/// </summary>
/// <remarks>
/// Never throws for the cloud's answers: what could not be removed is in the result with the reason. Nothing is
/// removed when the inventory before the run was incomplete. Removal stops at <c>limit</c>; what is left is reported.
/// Thread-safe (no state).
/// </remarks>
public static partial class CloudCleanup
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>Removes from the account behind <paramref name="connection"/> what is not in <paramref name="before"/>.</summary>
    /// <param name="connection">The account's own connection (the one <paramref name="before"/> was taken with).</param>
    /// <param name="before">The inventory taken before the run.</param>
    /// <param name="limit">How long removal may take in all, waits included.</param>
    /// <param name="ct">Cancellation (callers cleaning up after an interruption pass <see cref="CancellationToken.None"/>).</param>
    public static async Task<AccountCleanup> RemoveNewAsync(OpenStackConnection connection, AccountInventory before, TimeSpan limit, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(before);
        if (!before.IsComplete)
        {
            return AccountCleanup.Skipped(before.Account,
                $"the inventory before the run was incomplete ({string.Join("; ", before.Failures)}), so what the run made cannot be told apart: nothing removed");
        }

        return await RemoveAsync(connection, before.Account, after => CleanupPlan.Create(before, after), "the inventory after the run could not be taken", limit, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes from the account behind <paramref name="connection"/> what Tempest left there: what
    /// <see cref="LeftoverPlan"/> finds by Tempest's name prefix, for runs that could not clean up after themselves
    /// (killed with SIGKILL, a machine that went away) or that Stackmark did not run.
    /// </summary>
    /// <param name="connection">The account's own connection.</param>
    /// <param name="prefix">Tempest's resource name prefix (<see cref="LeftoverPlan.TempestPrefix"/>).</param>
    /// <param name="limit">How long removal may take in all, waits included.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<AccountCleanup> RemoveLeftoversAsync(OpenStackConnection connection, string prefix, TimeSpan limit, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var account = new InventoryAccount(connection.Cloud.Auth.Username ?? "", connection.Cloud.Auth.ProjectName ?? "", "");
        return await RemoveAsync(connection, account, inventory => LeftoverPlan.Create(inventory, prefix), "the inventory could not be taken", limit, ct).ConfigureAwait(false);
    }

    // Takes the inventory now, asks the plan what to remove from it and removes that, kind by kind in removal order.
    private static async Task<AccountCleanup> RemoveAsync(OpenStackConnection connection, InventoryAccount account, Func<AccountInventory, IReadOnlyList<CloudResource>> plan, string noInventory, TimeSpan limit, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(limit);
        AccountInventory after;
        KeystoneToken token;
        try
        {
            after = await CloudInventory.TakeAsync(connection, deadline.Token).ConfigureAwait(false);
            token = await connection.AuthenticateAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OpenStackException or OperationCanceledException)
        {
            return AccountCleanup.Skipped(account, $"{noInventory}: {e.Message}");
        }

        var clients = ServiceClients.For(connection, token);
        var removed = new List<CloudResource>();
        var failed = new List<CleanupFailure>();
        foreach (var kind in plan(after).GroupBy(r => r.Kind))
        {
            var batch = kind.ToList();
            if (deadline.IsCancellationRequested)
            {
                failed.AddRange(batch.Select(r => new CleanupFailure(r, $"not attempted: the cleanup's limit of {limit.TotalSeconds:0} s ran out")));
                continue;
            }

            var remover = Remover.For(kind.Key, clients);
            // Issue every deletion of a kind, then wait for them together: servers and volumes go in parallel.
            var issued = new List<CloudResource>();
            foreach (var resource in batch)
            {
                if (await TryAsync(resource, () => RetryConflictsAsync(resource.Kind, () => remover.DeleteAsync(resource, deadline.Token), deadline.Token), failed, limit).ConfigureAwait(false))
                {
                    issued.Add(resource);
                }
            }

            foreach (var resource in issued)
            {
                if (await TryAsync(resource, () => WaitGoneAsync(resource, remover, deadline.Token), failed, limit).ConfigureAwait(false))
                {
                    removed.Add(resource);
                }
            }
        }

        return new AccountCleanup(after.Account, removed, failed, after.Failures);
    }

    private static async Task<bool> TryAsync(CloudResource resource, Func<Task> action, List<CleanupFailure> failed, TimeSpan limit)
    {
        try
        {
            await action().ConfigureAwait(false);
            return true;
        }
        catch (OpenStackException e)
        {
            failed.Add(new CleanupFailure(resource, e.Message));
        }
        catch (OperationCanceledException)
        {
            failed.Add(new CleanupFailure(resource, $"not gone within the cleanup's limit of {limit.TotalSeconds:0} s"));
        }
        catch (CleanupStuckException e)
        {
            failed.Add(new CleanupFailure(resource, e.Message));
        }

        return false;
    }

    // 409 (in use: a port on a subnet, a volume still attached) and Cinder's 400 for a volume that is not yet
    // available clear once what uses the resource is gone: try again until the limit.
    private static async Task RetryConflictsAsync(ResourceKind kind, Func<Task> delete, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await delete().ConfigureAwait(false);
                return;
            }
            catch (OpenStackApiException e) when ((e.StatusCode == HttpStatusCode.Conflict
                || e.StatusCode == HttpStatusCode.BadRequest && kind is ResourceKind.Volume or ResourceKind.VolumeSnapshot or ResourceKind.VolumeBackup)
                && !ct.IsCancellationRequested)
            {
                await Task.Delay(Poll * 2, ct).ConfigureAwait(false);
            }
        }
    }

    private static async Task WaitGoneAsync(CloudResource resource, Remover remover, CancellationToken ct)
    {
        while (await remover.StatusAsync(resource, ct).ConfigureAwait(false) is { } status)
        {
            if (status.Contains("error", StringComparison.OrdinalIgnoreCase) || status.Contains("FAILED", StringComparison.Ordinal))
            {
                throw new CleanupStuckException($"deletion stopped in status {status}");
            }

            await Task.Delay(Poll, ct).ConfigureAwait(false);
        }
    }

    private sealed class CleanupStuckException(string message) : Exception(message);
}
