namespace Stackmark;

/// <summary>One Tempest test listed by a capability.</summary>
/// <param name="Name">The test's name as keyed in the guideline (its name when the guideline was approved).</param>
/// <param name="Id">The idempotent id; null in schema 1.2 files, which list bare names.</param>
/// <param name="RawId">The id exactly as the file writes it (<c>id-…</c> or bare), for RefStack-identical lists.</param>
/// <param name="Aliases">Other names of the same test (renames after approval).</param>
/// <param name="Flag">The flag, if the test is flagged and so does not count.</param>
public sealed record GuidelineTest(TestName Name, IdempotentId? Id, string? RawId, IReadOnlyList<TestName> Aliases, Flag? Flag)
{
    /// <summary>Whether the test is flagged and so neither helps nor hurts a verdict.</summary>
    public bool IsFlagged => Flag is not null;

    /// <summary>The name followed by the aliases.</summary>
    public IEnumerable<TestName> AllNames => Aliases.Count == 0 ? [Name] : Aliases.Prepend(Name);
}
