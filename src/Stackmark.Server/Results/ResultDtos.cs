namespace Stackmark.Server.Results;

/// <summary>The answer to an upload: <c>{"test_id", "url"}</c>.</summary>
internal sealed record UploadResponse(string TestId, string Url);

/// <summary>A run in a listing (RefStack's shape).</summary>
internal sealed record ResultSummary(
    string Id, string CreatedAt, long DurationSeconds, int VerificationStatus, Dictionary<string, string> Meta, ProductVersionDto? ProductVersion, string Url);

/// <summary>A page of runs: RefStack's <c>pagination</c> plus a keyset <c>next_cursor</c>.</summary>
internal sealed record ResultPage(List<ResultSummary> Results, Pagination Pagination);

/// <summary>
/// RefStack's page numbers (<c>current_page</c> is null when the page was asked for by cursor) and the opaque cursor of
/// the next page, null on the last.
/// </summary>
internal sealed record Pagination(int? CurrentPage, int TotalPages, string? NextCursor);

/// <summary>
/// One run (RefStack's shape): <c>results</c> are the passed test names; <c>cpid</c> only for owner and foundation.
/// Stackmark adds <c>verified_by</c> (foundation only), <c>verified_at</c>, the verdict snapshot taken at verification
/// (<c>verification</c>), how the upload was signed (<c>signature_version</c>: null, 1 or 2) and its <c>format</c>.
/// </summary>
internal sealed record ResultDetail(
    string Id, string CreatedAt, long DurationSeconds, int VerificationStatus, Dictionary<string, string> Meta,
    ProductVersionDto? ProductVersion, List<string> Results, string? UserRole, string? Cpid, string? VerifiedBy, string? VerifiedAt,
    VerificationDto? Verification, int? SignatureVersion, string Format);

/// <summary>The server's verdict when a foundation admin verified the run; the full report is at <c>/verification</c>.</summary>
internal sealed record VerificationDto(string Guideline, string Target, bool Compliant);

/// <summary>A product version linked to a run.</summary>
internal sealed record ProductVersionDto(string Id, string Version, string? Cpid, ProductInfoDto ProductInfo);

/// <summary>The product of a linked version.</summary>
internal sealed record ProductInfoDto(string Id, string Name, int ProductType, string OrganizationId);

/// <summary>One test of a run with its full status (Stackmark extension: <c>GET /v1/results/{id}/tests</c>).</summary>
internal sealed record TestResultDto(string Name, string? Uuid, string Status, string? Reason, double? DurationSeconds);
