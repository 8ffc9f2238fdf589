namespace Stackmark.Runner;

/// <summary>What manifest.json records of the pre-provisioned accounts: who (never a password), and what they allowed.</summary>
/// <param name="Accounts">Each account as <c>user@project</c> with the roles of its token and its network, in accounts.yaml's order.</param>
/// <param name="Concurrency">The workers the accounts serve.</param>
/// <param name="Requested">The workers asked for.</param>
/// <param name="Reason">Why that concurrency.</param>
/// <param name="Missing">What to add so that every planned class can run (empty when nothing is missing).</param>
/// <param name="NotServed">The classes that could not run, with the reason.</param>
public sealed record AccountsEvidence(
    IReadOnlyList<(string Name, IReadOnlyList<string> Roles, string? Network)> Accounts,
    int Concurrency,
    int Requested,
    string Reason,
    IReadOnlyList<string> Missing,
    IReadOnlyList<UnservedClass> NotServed);
