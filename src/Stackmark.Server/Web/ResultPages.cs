using System.Text.Json;
using Stackmark.Guidelines;
using Stackmark.Server.Auth;
using Stackmark.Server.Guidelines;

namespace Stackmark.Server.Web;

/// <summary>
/// The community results list (filters, keyset paging through <c>GET /v1/results</c>), one result's report (the stored
/// compliance per guideline/target from <c>/compliance</c>, the run's failing tests from <c>/tests</c>) and the
/// foundation's verify button (<c>PUT /v1/results/{id}</c>), also used by the verification queue (<see cref="QueuePages"/>).
/// </summary>
internal static partial class ResultPages
{
    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["verified"] = "Result verified.",
        ["unverified"] = "Verification withdrawn.",
        ["signed-out"] = "Signed out.",
    };

    public static void Map(RouteGroupBuilder ui)
    {
        ui.MapGet("/results", ListAsync);
        ui.MapGet("/results/{id}", ShowAsync);
        ui.MapPost("/results/{id}/verify", VerifyAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, ApiBridge api, string? cpid, string? from, string? to, string? verified, string? mine, string? cursor)
    {
        var caller = Caller.From(http.User);
        var query = new Dictionary<string, string?>
        {
            ["cpid"] = cpid?.Trim(),
            ["start_date"] = from?.Trim(),

            // A bare date in the form means the whole day.
            ["end_date"] = to?.Trim() is { Length: 10 } day ? day + " 23:59:59" : to?.Trim(),
            ["verification_status"] = verified is "0" or "1" ? verified : null,
            ["signed"] = mine == "1" && caller is not null ? "1" : null,
            ["cursor"] = cursor,
        };
        var reply = await api.GetAsync(http, "/v1/results", query: query);
        var filters = Html.Of($"""
            <form method="get" action="/results" class="filters card">
            <label>Cloud provider id (cpid) <input name="cpid" value="{cpid}" maxlength="255"></label>
            <label>From <input name="from" type="date" value="{from}"></label>
            <label>To <input name="to" type="date" value="{to}"></label>
            <label>Verification <select name="verified">
            <option value="">any</option>
            <option value="1"{Selected(verified == "1")}>verified</option>
            <option value="0"{Selected(verified == "0")}>not verified</option>
            </select></label>
            {Html.If(caller is not null, Html.Of($"""<label>Whose <select name="mine"><option value="">public</option><option value="1"{Selected(mine == "1")}>mine</option></select></label>"""))}
            <button type="submit">Filter</button>
            </form>
            """);
        if (!reply.Ok)
        {
            return Ui.Page(http, "Test results", Html.Of($"""{filters}<p class="error">{reply.ErrorText}</p>"""), reply.Status);
        }

        var rows = reply.Json.Prop("results").Items().Select(r =>
        {
            var meta = r.Prop("meta");
            var pv = r.Prop("product_version");
            var product = pv.ValueKind == JsonValueKind.Object
                ? Html.Of($"""<a href="/products/{pv.Prop("product_info").Str("id")}">{pv.Prop("product_info").Str("name")}</a> {pv.Str("version")}""")
                : Html.Empty;
            return Html.Of($"""
                <tr>
                <td class="mono">{r.Str("created_at")}</td>
                <td><a class="mono" href="/results/{r.Str("id")}">{r.Str("id")}</a></td>
                <td>{meta.Str("guideline")?.Replace(".json", "", StringComparison.Ordinal)}</td>
                <td>{meta.Str("target")}</td>
                <td>{product}</td>
                <td>{(r.Int("verification_status") == 1 ? Html.Of($"""<span class="pass">verified</span>""") : Html.Of($"""<span class="muted">not verified</span>"""))}</td>
                </tr>
                """);
        }).ToList();
        var next = reply.Json.Prop("pagination").Str("next_cursor");
        var nextLink = next is null
            ? Html.Empty
            : Html.Of($"""<a rel="next" href="/results{QueryString.Create(new Dictionary<string, string?> { ["cpid"] = cpid, ["from"] = from, ["to"] = to, ["verified"] = verified, ["mine"] = mine, ["cursor"] = next }.Where(kv => !string.IsNullOrEmpty(kv.Value)))}">Older results →</a>""");
        var body = Html.Of($"""
            {Ui.Notice(http, Notices)}
            {filters}
            {(rows.Count == 0
                ? Html.Of($"""<p class="muted">No results match.</p>""")
                : Html.Of($"""
                    <table class="results">
                    <thead><tr><th>Uploaded (UTC)</th><th>Result</th><th>Guideline</th><th>Target</th><th>Product</th><th>Status</th></tr></thead>
                    <tbody>{rows}</tbody>
                    </table>
                    """))}
            <div class="pager">{Html.If(cursor is not null, Html.Of($"""<a href="/results">← Newest</a>"""))}{nextLink}</div>
            """);
        return Ui.Page(http, mine == "1" ? "My test results" : "Test results", body);
    }

    private static async Task<IResult> ShowAsync(string id, HttpContext http, ApiBridge api, GuidelineCatalog catalog, string? guideline, string? target)
    {
        var route = new Dictionary<string, string> { ["id"] = id };
        var detail = await api.GetAsync(http, "/v1/results/{id}", route);
        if (!detail.Ok)
        {
            return Ui.Error(http, "Test result", detail);
        }

        var run = detail.Json;
        var meta = run.Prop("meta");
        var compliance = await api.GetAsync(http, "/v1/results/{id}/compliance", route, new Dictionary<string, string?> { ["guideline"] = guideline, ["target"] = target });
        var tests = await api.GetAsync(http, "/v1/results/{id}/tests", route);
        var caller = Caller.From(http.User);
        var verifiedRun = run.Int("verification_status") == 1;

        var report = compliance.Ok ? compliance.Json : default;
        var reportGuideline = report.Str("guideline") ?? guideline ?? meta.Str("guideline");
        var reportTarget = report.Str("target") ?? target ?? meta.Str("target");
        // Reports stored before the three-way verdict have "compliant" only.
        var verdict = compliance.Ok
            ? report.Bool("compliant")
                ? Html.Of($"""<div class="verdict ok" id="verdict">Compliant with {report.Str("program")} ({report.Str("guideline")}, target {report.Str("target")})</div>""")
                : report.Str("verdict") == "incomplete"
                    ? Html.Of($"""
                        <div class="verdict incomplete" id="verdict">Incomplete for {report.Str("program")} ({report.Str("guideline")}, target {report.Str("target")}): no required test failed for the cloud's reason, but the run could not judge them all</div>
                        <ul id="to-complete">{report.Prop("to_complete").Items().Select(s => Html.Of($"<li>{s.GetString()}</li>")).ToList()}</ul>
                        """)
                    : Html.Of($"""<div class="verdict ko" id="verdict">Not compliant with {report.Str("program")} ({report.Str("guideline")}, target {report.Str("target")})</div>""")
            : Html.Of($"""<p class="error" id="verdict">No compliance report: {compliance.ErrorText}</p>""");

        var verification = run.Prop("verification");
        var verifiedLine = verifiedRun
            ? Html.Of($"""
                <span class="pass">verified</span> {run.Str("verified_at")}{Html.If(run.Str("verified_by") is not null, Html.Of($" by {run.Str("verified_by")}"))}
                {Html.If(verification.ValueKind == JsonValueKind.Object, Html.Of($"— against {verification.Str("guideline")} / {verification.Str("target")}: {Ui.Verdict(verification.Bool("compliant"), "compliant", "not compliant")}"))}
                """)
            : Html.Of($"""<span class="muted">not verified</span>""");
        var pv = run.Prop("product_version");
        var facts = Html.Of($"""
            <dl class="facts card">
            <dt>Uploaded (UTC)</dt><dd class="mono">{run.Str("created_at")}</dd>
            <dt>Guideline / target (meta)</dt><dd>{meta.Str("guideline") ?? "—"} / {meta.Str("target") ?? "—"}</dd>
            <dt>Shared</dt><dd>{meta.Str("shared") ?? "no"}</dd>
            {Html.If(meta.Str("region") is not null, Html.Of($"<dt>Region</dt><dd id=\"region\">{meta.Str("region")}</dd>"))}
            {Html.If(run.Str("cpid") is not null, Html.Of($"<dt>Cloud provider id</dt><dd class=\"mono\">{run.Str("cpid")}</dd>"))}
            {Html.If(meta.Str("user") is not null, Html.Of($"<dt>Uploaded by</dt><dd>{meta.Str("user")}</dd>"))}
            {Html.If(pv.ValueKind == JsonValueKind.Object, Html.Of($"<dt>Product</dt><dd><a href=\"/products/{pv.Prop("product_info").Str("id")}\">{pv.Prop("product_info").Str("name")}</a> {pv.Str("version")}</dd>"))}
            <dt>Format / signature</dt><dd>{run.Str("format")} / {(run.Str("signature_version") is { } sv ? "v" + sv : "unsigned")}</dd>
            <dt>Duration</dt><dd>{run.Str("duration_seconds")} s</dd>
            <dt>Verification</dt><dd id="verification">{verifiedLine}</dd>
            </dl>
            """);

        var measured = await MeasuredSectionAsync(http, api, meta, pv);

        var verifyForm = caller?.IsFoundation == true
            ? Html.Of($"""
                <form method="post" action="/results/{id}/verify" class="card" id="verify-form">
                {Ui.CsrfInput(http)}
                <input type="hidden" name="action" value="{(verifiedRun ? "unverify" : "verify")}">
                {(verifiedRun
                    ? Html.Of($"""<button type="submit" class="danger" id="unverify">Withdraw verification</button>""")
                    : Html.Of($"""<button type="submit" id="verify">Verify this result</button> <span class="muted">records you as verifier and snapshots the server's verdict for the result's guideline and target meta</span>"""))}
                </form>
                """)
            : Html.Empty;

        var switcher = await SwitcherAsync(http, api, catalog, id, reportGuideline, reportTarget);
        var waivers = report.Prop("waivers");
        var capabilities = compliance.Ok ? CapabilityTables(report, WaiverPages.ActivelyCovered(waivers)) : Html.Empty;
        var failingRun = tests.Ok ? FailingTests(tests.Json) : Html.Empty;
        var body = Html.Of($"""
            {Ui.Notice(http, Notices)}
            {verdict}
            {WaiverPages.ReportSection(waivers)}
            {facts}
            {measured}
            {verifyForm}
            {switcher}
            {capabilities}
            {failingRun}
            """);
        return Ui.Page(http, $"Test result {id}", body);
    }

    private static async Task<Html> SwitcherAsync(HttpContext http, ApiBridge api, GuidelineCatalog catalog, string id, string? current, string? currentTarget)
    {
        var list = await api.GetAsync(http, "/v1/guidelines");
        if (!list.Ok)
        {
            return Html.Empty;
        }

        var currentId = GuidelineId.TryParse(current, out var parsed) ? parsed.ToString() : null;
        var options = list.Json.EnumerateObject()
            .SelectMany(p => p.Value.Items().Select(e => (e.Str("file") ?? "").Replace(".json", "", StringComparison.Ordinal)))
            .Where(f => f.Length > 0)
            .Select(f => Html.Of($"""<option value="{f}"{Selected(f == currentId)}>{f}</option>"""))
            .ToList();
        var targets = new List<string>();
        if (currentId is not null && GuidelineId.TryParse(currentId, out var gid))
        {
            try
            {
                var (g, _) = await catalog.LoadAsync(gid, http.RequestAborted);
                targets.AddRange(g?.Targets.Select(t => t.Key) ?? []);
            }
            catch (GuidelineSourceException)
            {
                // The switcher then offers the current target only.
            }
        }

        if (currentTarget is not null && !targets.Contains(currentTarget, StringComparer.OrdinalIgnoreCase))
        {
            targets.Add(currentTarget);
        }

        return Html.Of($"""
            <form method="get" action="/results/{id}" class="switch card">
            <label>Guideline <select name="guideline">{options}</select></label>
            <label>Target <select name="target">{targets.Select(t => Html.Of($"""<option value="{t}"{Selected(string.Equals(t, currentTarget, StringComparison.OrdinalIgnoreCase))}>{t}</option>"""))}</select></label>
            <button type="submit">Show compliance</button>
            </form>
            """);
    }

    private static Html CapabilityTables(JsonElement report, HashSet<(string Capability, string Test)> waived)
    {
        var summary = report.Prop("summary");
        var summaryRows = new[] { "required", "advisory", "deprecated", "removed" }.Select(status =>
        {
            var s = summary.Prop(status);
            return Html.Of($"""
                <tr><td>{status}</td><td class="num">{s.Int("capabilities_passed")} / {s.Int("capabilities")}</td><td class="num">{s.Int("tests_passed")} / {s.Int("tests")}</td><td class="num">{s.Int("tests_flagged")}</td></tr>
                """);
        });
        var caps = report.Prop("capabilities").Items().ToList();
        var byStatus = caps.GroupBy(c => c.Str("status") ?? "").Select(group => Html.Of($"""
            <h2>{Capitalized(group.Key)} capabilities ({group.Count()})</h2>
            <table class="capabilities">
            <thead><tr><th>Capability</th><th>Verdict</th><th class="num">Passed</th><th class="num">Flagged</th><th>Failing tests</th></tr></thead>
            <tbody>{group.Select(c => CapabilityRow(c, waived))}</tbody>
            </table>
            """));
        return Html.Of($"""
            <h2>Summary</h2>
            <table class="summary">
            <thead><tr><th>Status</th><th class="num">Capabilities passed</th><th class="num">Tests passed</th><th class="num">Tests flagged</th></tr></thead>
            <tbody>{summaryRows}</tbody>
            </table>
            <p class="muted">{Ui.Plural(summary.Int("unmatched_results"), "result")} of the run matched no test of this target.</p>
            {byStatus}
            """);
    }

    private static Html CapabilityRow(JsonElement cap, HashSet<(string Capability, string Test)> waived)
    {
        var failing = cap.Prop("failing").Items().Select(t => Html.Of($"""
            <li><code>{t.Str("name")}</code> <span class="badge">{t.Str("status")}</span>{Html.If(waived.Contains((cap.Str("id") ?? "", t.Str("name") ?? "")), Html.Of($" <span class=\"badge waived\">waived</span>"))}{Html.If(t.Str("category") is not null, Html.Of($" <span class=\"badge\">{t.Str("category")}</span>"))}{Html.If(t.Str("reason") is not null, Html.Of($"<br><span class=\"muted\">{t.Str("reason")}</span>"))}</li>
            """)).ToList();
        return Html.Of($"""
            <tr>
            <td><code>{cap.Str("id")}</code>{Html.If(!cap.Bool("defined"), Html.Of($" <span class=\"badge\">undefined</span>"))}</td>
            <td>{(cap.Str("verdict") == "incomplete" ? Html.Of($"""<span class="incomplete">incomplete</span>""") : Ui.Verdict(cap.Str("verdict") == "pass"))}{Html.If(cap.Str("fails_only_for") is not null, Html.Of($" <span class=\"badge\">only {cap.Str("fails_only_for")}</span>"))}</td>
            <td class="num">{cap.Int("passed")} / {cap.Int("tests")}</td>
            <td class="num">{cap.Int("flagged")}</td>
            <td>{(failing.Count == 0 ? Html.Empty : Html.Of($"<ul class=\"failing\">{failing}</ul>"))}</td>
            </tr>
            """);
    }

    private static Html FailingTests(JsonElement tests)
    {
        var all = tests.Items().ToList();
        var failed = all.Where(t => t.Str("status") == "fail").ToList();
        var counts = all.GroupBy(t => t.Str("status") ?? "?").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
        return Html.Of($"""
            <h2>Tests of this run</h2>
            <p>{Ui.Plural(all.Count, "test")} stored: {string.Join(", ", counts)}.</p>
            {(failed.Count == 0
                ? Html.Empty
                : Html.Of($"""
                    <table class="failed-tests">
                    <thead><tr><th>Failed test</th><th>Reason</th></tr></thead>
                    <tbody>{failed.Select(t => Html.Of($"<tr><td><code>{t.Str("name")}</code></td><td>{t.Str("reason")}</td></tr>"))}</tbody>
                    </table>
                    """))}
            <details><summary>Every test with its status</summary>
            <table class="all-tests">
            <thead><tr><th>Test</th><th>Status</th><th>Reason</th></tr></thead>
            <tbody>{all.Select(t => Html.Of($"<tr><td><code>{t.Str("name")}</code></td><td>{t.Str("status")}</td><td>{t.Str("reason")}</td></tr>"))}</tbody>
            </table>
            </details>
            """);
    }

    private static string Capitalized(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];

    private static Html Selected(bool selected) => selected ? new Html(" selected") : Html.Empty;

    // What the run measured (the result's "measured" meta) beside the region the vendor declared, with each
    // disagreement flagged: the declared configuration is the vendor's word, the measurement is the run's.
    private static async Task<Html> MeasuredSectionAsync(HttpContext http, ApiBridge api, JsonElement meta, JsonElement productVersion)
    {
        if (meta.Str("measured") is not { } text || Stackmark.Regions.MeasuredCloud.Parse(System.Text.Encoding.UTF8.GetBytes(text), "measured").Value is not { } measured)
        {
            return Html.Empty;
        }

        Stackmark.Regions.DeclaredRegion? declared = null;
        if (meta.Str("region") is { } name && productVersion.ValueKind == JsonValueKind.Object && productVersion.Prop("product_info").Str("id") is { } productId)
        {
            var regions = await api.GetAsync(http, "/v1/products/{id}/regions", new Dictionary<string, string> { ["id"] = productId });
            declared = regions.Ok
                ? regions.Json.Prop("regions").Items()
                    .Where(r => string.Equals(r.Str("name"), name, StringComparison.OrdinalIgnoreCase))
                    .Select(r => new Stackmark.Regions.DeclaredRegion(r.Str("name")!, r.Str("kind") ?? "", r.Str("runtime"), [.. r.Prop("guest_os").Items().Select(g => g.GetString() ?? "")]))
                    .FirstOrDefault()
                : null;
        }

        var disagreements = declared is null ? [] : Stackmark.Regions.RegionAgreement.Compare(declared, measured);
        static Html Flagged(string disagreement) => Html.Of($"""<li class="fail">{disagreement}</li>""");
        var images = measured.Images.Count == 0 ? "none listed" : string.Join(", ", measured.Images.Select(i => $"{(i.Name.Length > 0 ? i.Name + " " : "")}({i.OsDistro ?? "—"} / {i.OsType ?? "—"})"));
        return Html.Of($"""
            <section class="card" id="measured">
            <h2>Measured by the run</h2>
            <dl class="facts">
            <dt>Region</dt><dd>{measured.Region ?? "—"}</dd>
            <dt>Hypervisor types</dt><dd>{(measured.HypervisorTypes.Count == 0 ? "not listed (the account cannot see hypervisors)" : string.Join(", ", measured.HypervisorTypes))}</dd>
            <dt>Guest images (os_distro / os_type)</dt><dd>{images}</dd>
            <dt>Guest validation</dt><dd>{(measured.GuestValidation ? "on: Tempest logged into its guests" : "off")}</dd>
            {Html.If(declared is not null, Html.Of($"<dt>Declared region</dt><dd>{declared?.Name} ({declared?.Kind}{(declared?.Runtime is { } rt ? " " + rt : "")}; guests: {string.Join(", ", declared?.GuestOperatingSystems ?? [])})</dd>"))}
            </dl>
            {Html.If(disagreements.Count > 0, Html.Of($"""<ul class="warnings" id="disagreements">{disagreements.Select(Flagged).ToList()}</ul>"""))}
            {Html.If(declared is not null && disagreements.Count == 0, Html.Of($"""<p class="pass" id="agreement">The measurement agrees with the declared region.</p>"""))}
            </section>
            """);
    }
}
