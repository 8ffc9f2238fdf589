using System.Text.Json;
using Stackmark.Server.Auth;

namespace Stackmark.Server.Web;

/// <summary>
/// The flag proposals page: every proposal with its decision, a form for signed-in users to propose a flag, and
/// approve/reject forms (with a note) for foundation admins (<c>/v1/flags</c> through <see cref="ApiBridge"/>).
/// </summary>
internal static class FlagPages
{
    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["proposed"] = "Flag proposed; a foundation admin will decide on it.",
        ["approved"] = "Flag approved.",
        ["rejected"] = "Flag rejected.",
    };

    public static void Map(RouteGroupBuilder ui)
    {
        ui.MapGet("/flags", ListAsync);
        ui.MapPost("/flags", ProposeAsync);
        ui.MapPost("/flags/{id}/decide", DecideAsync);
    }

    private sealed record Proposal(string? Guideline, string? Test, string? Reason, string? Rationale);

    private static Task<IResult> ListAsync(HttpContext http, ApiBridge api, string? guideline, string? status) =>
        RenderAsync(http, api, guideline, status, null, StatusCodes.Status200OK, null);

    private static async Task<IResult> RenderAsync(HttpContext http, ApiBridge api, string? guideline, string? status, string? error, int code, Proposal? typed)
    {
        var reply = await api.GetAsync(http, "/v1/flags", query: new Dictionary<string, string?> { ["guideline"] = guideline?.Trim(), ["status"] = status });
        var caller = Caller.From(http.User);
        var filters = Html.Of($"""
            <form method="get" action="/flags" class="filters card">
            <label>Guideline <input name="guideline" value="{guideline}" maxlength="64" placeholder="2019.11"></label>
            <label>Status <select name="status"><option value="">any</option>{Html.Join(new[] { "proposed", "approved", "rejected" }.Select(s => Html.Of($"<option value=\"{s}\"{(s == status ? Html.Of($" selected") : Html.Empty)}>{s}</option>")))}</select></label>
            <button type="submit">Filter</button>
            </form>
            """);
        if (!reply.Ok)
        {
            return Ui.Page(http, "Flag proposals", Html.Of($"""{filters}<p class="error">{reply.ErrorText}</p>"""), reply.Status);
        }

        var flags = reply.Json.Prop("flags").Items().ToList();
        var rows = flags.Select(f => Row(http, f, caller?.IsFoundation == true)).ToList();
        var approvedFiles = flags.Where(f => f.Str("status") == "approved").Select(f => f.Str("guideline")).Distinct().Order(StringComparer.Ordinal)
            .Select(g => Html.Of($"""<li><a href="/v1/flags/approved?guideline={g}">approved flags for {g}</a> (<code>stackmark guidelines draft --from {g} --flags REGISTRY_URL</code>)</li>""")).ToList();
        var propose = caller is null
            ? Html.Of($"""<p><a href="/login?returnUrl=%2Fflags">Sign in</a> to propose a flag.</p>""")
            : Html.Of($"""
                <form method="post" action="/flags" class="card" id="propose-form">
                {Ui.CsrfInput(http)}
                <h2>Propose a flag</h2>
                <label>Guideline listing the test (the draft's <code>--from</code>) <input name="guideline" required maxlength="64" placeholder="2019.11" value="{typed?.Guideline}"></label>
                <label>Test: name, alias or idempotent id <input name="test" required maxlength="1024" value="{typed?.Test}"></label>
                <label>Reason <select name="reason">{Html.Join(Flag.KnownReasonCodes.Select(k => Html.Of($"<option value=\"{k.Key}\"{(k.Key == typed?.Reason ? Html.Of($" selected") : Html.Empty)}>{k.Key} {k.Value}</option>")))}</select></label>
                <label>Rationale (bug links, why the test should not count) <textarea name="rationale" required>{typed?.Rationale}</textarea></label>
                <button type="submit">Propose</button>
                </form>
                """);
        var body = Html.Of($"""
            {Ui.Notice(http, Notices)}
            {Html.If(error is not null, Html.Of($"<p class=\"error\" role=\"alert\">{error}</p>"))}
            {filters}
            {(rows.Count == 0
                ? Html.Of($"""<p class="muted">No flag proposals match.</p>""")
                : Html.Of($"""<table class="flags"><thead><tr><th>Proposed (UTC)</th><th>Guideline</th><th>Test</th><th>Reason</th><th>Rationale</th><th>By</th><th>Status</th><th>Decision</th></tr></thead><tbody>{rows}</tbody></table>"""))}
            {Html.If(approvedFiles.Count > 0, Html.Of($"<h2>Flags files</h2><ul>{approvedFiles}</ul>"))}
            {propose}
            """);
        return Ui.Page(http, "Flag proposals", body, code);
    }

    private static Html Row(HttpContext http, JsonElement f, bool foundation)
    {
        var status = f.Str("status");
        var decision = status == "proposed"
            ? foundation
                ? Html.Of($"""
                    <form method="post" action="/flags/{f.Str("id")}/decide" class="decide">
                    {Ui.CsrfInput(http)}
                    <input name="note" maxlength="4096" placeholder="note (required to reject)">
                    <button type="submit" name="action" value="approve">Approve</button>
                    <button type="submit" name="action" value="reject" class="danger">Reject</button>
                    </form>
                    """)
                : Html.Of($"<span class=\"muted\">pending</span>")
            : Html.Of($"""{f.Str("decided_by")} <span class="mono">{f.Str("decided_at")}</span>{Html.If(f.Str("decision_note") is not null, Html.Of($"<br>{f.Str("decision_note")}"))}""");
        var badge = status switch
        {
            "approved" => Html.Of($"<span class=\"pass\">approved</span>"),
            "rejected" => Html.Of($"<span class=\"fail\">rejected</span>"),
            _ => Html.Of($"<span class=\"badge\">proposed</span>"),
        };
        return Html.Of($"""
            <tr id="flag-{f.Str("id")}">
            <td class="mono">{f.Str("proposed_at")}</td>
            <td>{f.Str("guideline")}</td>
            <td><code>{f.Str("test")}</code>{Html.If(f.Str("idempotent_id") is not null, Html.Of($"<br><span class=\"mono muted\">{f.Str("idempotent_id")}</span>"))}<br><span class="muted">{string.Join(", ", f.Prop("capabilities").Items().Select(c => c.GetString()))}</span></td>
            <td>{f.Str("reason")}<br><span class="muted">{f.Str("reason_meaning")}</span></td>
            <td>{f.Str("rationale")}</td>
            <td>{f.Str("proposed_by")}</td>
            <td class="status">{badge}</td>
            <td>{decision}</td>
            </tr>
            """);
    }

    private static async Task<IResult> ProposeAsync(HttpContext http, ApiBridge api)
    {
        if (!await Ui.CsrfValidAsync(http))
        {
            return Ui.CsrfRefused(http);
        }

        if (Caller.From(http.User) is null)
        {
            return TypedResults.Redirect("/login?returnUrl=%2Fflags");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var typed = new Proposal(form["guideline"].ToString().Trim(), form["test"].ToString().Trim(), form["reason"].ToString(), form["rationale"].ToString().Trim());
        var reply = await api.CallAsync(http, HttpMethods.Post, "/v1/flags", json: new Dictionary<string, string?>
        {
            ["guideline"] = typed.Guideline,
            ["test"] = typed.Test,
            ["reason"] = typed.Reason,
            ["rationale"] = typed.Rationale,
        });
        return reply.Ok
            ? TypedResults.Redirect("/flags?notice=proposed")
            : await RenderAsync(http, api, null, null, reply.ErrorText, reply.Status, typed);
    }

    private static async Task<IResult> DecideAsync(string id, HttpContext http, ApiBridge api)
    {
        if (!await Ui.CsrfValidAsync(http))
        {
            return Ui.CsrfRefused(http);
        }

        if (Caller.From(http.User) is null)
        {
            return TypedResults.Redirect("/login?returnUrl=%2Fflags");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var action = form["action"].ToString() == "reject" ? "reject" : "approve";
        var note = form["note"].ToString().Trim();
        var reply = await api.CallAsync(http, HttpMethods.Post, $"/v1/flags/{{id}}/{action}", new Dictionary<string, string> { ["id"] = id },
            json: new Dictionary<string, string?> { ["note"] = note.Length == 0 ? null : note });
        return reply.Ok
            ? TypedResults.Redirect($"/flags?notice={action}ed")
            : await RenderAsync(http, api, null, null, reply.ErrorText, reply.Status, null);
    }
}
