using System.Net;
using System.Text.Json;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Scoring;

/// <summary>
/// The scoring matrix in the registry: the official worksheets stored and exported byte for byte, checked with their
/// guidelines' weights, one line edited with its history, and bad input refused whole.
/// </summary>
public abstract class ScoringApiTests<TFixture>(TFixture registry) : IClassFixture<TFixture>
    where TFixture : RegistryFixture
{
    [SkippableFact]
    public async Task Every_official_worksheet_goes_through_store_and_export_byte_for_byte()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        foreach (var (file, guideline) in Governance.OfficialWorksheets)
        {
            var bytes = await File.ReadAllBytesAsync(Governance.WorksheetPath(file));
            using var put = await registry.SendAsync(HttpMethod.Put, $"/v1/scoring/{guideline}", s.Foundation, new ByteArrayContent(bytes));
            var body = await put.Content.ReadAsStringAsync();
            Assert.True(put.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{file}: {(int)put.StatusCode} {body}");
            Assert.Equal(0, JsonDocument.Parse(body).RootElement.GetProperty("normalized_lines").GetInt32());

            using var export = await registry.Http.GetAsync($"/v1/scoring/{guideline}/text");
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
            Assert.Equal("text/plain", export.Content.Headers.ContentType?.MediaType);
            var exported = await export.Content.ReadAsByteArrayAsync();
            Assert.True(bytes.SequenceEqual(exported), $"{file} did not come back byte for byte");
        }

        var list = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/v1/scoring", null);
        var stored = list.Body.GetProperty("worksheets").EnumerateArray().ToDictionary(w => w.GetProperty("guideline").GetString()!, w => w.GetProperty("capabilities").GetInt32());
        Assert.Equal(140, stored["next"]);
        Assert.Equal(2, stored["dns.next"]);
        Assert.Equal(6, stored["nfv.next"]);
        Assert.Equal(17, stored["orchestration.next"]);
    }

    [SkippableFact]
    public async Task The_matrix_recomputes_totals_with_the_guideline_weights_and_marks_the_wrong_ones()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        await ImportOfficialAsync(s, "scoring_dns.txt", "dns.next");
        await ImportOfficialAsync(s, "scoring.txt", "next");

        // The DNS sheet's totals were typed by hand: 64 where dns.next's add-on weights give 66, and no star.
        var dns = (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/v1/scoring/dns.next", null)).Body;
        Assert.Equal("weights of dns.next", dns.GetProperty("scheme").GetProperty("description").GetString());
        Assert.Equal(60, dns.GetProperty("scheme").GetProperty("cutoff").GetInt32());
        Assert.Equal(2, dns.GetProperty("wrong").GetInt32());
        var zone = dns.GetProperty("lines")[0];
        Assert.Equal("dns-zone-crud", zone.GetProperty("capability").GetString());
        Assert.Equal("DNS", zone.GetProperty("section").GetString());
        Assert.Equal("*11111110*1*", zone.GetProperty("marks").GetString());
        Assert.Equal(64, zone.GetProperty("recorded_total").GetInt32());
        Assert.Equal(66, zone.GetProperty("computed_total").GetInt32());
        Assert.True(zone.GetProperty("total_wrong").GetBoolean());
        Assert.True(zone.GetProperty("star_wrong").GetBoolean());
        Assert.Equal("total is 66, not 64; qualifies but has no '*'", zone.GetProperty("problem").GetString());

        // The core sheet recomputes exactly with next's weights.
        var core = (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/v1/scoring/next", null)).Body;
        Assert.Equal(0, core.GetProperty("wrong").GetInt32());
        var flavors = core.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("capability").GetString() == "compute-flavors-list");
        Assert.Equal(74, flavors.GetProperty("computed_total").GetInt32());
        Assert.True(flavors.GetProperty("qualifies").GetBoolean());
        Assert.Equal(133, flavors.GetProperty("line_number").GetInt32());
        Assert.Equal(JsonValueKind.Null, flavors.GetProperty("problem").ValueKind);

        // The page shows the same: a ⚠ on both DNS lines.
        var page = await registry.Http.GetStringAsync("/scoring/dns.next");
        Assert.Contains("⚠ total is 66, not 64; qualifies but has no &#x27;*&#x27;", page, StringComparison.Ordinal);
        Assert.Contains("<tr id=\"line-dns-zone-crud\" class=\"wrong\">", page, StringComparison.Ordinal);
        Assert.Contains("<tr id=\"line-dns-record-crud\" class=\"wrong\">", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Editing_a_line_recomputes_it_and_records_who_when_the_old_and_new_line_and_why()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        var original = await File.ReadAllTextAsync(Governance.WorksheetPath("scoring.txt"));
        var guideline = await s.NewWorksheetAsync(original);

        // Not widely deployed after all: 74 - 8 = 66, below the cut-off, so the star goes.
        var edit = (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/scoring/{guideline}/capabilities/compute-flavors-list", s.Foundation,
            new { marks = "[0,1,1] [1,1,1] [1,1,0] [0,1,0]", comment = "community data: 3 of 10 clouds", revision = 1 })).Body;
        const string Before = "compute-flavors-list:            [1,1,1] [1,1,1] [1,1,0] [0,1,0] [1] [74]*";
        const string After = "compute-flavors-list:            [0,1,1] [1,1,1] [1,1,0] [0,1,0] [1] [66]";
        Assert.True(edit.GetProperty("changed").GetBoolean());
        Assert.Equal(2, edit.GetProperty("revision").GetInt32());
        Assert.Equal(Before, edit.GetProperty("old_line").GetString());
        Assert.Equal(After, edit.GetProperty("new_line").GetString());
        Assert.False(edit.GetProperty("line").GetProperty("qualifies").GetBoolean());

        var history = (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/scoring/{guideline}/history", null)).Body;
        Assert.Equal(2, history.GetArrayLength());
        var change = history[0];
        Assert.Equal(2, change.GetProperty("revision").GetInt32());
        Assert.Equal("edit", change.GetProperty("kind").GetString());
        Assert.Equal("compute-flavors-list", change.GetProperty("capability").GetString());
        Assert.Equal(133, change.GetProperty("line_number").GetInt32());
        Assert.Equal(Before, change.GetProperty("old_line").GetString());
        Assert.Equal(After, change.GetProperty("new_line").GetString());
        Assert.Equal("community data: 3 of 10 clouds", change.GetProperty("comment").GetString());
        Assert.Equal("admin", change.GetProperty("by").GetString());
        if (registry.Clock is ManualClock)
        {
            Assert.Equal("2031-03-01 12:00:00", change.GetProperty("at").GetString());
        }

        Assert.Equal("import", history[1].GetProperty("kind").GetString());

        // The export differs from the official file in that one line; revision 1 is still the official file.
        var exported = await registry.Http.GetStringAsync($"/v1/scoring/{guideline}/text");
        Assert.Equal(original.Replace(Before, After, StringComparison.Ordinal), exported);
        Assert.Equal(original, await registry.Http.GetStringAsync($"/v1/scoring/{guideline}/text?revision=1"));

        // The same marks again change nothing and record nothing; putting the old marks back restores the bytes.
        var again = (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/scoring/{guideline}/capabilities/compute-flavors-list", s.Foundation, new { marks = "011111110010" })).Body;
        Assert.False(again.GetProperty("changed").GetBoolean());
        Assert.Equal(2, again.GetProperty("revision").GetInt32());
        await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/scoring/{guideline}/capabilities/compute-flavors-list", s.Foundation, new { marks = "111111110010", non_admin = "1" });
        Assert.Equal(original, await registry.Http.GetStringAsync($"/v1/scoring/{guideline}/text"));
        Assert.Equal(3, (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/scoring/{guideline}/history", null)).Body.GetArrayLength());
    }

    [SkippableFact]
    public async Task Bad_input_is_a_clear_4xx_and_nothing_is_half_written()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        var guideline = await s.NewWorksheetAsync();
        var path = $"/v1/scoring/{guideline}/capabilities/compute-flavors-list";

        await ExpectErrorAsync(s, HttpStatusCode.NotFound, HttpMethod.Put, $"/v1/scoring/{guideline}/capabilities/compute-nothing", new { marks = "111111111111" }, "Unknown capability", "'compute-nothing' is not scored");
        await ExpectErrorAsync(s, HttpStatusCode.BadRequest, HttpMethod.Put, path, new { marks = "11111111001" }, "Invalid marks", "is not twelve marks");
        await ExpectErrorAsync(s, HttpStatusCode.BadRequest, HttpMethod.Put, path, new { marks = "1111111100x0" }, "Invalid marks", "is not twelve marks");
        await ExpectErrorAsync(s, HttpStatusCode.BadRequest, HttpMethod.Put, path, new { marks = "111111110010", non_admin = "*" }, "Invalid marks", "non_admin '*' must be 0, 1 or ?");
        await ExpectErrorAsync(s, HttpStatusCode.BadRequest, HttpMethod.Put, path, new { non_admin = "1" }, "Request doesn't correspond to schema", "\"marks\" is required");
        await ExpectErrorAsync(s, HttpStatusCode.BadRequest, HttpMethod.Put, path, new { marks = "111111110010", total = 3 }, "Malformed request", "unexpected key \"total\"");
        await ExpectErrorAsync(s, HttpStatusCode.Conflict, HttpMethod.Put, path, new { marks = "011111110010", revision = 7 }, "Stale revision", "is at revision 1, not 7");
        await ExpectErrorAsync(s, HttpStatusCode.NotFound, HttpMethod.Put, "/v1/scoring/orchestration.2016.01/capabilities/compute-flavors-list", new { marks = "011111110010" }, "No worksheet", null);
        await ExpectErrorAsync(s, HttpStatusCode.BadRequest, HttpMethod.Get, "/v1/scoring/latest", null, "Invalid guideline", "'latest' is not");

        // A replacement that does not parse, scores nothing or scores a line twice leaves the stored one as it was.
        var broken = Governance.SmallWorksheet.Replace("[1,1,0] [0,1,0] [1] [74]*", "[1,1,0] [0,1] [1] [74]*", StringComparison.Ordinal);
        await ExpectErrorAsync(s, HttpStatusCode.BadRequest, HttpMethod.Put, $"/v1/scoring/{guideline}", null, "Invalid worksheet", "worksheet:3:", text: broken);
        await ExpectErrorAsync(s, HttpStatusCode.BadRequest, HttpMethod.Put, $"/v1/scoring/{guideline}", null, "Invalid worksheet", "no capability line", text: "Notes only\n");
        await ExpectErrorAsync(s, HttpStatusCode.BadRequest, HttpMethod.Put, $"/v1/scoring/{guideline}", null, "Invalid worksheet", "compute-flavors-list is scored twice (lines 3, 5)",
            text: Governance.SmallWorksheet + "compute-flavors-list: [1,1,1] [1,1,1] [1,1,0] [0,1,0] [1] [74]*\n");
        await ExpectErrorAsync(s, HttpStatusCode.Conflict, HttpMethod.Put, $"/v1/scoring/{guideline}?revision=4", null, "Stale revision", null, text: Governance.SmallWorksheet.Replace("[74]*", "[74]", StringComparison.Ordinal));

        var fresh = Governance.FreshGuideline();
        await ExpectErrorAsync(s, HttpStatusCode.BadRequest, HttpMethod.Put, $"/v1/scoring/{fresh}", null, "Invalid worksheet", "worksheet:3:", text: broken);
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"/v1/scoring/{fresh}", null);

        Assert.Equal(Governance.SmallWorksheet, await registry.Http.GetStringAsync($"/v1/scoring/{guideline}/text"));
        Assert.Equal(1, (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/scoring/{guideline}", null)).Body.GetProperty("revision").GetInt32());
        Assert.Equal(1, (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/scoring/{guideline}/history", null)).Body.GetArrayLength());
    }

    private async Task ImportOfficialAsync(Scene s, string file, string guideline)
    {
        using var put = await registry.SendAsync(HttpMethod.Put, $"/v1/scoring/{guideline}", s.Foundation, new ByteArrayContent(await File.ReadAllBytesAsync(Governance.WorksheetPath(file))));
        Assert.True(put.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
    }

    private static async Task ExpectErrorAsync(Scene s, HttpStatusCode code, HttpMethod method, string path, object? json, string title, string? detail, string? text = null)
    {
        var reply = await s.ExpectAsync(code, method, path, s.Foundation, json, text);
        Assert.Equal((int)code, reply.Body.GetProperty("code").GetInt32());
        Assert.Equal(title, reply.Body.GetProperty("title").GetString());
        if (detail is not null)
        {
            Assert.Contains(detail, reply.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }
}

public sealed class SqliteScoringApiTests(ClockedSqliteRegistry registry) : ScoringApiTests<ClockedSqliteRegistry>(registry);

public sealed class PostgresScoringApiTests(ClockedPostgresRegistry registry) : ScoringApiTests<ClockedPostgresRegistry>(registry);
