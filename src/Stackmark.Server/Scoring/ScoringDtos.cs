namespace Stackmark.Server.Scoring;

/// <summary>A stored worksheet in the list: <c>GET /v1/scoring</c>.</summary>
internal sealed record WorksheetSummary(string Guideline, int Revision, string UpdatedAt, int Capabilities, int Wrong, string Url);

/// <summary>The list of stored worksheets.</summary>
internal sealed record WorksheetList(List<WorksheetSummary> Worksheets);

/// <summary>One criterion of the scheme a worksheet is checked with (weight 0: not weighed).</summary>
internal sealed record CriterionDto(string Key, string Name, int Weight);

/// <summary>The weights and cutoff a worksheet is checked with, and where they come from.</summary>
internal sealed record SchemeDto(string Description, int Cutoff, List<CriterionDto> Criteria);

/// <summary>
/// One capability line: the marks as typed (12 characters in worksheet order, and the non-admin mark), the recorded
/// total and star, what the scheme computes, and whether the recorded values are wrong.
/// </summary>
internal sealed record LineDto(
    string Capability, string? Section, int LineNumber, string Marks, string NonAdmin, int RecordedTotal, bool RecordedStar,
    int ComputedTotal, bool Complete, bool Qualifies, bool TotalWrong, bool StarWrong, string? Problem, List<string> Unweighed, string Text);

/// <summary>A stored worksheet, checked: <c>GET /v1/scoring/{guideline}</c>.</summary>
internal sealed record WorksheetDetail(string Guideline, int Revision, string CreatedAt, string UpdatedAt, SchemeDto Scheme, int Wrong, List<LineDto> Lines);

/// <summary>The answer to an import: <c>normalized_lines</c> counts score lines the writer spaced differently from the input.</summary>
internal sealed record ImportResult(string Guideline, int Revision, int Capabilities, int NormalizedLines, string Url);

/// <summary>The answer to a line edit: the line before and after (unchanged edits record nothing).</summary>
internal sealed record EditResult(string Guideline, int Revision, bool Changed, string OldLine, string NewLine, LineDto Line);

/// <summary>One recorded change, newest first in <c>GET /v1/scoring/{guideline}/history</c>.</summary>
internal sealed record ChangeDto(int Revision, string Kind, string? Capability, int? LineNumber, string? OldLine, string? NewLine, string? Comment, string By, string At);
