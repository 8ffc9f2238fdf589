namespace Stackmark.Server.Flags;

/// <summary>A flag proposal and its decision.</summary>
internal sealed record FlagDto(
    string Id, string Guideline, string Test, string? IdempotentId, List<string> Capabilities, string Reason, string ReasonMeaning, string Rationale,
    string Status, string ProposedBy, string ProposedAt, string? DecidedBy, string? DecidedAt, string? DecisionNote);

/// <summary>Proposals, newest first: <c>GET /v1/flags</c>.</summary>
internal sealed record FlagList(List<FlagDto> Flags);

/// <summary>One approved flag in the flags-file format <c>FlagsFileParser</c> reads (those five keys and no others).</summary>
internal sealed record ApprovedFlagDto(string Test, string Reason, string Rationale, string Date, string Action);

/// <summary>
/// <c>GET /v1/flags/approved?guideline=…</c>: a flags file (<c>{"flags": [...]}</c>) that <c>stackmark guidelines draft
/// --flags</c> reads as it is; the parser ignores the other top-level keys.
/// </summary>
internal sealed record ApprovedFlagsFile(string Guideline, List<ApprovedFlagDto> Flags);
