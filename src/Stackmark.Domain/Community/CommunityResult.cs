namespace Stackmark;

/// <summary>One stored result as community data sees it: which cloud, which product, when, and the tests that passed.</summary>
/// <param name="Cpid">The cloud's id (RefStack's cpid); clouds are compared ordinally, ignoring case.</param>
/// <param name="ProductId">The product the result is linked to (through a product version), or null.</param>
/// <param name="UploadedAt">When the result was uploaded.</param>
/// <param name="Tests">
/// Its test outcomes. Only passes matter: a guideline test absent from the list counts as not passed, so RefStack's
/// passed-names-only results and full results give the same answer.
/// </param>
public sealed record CommunityResult(string Cpid, string? ProductId, DateTimeOffset UploadedAt, IReadOnlyList<TestOutcome> Tests);
