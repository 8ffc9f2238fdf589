namespace Stackmark;

/// <summary>A scoring criterion (Widely Deployed, Used by Clients, …) and its weight.</summary>
/// <param name="Key">The achievement key capabilities use (deployed, clients, …).</param>
/// <param name="Name">Its display name.</param>
/// <param name="Description">What it means.</param>
/// <param name="Weight">Its weight; the weights of a core guideline sum to 100.</param>
public sealed record Criterion(string Key, string Name, string? Description, int Weight);
