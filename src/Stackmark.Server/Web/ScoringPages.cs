using System.Text.Json;
using Stackmark.Server.Auth;

namespace Stackmark.Server.Web;

/// <summary>
/// The scoring matrix pages: the stored worksheets (and an import form for foundation admins), one worksheet as a table
/// with the recomputed scores and a mark on every line whose recorded total or star is wrong, its history, and the form
/// that edits one capability line's marks (<c>/v1/scoring/…</c> through <see cref="ApiBridge"/>).
/// </summary>
internal static class ScoringPages
{
    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["saved"] = "Line saved; the change is in the history below.",
        ["unchanged"] = "The line already had these marks and total: nothing changed.",
        ["imported"] = "Worksheet imported.",
    };

    public static void Map(RouteGroupBuilder ui)
    {
        ui.MapGet("/scoring", ListAsync);
        ui.MapPost("/scoring/import", ImportAsync);
        ui.MapGet("/scoring/{guideline}", ShowAsync);
        ui.MapGet("/scoring/{guideline}/capabilities/{capability}", EditFormAsync);
        ui.MapPost("/scoring/{guideline}/capabilities/{capability}", EditAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, ApiBridge api) => await RenderListAsync(http, api, null, StatusCodes.Status200OK, null, null);

    private static async Task<IResult> RenderListAsync(HttpContext http, ApiBridge api, string? error, int status, string? guideline, string? text)
    {
        var reply = await api.GetAsync(http, "/v1/scoring");
        if (!reply.Ok)
        {
            return Ui.Error(http, "Scoring worksheets", reply);
        }

        var rows = reply.Json.Prop("worksheets").Items().Select(w => Html.Of($"""
            <tr><td><a href="/scoring/{w.Str("guideline")}">{w.Str("guideline")}</a></td><td class="num">{w.Int("revision")}</td><td class="mono">{w.Str("updated_at")}</td>
            <td class="num">{w.Int("capabilities")}</td><td class="num">{(w.Int("wrong") == 0 ? Html.Of($"0") : Html.Of($"<span class=\"fail\">{w.Int("wrong")}</span>"))}</td></tr>
            """)).ToList();
        var import = Caller.From(http.User)?.IsFoundation == true
            ? Html.Of($"""
                <form method="post" action="/scoring/import" class="card" id="import-form">
                {Ui.CsrfInput(http)}
                <h2>Import a worksheet</h2>
                <label>Guideline (<code>next</code>, <code>dns.next</code>, <code>2020.06</code>…) <input name="guideline" required maxlength="64" value="{guideline}"></label>
                <label>Worksheet text (the committee's <code>scoring/*.txt</code> format; replaces the stored one, as a new revision) <textarea name="text" required rows="10">{text}</textarea></label>
                <label>Comment <input name="comment" maxlength="1024"></label>
                <button type="submit">Import</button>
                </form>
                """)
            : Html.Empty;
        var body = Html.Of($"""
            {Ui.Notice(http, Notices)}
            {Html.If(error is not null, Html.Of($"<p class=\"error\" role=\"alert\">{error}</p>"))}
            <p>The interop committee's scoring matrix, per guideline: each capability's marks against the criteria, the total
            recomputed with the guideline's weights, and every change with who made it and why.</p>
            {(rows.Count == 0
                ? Html.Of($"""<p class="muted">No worksheet is stored yet.</p>""")
                : Html.Of($"""<table class="worksheets"><thead><tr><th>Guideline</th><th class="num">Revision</th><th>Updated (UTC)</th><th class="num">Capabilities</th><th class="num">Wrong totals</th></tr></thead><tbody>{rows}</tbody></table>"""))}
            {import}
            """);
        return Ui.Page(http, "Scoring worksheets", body, status);
    }

    private static async Task<IResult> ImportAsync(HttpContext http, ApiBridge api)
    {
        if (!await Ui.CsrfValidAsync(http))
        {
            return Ui.CsrfRefused(http);
        }

        if (Caller.From(http.User) is null)
        {
            return TypedResults.Redirect("/login?returnUrl=%2Fscoring");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var guideline = form["guideline"].ToString().Trim();

        // Browsers send textarea lines with CRLF (HTML forms): a worksheet typed or pasted there is LF like the official files.
        var text = form["text"].ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
        if (guideline.Length == 0 || guideline.Contains('/', StringComparison.Ordinal))
        {
            return await RenderListAsync(http, api, "Give the guideline the worksheet scores, e.g. next.", StatusCodes.Status400BadRequest, guideline, text);
        }

        var reply = await api.CallAsync(http, HttpMethods.Put, "/v1/scoring/{guideline}", new Dictionary<string, string> { ["guideline"] = guideline },
            new Dictionary<string, string?> { ["comment"] = form["comment"].ToString().Trim() }, text: text);
        return reply.Ok
            ? TypedResults.Redirect($"/scoring/{Uri.EscapeDataString(reply.Json.Str("guideline") ?? guideline)}?notice=imported")
            : await RenderListAsync(http, api, reply.ErrorText, reply.Status, guideline, text);
    }

    private static async Task<IResult> ShowAsync(string guideline, HttpContext http, ApiBridge api)
    {
        var route = new Dictionary<string, string> { ["guideline"] = guideline };
        var reply = await api.GetAsync(http, "/v1/scoring/{guideline}", route);
        if (!reply.Ok)
        {
            return Ui.Error(http, $"Scoring worksheet {guideline}", reply);
        }

        var sheet = reply.Json;
        var history = await api.GetAsync(http, "/v1/scoring/{guideline}/history", route);
        var key = sheet.Str("guideline")!;
        var scheme = sheet.Prop("scheme");
        var canEdit = Caller.From(http.User)?.IsFoundation == true;
        var criteria = scheme.Prop("criteria").Items().ToList();
        var sections = sheet.Prop("lines").Items().GroupBy(l => l.Str("section") ?? "").Select(group => Html.Of($"""
            {Html.If(group.Key.Length > 0, Html.Of($"<h2>{group.Key}</h2>"))}
            <table class="matrix">
            <thead><tr><th>Capability</th>{Html.Join(new[] { "Deployed · Tools · Clients", "Future · Complete · Stable", "Discover · Doc · Sticky", "Foundation · Atomic · Proximity" }.Select(h => Html.Of($"<th>{h}</th>")))}<th>Non-admin</th><th class="num">Recorded</th><th class="num">Computed</th><th>Check</th>{Html.If(canEdit, Html.Of($"<th></th>"))}</tr></thead>
            <tbody>{group.Select(l => LineRow(key, l, canEdit))}</tbody>
            </table>
            """));
        var wrong = sheet.Int("wrong");
        var body = Html.Of($"""
            {Ui.Notice(http, Notices)}
            <dl class="facts card">
            <dt>Revision</dt><dd id="revision">{sheet.Int("revision")} (updated {sheet.Str("updated_at")} UTC)</dd>
            <dt>Weights</dt><dd>{scheme.Str("description")}; cut-off {scheme.Int("cutoff")}: {string.Join(", ", criteria.Where(c => c.Int("weight") > 0).Select(c => $"{c.Str("name")} {c.Int("weight")}"))}</dd>
            <dt>Recorded totals</dt><dd id="wrong">{(wrong == 0 ? Html.Of($"all right") : Html.Of($"<span class=\"fail\">{Ui.Plural(wrong, "line")} wrong</span> (marked ⚠ below)"))}</dd>
            <dt>Export</dt><dd><a href="/v1/scoring/{key}/text">{key} worksheet as text</a></dd>
            </dl>
            {sections}
            <h2 id="history">History</h2>
            {HistoryTable(key, history)}
            """);
        return Ui.Page(http, $"Scoring worksheet {key}", body);
    }

    private static Html LineRow(string guideline, JsonElement l, bool canEdit)
    {
        var marks = l.Str("marks") ?? "";
        var groups = Enumerable.Range(0, 4).Select(g => Html.Of($"<td class=\"mono marks\">{string.Join(' ', marks.Skip(g * 3).Take(3))}</td>"));
        var wrong = l.Str("problem") is { } problem;
        var capability = l.Str("capability") ?? "";
        return Html.Of($"""
            <tr id="line-{capability}"{Html.If(wrong, Html.Of($" class=\"wrong\""))}>
            <td><code>{capability}</code></td>{Html.Join(groups)}<td class="mono marks">{l.Str("non_admin")}</td>
            <td class="num">{l.Int("recorded_total")}{(l.Bool("recorded_star") ? "*" : "")}</td>
            <td class="num">{l.Int("computed_total")}{(l.Bool("complete") ? "" : "?")}{(l.Bool("qualifies") ? "*" : "")}</td>
            <td>{(wrong ? Html.Of($"<span class=\"fail\" title=\"{l.Str("problem")}\">⚠ {l.Str("problem")}</span>") : Html.Of($"<span class=\"muted\">ok</span>"))}</td>
            {Html.If(canEdit, Html.Of($"<td><a class=\"edit\" href=\"/scoring/{guideline}/capabilities/{Uri.EscapeDataString(capability)}\">Edit</a></td>"))}
            </tr>
            """);
    }

    private static Html HistoryTable(string guideline, ApiReply history)
    {
        if (!history.Ok)
        {
            return Html.Of($"<p class=\"error\">{history.ErrorText}</p>");
        }

        var rows = history.Json.Items().Select(c => Html.Of($"""
            <tr>
            <td class="num"><a href="/v1/scoring/{guideline}/text?revision={c.Int("revision")}">{c.Int("revision")}</a></td>
            <td class="mono">{c.Str("at")}</td>
            <td class="by">{c.Str("by")}</td>
            <td>{(c.Str("kind") == "edit"
                ? Html.Of($"<code>{c.Str("capability")}</code> (line {c.Int("line_number")})<br><code class=\"old\">{c.Str("old_line")}</code><br>→ <code class=\"new\">{c.Str("new_line")}</code>")
                : Html.Of($"{(c.Str("kind") == "import" ? "imported" : "replaced by an import")}"))}</td>
            <td class="comment">{c.Str("comment")}</td>
            </tr>
            """)).ToList();
        return Html.Of($"""<table class="history"><thead><tr><th class="num">Revision</th><th>When (UTC)</th><th>Who</th><th>Change</th><th>Comment</th></tr></thead><tbody>{rows}</tbody></table>""");
    }

    private static async Task<IResult> EditFormAsync(string guideline, string capability, HttpContext http, ApiBridge api) =>
        await RenderEditAsync(guideline, capability, http, api, null, StatusCodes.Status200OK, null);

    private static async Task<IResult> RenderEditAsync(string guideline, string capability, HttpContext http, ApiBridge api, string? error, int status, string? comment)
    {
        var caller = Caller.From(http.User);
        if (caller is null)
        {
            return TypedResults.Redirect("/login?returnUrl=" + Uri.EscapeDataString(http.Request.Path));
        }

        var title = $"Edit {capability} ({guideline})";
        if (!caller.IsFoundation)
        {
            return Ui.Page(http, title, Html.Of($"""<p class="error">Only foundation admins edit the scoring matrix.</p>"""), StatusCodes.Status403Forbidden);
        }

        var reply = await api.GetAsync(http, "/v1/scoring/{guideline}", new Dictionary<string, string> { ["guideline"] = guideline });
        if (!reply.Ok)
        {
            return Ui.Error(http, title, reply);
        }

        var line = reply.Json.Prop("lines").Items().FirstOrDefault(l => l.Str("capability") == capability);
        if (line.ValueKind != JsonValueKind.Object)
        {
            return Ui.Page(http, title, Html.Of($"""<p class="error">'{capability}' is not scored in the {guideline} worksheet.</p>"""), StatusCodes.Status404NotFound);
        }

        var marks = line.Str("marks") ?? "";
        var criteria = reply.Json.Prop("scheme").Prop("criteria").Items().ToList();
        var selects = criteria.Select((c, i) => Html.Of($"""
            <label>{c.Str("name")} ({(c.Int("weight") > 0 ? $"weight {c.Int("weight")}" : "not weighed")}) {MarkSelect($"c{i}", i < marks.Length ? marks[i] : '?', "01?*")}</label>
            """));
        var body = Html.Of($"""
            {Html.If(error is not null, Html.Of($"<p class=\"error\" role=\"alert\">{error}</p>"))}
            <p>Now: <code id="current-line">{line.Str("text")}</code></p>
            <form method="post" action="/scoring/{guideline}/capabilities/{Uri.EscapeDataString(capability)}" class="card" id="edit-form">
            {Ui.CsrfInput(http)}
            <input type="hidden" name="revision" value="{reply.Json.Int("revision")}">
            <div class="criteria">{Html.Join(selects)}</div>
            <label>Non-admin (0: needs admin rights, scores 0) {MarkSelect("non_admin", (line.Str("non_admin") ?? "?")[0], "01?")}</label>
            <label>Comment (why; kept in the history) <input name="comment" maxlength="1024" value="{comment}"></label>
            <p class="muted">The total and the star are recomputed with {reply.Json.Prop("scheme").Str("description")} (cut-off {reply.Json.Prop("scheme").Int("cutoff")}).</p>
            <button type="submit">Save line</button> <a href="/scoring/{guideline}">Cancel</a>
            </form>
            """);
        return Ui.Page(http, title, body, status);
    }

    private static Html MarkSelect(string name, char current, string allowed) =>
        Html.Of($"""<select name="{name}">{Html.Join(allowed.Select(c => Html.Of($"<option value=\"{c.ToString()}\"{(c == current ? Html.Of($" selected") : Html.Empty)}>{c.ToString()}</option>")))}</select>""");

    private static async Task<IResult> EditAsync(string guideline, string capability, HttpContext http, ApiBridge api)
    {
        if (!await Ui.CsrfValidAsync(http))
        {
            return Ui.CsrfRefused(http);
        }

        if (Caller.From(http.User) is null)
        {
            return TypedResults.Redirect("/login?returnUrl=" + Uri.EscapeDataString(http.Request.Path));
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var marks = string.Concat(Enumerable.Range(0, CriteriaMarks.Count).Select(i => form[$"c{i}"].ToString()));
        var comment = form["comment"].ToString().Trim();
        var json = new Dictionary<string, object?>
        {
            ["marks"] = marks,
            ["non_admin"] = form["non_admin"].ToString(),
            ["comment"] = comment.Length == 0 ? null : comment,
            ["revision"] = int.TryParse(form["revision"].ToString(), out var r) ? r : null,
        };
        var reply = await api.CallAsync(http, HttpMethods.Put, "/v1/scoring/{guideline}/capabilities/{capability}",
            new Dictionary<string, string> { ["guideline"] = guideline, ["capability"] = capability }, json: json);
        return reply.Ok
            ? TypedResults.Redirect($"/scoring/{Uri.EscapeDataString(guideline)}?notice={(reply.Json.Bool("changed") ? "saved" : "unchanged")}#history")
            : await RenderEditAsync(guideline, capability, http, api, reply.ErrorText, reply.Status, comment);
    }
}
