using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stackmark.Server.Auth;
using Stackmark.Server.Data;
using Stackmark.Server.Guidelines;
using Stackmark.Server.Http;

namespace Stackmark.Server.Scoring;

internal static partial class ScoringApi
{
    /// <summary>
    /// Imports a worksheet for a guideline (201, revision 1) or replaces the stored one (200, a new revision; nothing
    /// recorded when the text is the same). The text is stored as <see cref="WorksheetWriter"/> writes it, which is the
    /// input itself for every official worksheet; <c>normalized_lines</c> says how many lines it respaced otherwise.
    /// A worksheet that does not parse, scores nothing or scores a capability twice is refused whole (400).
    /// </summary>
    private static async Task<Results<Created<ImportResult>, Ok<ImportResult>, JsonHttpResult<ApiError>>> Import(
        string guideline, string? comment, string? revision, HttpContext http, RegistryDbContext db, RegistryOptions options, CancellationToken ct)
    {
        if (FoundationOnly(http, "Only foundation admins import scoring worksheets") is { } denied)
        {
            return denied;
        }

        var caller = Caller.From(http.User)!;
        if (!GuidelineId.TryParse(guideline, out var id))
        {
            return InvalidGuideline(guideline);
        }

        if (CheckComment(comment) is { } badComment)
        {
            return badComment;
        }

        int? expected = null;
        if (!string.IsNullOrEmpty(revision))
        {
            if (!int.TryParse(revision, NumberStyles.None, CultureInfo.InvariantCulture, out var r))
            {
                return ApiError.BadRequest("Invalid revision", $"'{revision}' is not a revision number");
            }

            expected = r;
        }

        var bytes = await RequestBody.ReadBytesAsync(http.Request, MaxWorksheetBytes, ct);
        if (bytes is null)
        {
            return ApiError.Of(StatusCodes.Status413PayloadTooLarge, "Worksheet too large", $"at most {MaxWorksheetBytes} bytes");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return ApiError.BadRequest("Invalid worksheet", "the body is not UTF-8 text");
        }

        if (!RequestBody.IsStorable(text))
        {
            return ApiError.BadRequest("Invalid worksheet", "the text contains NUL characters or lone surrogates");
        }

        var parsed = WorksheetParser.Parse(text, "worksheet");
        if (parsed.Value is not { } sheet)
        {
            return ApiError.BadRequest("Invalid worksheet", parsed.ToString());
        }

        if (sheet.Entries.Count == 0)
        {
            return ApiError.BadRequest("Invalid worksheet", "no capability line (cap: [d,t,c] [f,c,s] [d,d,s] [f,a,p] [non-admin] [total])");
        }

        if (sheet.Entries.GroupBy(e => e.Line.Capability).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return ApiError.BadRequest("Invalid worksheet", $"{twice.Key} is scored twice (lines {string.Join(", ", twice.Select(e => e.LineNumber))}): an edit would not know which line to change");
        }

        if (sheet.Entries.FirstOrDefault(e => e.Line.Capability.Value.Length > MaxCapabilityLength) is { } longName)
        {
            return ApiError.BadRequest("Invalid worksheet", $"line {longName.LineNumber}: a capability name is at most {MaxCapabilityLength} characters");
        }

        var written = WorksheetWriter.Write(sheet);
        var normalized = written.Split('\n').Zip(text.Split('\n')).Count(p => p.First != p.Second);
        var key = id.ToString();
        var now = Timestamps.Now(options.TimeProvider);
        var row = await db.Set<ScoringWorksheet>().FirstOrDefaultAsync(w => w.Guideline == key, ct);
        if (row is not null && expected is { } want && want != row.Revision)
        {
            return Stale(key, row.Revision, want);
        }

        var url = $"/v1/scoring/{key}";
        if (row is null)
        {
            row = new ScoringWorksheet { Id = Guid.CreateVersion7(), Guideline = key, Text = written, Revision = 1, CreatedAt = now, UpdatedAt = now };
            db.Add(row);
            db.Add(Change(row, "import", caller, now, comment));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                return ApiError.Conflict($"A worksheet for {key} was imported at the same time; reload it and replace it if needed");
            }

            return TypedResults.Created(url, new ImportResult(key, 1, sheet.Entries.Count, normalized, url));
        }

        if (row.Text != written)
        {
            row.Text = written;
            row.Revision++;
            row.UpdatedAt = now;
            db.Add(Change(row, "replace", caller, now, comment));
            if (await SaveOrConflictAsync(db, key, ct) is { } conflict)
            {
                return conflict;
            }
        }

        return TypedResults.Ok(new ImportResult(key, row.Revision, sheet.Entries.Count, normalized, url));
    }

    /// <summary>
    /// Sets one capability line's marks (<c>{"marks": "111111110010" or "[1,1,1] [1,1,1] [1,1,0] [0,1,0]", "non_admin":
    /// "1", "comment": "…", "revision": 3}</c>); the total and star are recomputed with the worksheet's scheme and the
    /// line keeps its spacing. The worksheet text and the history row are saved in one transaction. An edit that leaves
    /// the line as it was records nothing. 404 for a capability the worksheet does not score, 409 for a stale revision.
    /// </summary>
    private static async Task<Results<Ok<EditResult>, JsonHttpResult<ApiError>>> Edit(
        string guideline, string capability, HttpContext http, RegistryDbContext db, GuidelineCatalog catalog, RegistryOptions options, CancellationToken ct)
    {
        if (FoundationOnly(http, "Only foundation admins edit scoring worksheets") is { } denied)
        {
            return denied;
        }

        var caller = Caller.From(http.User)!;
        var (body, bad) = await RequestBody.ReadJsonObjectAsync(http.Request, ["marks", "non_admin", "comment", "revision"], ct);
        if (body is null)
        {
            return ApiError.BadRequest("Malformed request", bad);
        }

        var marksField = RequestBody.OptionalString(body, "marks", 200);
        var nonAdminField = RequestBody.OptionalString(body, "non_admin", 1);
        var commentField = RequestBody.OptionalString(body, "comment", MaxCommentLength);
        if ((marksField.Error ?? nonAdminField.Error ?? commentField.Error) is { } invalid)
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", invalid);
        }

        if (marksField.Value is null)
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", "\"marks\" is required: twelve marks of 0, 1, ? or * in worksheet order, e.g. \"111111110010\" or \"[1,1,1] [1,1,1] [1,1,0] [0,1,0]\"");
        }

        if (!TryMarks(marksField.Value, out var marks))
        {
            return ApiError.BadRequest("Invalid marks", $"'{marksField.Value}' is not twelve marks of 0, 1, ? or * (deployed, tools, clients, future, complete, stable, discover, doc, sticky, foundation, atomic, proximity)");
        }

        Mark? nonAdmin = null;
        if (nonAdminField.Value is { } na)
        {
            if (na.Length != 1 || !Marks.TryParse(na[0], out var m) || m == Mark.NotConsidered)
            {
                return ApiError.BadRequest("Invalid marks", $"non_admin '{na}' must be 0, 1 or ?");
            }

            nonAdmin = m;
        }

        int? expected = null;
        if (body.TryGetValue("revision", out var rev) && rev.ValueKind != JsonValueKind.Null)
        {
            if (rev.ValueKind != JsonValueKind.Number || !rev.TryGetInt32(out var r))
            {
                return ApiError.BadRequest("Request doesn't correspond to schema", "\"revision\" must be an integer");
            }

            expected = r;
        }

        var (row, id, error) = await FindAsync(guideline, db, ct, track: true);
        if (row is null)
        {
            return error!;
        }

        if (expected is { } want && want != row.Revision)
        {
            return Stale(row.Guideline, row.Revision, want);
        }

        var sheet = Parse(row);
        var entry = sheet.Entries.FirstOrDefault(e => string.Equals(e.Line.Capability.Value, capability, StringComparison.Ordinal));
        if (entry is null)
        {
            return ApiError.Of(StatusCodes.Status404NotFound, "Unknown capability", $"'{capability}' is not scored in the {row.Guideline} worksheet (import a worksheet with its line to add it)");
        }

        var scheme = await SchemeForAsync(id, sheet, catalog, ct);
        var old = entry.Line;
        var updated = (old with { Marks = marks, NonAdmin = nonAdmin ?? old.NonAdmin }).Recomputed(scheme);
        var oldText = WorksheetWriter.Write(old);
        var newText = WorksheetWriter.Write(updated);
        if (updated == old)
        {
            return TypedResults.Ok(new EditResult(row.Guideline, row.Revision, false, oldText, newText, LineDtoOf(WorksheetChecker.Check(entry, scheme))));
        }

        var lines = sheet.Lines.ToArray();
        lines[entry.LineNumber - 1] = updated;
        var edited = new Worksheet(lines, sheet.NewLine, sheet.EndsWithNewLine);
        var now = Timestamps.Now(options.TimeProvider);
        row.Text = WorksheetWriter.Write(edited);
        row.Revision++;
        row.UpdatedAt = now;
        var change = Change(row, "edit", caller, now, commentField.Value);
        change.Capability = old.Capability.Value;
        change.LineNumber = entry.LineNumber;
        change.OldLine = oldText;
        change.NewLine = newText;
        db.Add(change);
        if (await SaveOrConflictAsync(db, row.Guideline, ct) is { } conflict)
        {
            return conflict;
        }

        var verdict = WorksheetChecker.Check(edited.Entries.First(e => e.LineNumber == entry.LineNumber), scheme);
        return TypedResults.Ok(new EditResult(row.Guideline, row.Revision, true, oldText, newText, LineDtoOf(verdict)));
    }

    /// <summary>Twelve marks, written plainly (<c>111111110010</c>) or grouped as on a worksheet line (<c>[1,1,1] [1,1,1] …</c>).</summary>
    internal static bool TryMarks(string text, out CriteriaMarks marks)
    {
        var plain = new string([.. text.Where(c => c is not ('[' or ']' or ',' or ' ' or '\t'))]);
        return CriteriaMarks.TryParse(plain, out marks);
    }

    private static JsonHttpResult<ApiError>? FoundationOnly(HttpContext http, string what) => Caller.From(http.User) switch
    {
        null => ApiError.Unauthorized("Authentication required"),
        { IsFoundation: false } => ApiError.Forbidden(what),
        _ => null,
    };

    private static JsonHttpResult<ApiError>? CheckComment(string? comment) =>
        comment is not null && (comment.Length > MaxCommentLength || !RequestBody.IsStorable(comment))
            ? ApiError.BadRequest("Invalid comment", $"at most {MaxCommentLength} characters, without NUL or lone surrogates")
            : null;

    private static JsonHttpResult<ApiError> Stale(string key, int current, int expected) =>
        ApiError.Of(StatusCodes.Status409Conflict, "Stale revision", $"the {key} worksheet is at revision {current}, not {expected}: someone changed it since you read it; reload and try again");

    private static ScoringChange Change(ScoringWorksheet row, string kind, Caller caller, DateTime now, string? comment) => new()
    {
        Id = Guid.CreateVersion7(),
        WorksheetId = row.Id,
        Revision = row.Revision,
        Kind = kind,
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
        ById = caller.UserId,
        ByName = caller.UserName,
        At = now,
        Text = row.Text,
    };

    // A concurrent change moved the revision (the concurrency token) or took the revision number first: nothing of this
    // request is saved, since the worksheet and its history row go in one SaveChanges (one transaction).
    private static async Task<JsonHttpResult<ApiError>?> SaveOrConflictAsync(RegistryDbContext db, string key, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException)
        {
            return ApiError.Of(StatusCodes.Status409Conflict, "Stale revision", $"the {key} worksheet changed while this request was saved; reload and try again");
        }
    }
}
