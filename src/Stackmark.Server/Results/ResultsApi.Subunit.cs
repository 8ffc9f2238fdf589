using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stackmark.Server.Auth;
using Stackmark.Server.Data;
using Stackmark.Server.Http;
using Stackmark.Subunit;

namespace Stackmark.Server.Results;

internal static partial class ResultsApi
{
    /// <summary>The media type of a subunit v2 upload.</summary>
    public const string SubunitMediaType = "application/vnd.subunit";

    private static bool IsSubunit(string? contentType) =>
        contentType is not null && contentType.Split(';', 2)[0].Trim().Equals(SubunitMediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary><c>POST /v1/results/subunit?cpid=…[&amp;duration_seconds=…]</c>: the same as POSTing the stream to /v1/results as application/vnd.subunit.</summary>
    private static async Task<Results<Created<UploadResponse>, JsonHttpResult<ApiError>>> UploadSubunit(
        HttpContext http, RegistryDbContext db, RegistryOptions options, CancellationToken ct)
    {
        var body = await RequestBody.ReadBytesAsync(http.Request, options.MaxUploadBytes, ct);
        return body is null ? TooLarge(options) : await StoreSubunitAsync(body, http, db, options, ct);
    }

    /// <summary>
    /// A subunit v2 stream, as Tempest writes it: every test that ran with its status, skip reason, failure line and
    /// duration, and the raw stream. The stream has no cpid, so it comes in the query (<c>cpid</c>, required), with an optional
    /// <c>duration_seconds</c> (default: first start to last stop in the stream). Corruption is a 400 naming the byte offset.
    /// </summary>
    private static async Task<Results<Created<UploadResponse>, JsonHttpResult<ApiError>>> StoreSubunitAsync(
        byte[] body, HttpContext http, RegistryDbContext db, RegistryOptions options, CancellationToken ct)
    {
        var query = http.Request.Query;
        var cpid = query["cpid"].ToString().Trim();
        if (cpid.Length is 0 or > RefStackResults.MaxCpidLength || !RequestBody.IsStorable(cpid))
        {
            return ApiError.BadRequest("Missing cpid", $"a subunit upload names its cloud in the query: ?cpid=… (1 to {RefStackResults.MaxCpidLength} characters)");
        }

        long? duration = null;
        if (query.TryGetValue("duration_seconds", out var d))
        {
            if (!long.TryParse(d.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return ApiError.BadRequest("Invalid duration_seconds", "a whole number of seconds, 0 or more");
            }

            duration = seconds;
        }

        SubunitTestResults stream;
        using (var input = new MemoryStream(body, writable: false))
        {
            stream = await SubunitTestResults.ReadAsync(input, ct);
        }

        if (stream.TryGetValue(SubunitEvent.ParserTestId, out var parser))
        {
            var message = parser.Attachment(SubunitEvent.ParserErrorFileName)?.Text ?? "unreadable packet";
            return ApiError.BadRequest("Corrupt subunit stream", message);
        }

        var tests = new Dictionary<string, TestRunResult>(StringComparer.Ordinal);
        foreach (var t in stream.Tests)
        {
            // Enumerated (status "exists") but never started: not part of the run, as subunit-stats counts it.
            if (t.Status is SubunitStatus.Exists or SubunitStatus.Undefined)
            {
                continue;
            }

            var (name, id) = TestName.FromTempestId(t.TestId);
            if (name.Value.Length is 0 or > MaxTestNameLength || !RequestBody.IsStorable(name.Value))
            {
                return ApiError.BadRequest("Invalid test id", $"test names are 1 to {MaxTestNameLength} characters without NUL: {Clip(t.TestId)}");
            }

            var (status, reason) = t.Status switch
            {
                SubunitStatus.Success or SubunitStatus.XFail => ("pass", null),
                SubunitStatus.Skip => ("skip", NonPass.ForSkip(t.Attachment("reason")?.Text).Reason),
                SubunitStatus.UxSuccess => ("fail", "unexpected success of a test expected to fail"),
                SubunitStatus.InProgress => ("fail", "started but never finished"),
                _ => ("fail", NonPass.ForFailure(t.Attachment("traceback")?.Text ?? t.Attachments.FirstOrDefault()?.Text).Reason),
            };

            // Two ids with one name (different tags): the later wins, as a retry would.
            tests[name.Value] = new TestRunResult
            {
                Name = name.Value,
                IdempotentId = id?.ToString(),
                Status = status,
                Reason = reason is null ? null : Clip(reason, 1024),
                DurationSeconds = t.Duration?.TotalSeconds,
            };
        }

        if (tests.Count == 0)
        {
            return ApiError.BadRequest("Empty subunit stream", "no test results in the stream");
        }

        var starts = stream.Tests.Where(t => t.StartedAt is not null).Select(t => t.StartedAt!.Value).ToList();
        var stops = stream.Tests.Where(t => t.StoppedAt is not null).Select(t => t.StoppedAt!.Value).ToList();
        duration ??= starts.Count > 0 && stops.Count > 0 ? Math.Max(0, (long)(stops.Max() - starts.Min()).TotalSeconds) : 0;
        return await StoreAsync(cpid, duration.Value, "subunit", tests.Values, subunit: body, body, http, db, options, ct);
    }

    /// <summary>The raw subunit stream of a run uploaded as subunit (owner and foundation only: it holds tracebacks).</summary>
    private static async Task<Results<FileContentHttpResult, JsonHttpResult<ApiError>>> Subunit(string id, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var (run, role, error) = await FindReadableAsync(id, Caller.From(http.User), db, ct);
        if (run is null)
        {
            return error!;
        }

        if (role < ResultRole.Owner)
        {
            return ApiError.Forbidden("Only the owner or a foundation admin reads the raw subunit stream");
        }

        var content = await db.RunSubunits.AsNoTracking().Where(s => s.RunId == run.Id).Select(s => s.Content).FirstOrDefaultAsync(ct);
        return content is null ? ApiError.NotFound("This result was not uploaded as subunit") : TypedResults.File(content, SubunitMediaType);
    }

    private static string Clip(string s, int max = 200) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
