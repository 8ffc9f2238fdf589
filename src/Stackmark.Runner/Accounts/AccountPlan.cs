namespace Stackmark.Runner;

/// <summary>What the accounts can serve: the workers, the classes that cannot run, and what to add.</summary>
/// <remarks>Made by <see cref="AccountPlanner.Plan"/>; immutable.</remarks>
public sealed record AccountPlan
{
    /// <summary>The accounts in the order to write them to accounts.yaml (Tempest hands out the first free match).</summary>
    public required IReadOnlyList<PlannerAccount> Accounts { get; init; }

    /// <summary>The workers the accounts serve, at most the requested number; at least 1.</summary>
    public required int Concurrency { get; init; }

    /// <summary>The workers asked for.</summary>
    public required int Requested { get; init; }

    /// <summary>Why <see cref="Concurrency"/>: one line.</summary>
    public required string Reason { get; init; }

    /// <summary>Classes no worker can run with these accounts (each needs something no account has).</summary>
    public required IReadOnlyList<UnservedClass> Unserved { get; init; }

    /// <summary>What to add so that every class can run, e.g. "an account with role ResellerAdmin"; empty when nothing is missing.</summary>
    public required IReadOnlyList<string> Missing { get; init; }

    /// <summary>What to add to run the requested workers (beyond <see cref="Missing"/>); empty when they are served.</summary>
    public required IReadOnlyList<string> MissingForRequested { get; init; }

    /// <summary>Whether every class can run.</summary>
    public bool Complete => Unserved.Count == 0;
}
