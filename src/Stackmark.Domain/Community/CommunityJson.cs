using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Stackmark;

/// <summary>
/// The wire form of an <see cref="AdoptionReport"/> (<c>GET /v1/community/capabilities</c>), written by the registry and
/// read back by <c>stackmark scoring deployed</c>. Snake-case keys; times in UTC ISO 8601; shares as fractions.
/// </summary>
/// <remarks>
/// <code>
/// {"guideline":"2020.06","target":"platform","from":null,"to":"2031-03-01T12:00:00Z","rule":"…",
///  "results":5,"clouds":3,"products":2,
///  "capabilities":[{"id":"compute-servers-create","status":"required","tests":3,
///    "clouds_passing":2,"clouds_total":3,"products_passing":1,"products_total":2,"share":0.6667,
///    "trend":[{"month":"2031-01","clouds_passing":1,"clouds_total":1,"products_passing":1,"share":1}]}]}
/// </code>
/// </remarks>
public static class CommunityJson
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    /// <summary>Writes a report as JSON (indented when <paramref name="indented"/>).</summary>
    public static string Write(AdoptionReport report, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            w.WriteStartObject();
            w.WriteString("guideline", report.Guideline.ToString());
            w.WriteString("target", report.Target);
            WriteTime(w, "from", report.Window.From);
            WriteTime(w, "to", report.Window.To);
            w.WriteString("rule", AdoptionReport.Rule);
            w.WriteNumber("results", report.Results);
            w.WriteNumber("clouds", report.Clouds);
            w.WriteNumber("products", report.Products);
            w.WriteStartArray("capabilities");
            foreach (var c in report.Capabilities)
            {
                w.WriteStartObject();
                w.WriteString("id", c.Id.Value);
                w.WriteString("status", c.Status.ToWord());
                w.WriteNumber("tests", c.CountedTests);
                w.WriteNumber("clouds_passing", c.CloudsPassing);
                w.WriteNumber("clouds_total", c.CloudsTotal);
                w.WriteNumber("products_passing", c.ProductsPassing);
                w.WriteNumber("products_total", c.ProductsTotal);
                w.WriteNumber("share", Math.Round(c.Share, 4));
                w.WriteStartArray("trend");
                foreach (var p in c.Trend)
                {
                    w.WriteStartObject();
                    w.WriteString("month", p.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture));
                    w.WriteNumber("clouds_passing", p.CloudsPassing);
                    w.WriteNumber("clouds_total", p.CloudsTotal);
                    w.WriteNumber("products_passing", p.ProductsPassing);
                    w.WriteNumber("share", Math.Round(p.Share, 4));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads a report <see cref="Write"/> wrote (the counts are taken as written; shares are recomputed from them).</summary>
    /// <exception cref="FormatException">Not such a document; the message names the field.</exception>
    public static AdoptionReport Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var guideline = Str(root, "guideline");
            if (!GuidelineId.TryParse(guideline, out var id))
            {
                throw new FormatException($"guideline: '{guideline}' is not a guideline version");
            }

            var capabilities = new List<CapabilityAdoption>();
            foreach (var c in Arr(root, "capabilities"))
            {
                var status = Str(c, "status");
                if (!CapabilityStatuses.TryParse(status, out var s))
                {
                    throw new FormatException($"capabilities[].status: '{status}' is not a capability status");
                }

                var trend = new List<AdoptionPoint>();
                foreach (var p in c.TryGetProperty("trend", out var t) && t.ValueKind == JsonValueKind.Array ? [.. t.EnumerateArray()] : Array.Empty<JsonElement>())
                {
                    var month = Str(p, "month");
                    if (!DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m))
                    {
                        throw new FormatException($"trend[].month: '{month}' is not YYYY-MM");
                    }

                    trend.Add(new AdoptionPoint(m, Int(p, "clouds_passing"), Int(p, "clouds_total"), Int(p, "products_passing")));
                }

                capabilities.Add(new CapabilityAdoption(
                    new CapabilityId(Str(c, "id")), s, Int(c, "tests"), Int(c, "clouds_passing"), Int(c, "clouds_total"),
                    Int(c, "products_passing"), Int(c, "products_total"), trend));
            }

            return new AdoptionReport(
                id, Str(root, "target"), new CommunityWindow(Time(root, "from"), Time(root, "to")),
                Int(root, "results"), Int(root, "clouds"), Int(root, "products"), capabilities);
        }
        catch (JsonException e)
        {
            throw new FormatException("not JSON: " + e.Message, e);
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException("unexpected JSON shape: " + e.Message, e);
        }
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? at)
    {
        if (at is { } t)
        {
            w.WriteString(name, t.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static JsonElement Get(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : throw new FormatException($"missing field '{name}'");

    private static string Str(JsonElement e, string name) =>
        Get(e, name) is { ValueKind: JsonValueKind.String } v ? v.GetString()! : throw new FormatException($"'{name}' is not a string");

    private static int Int(JsonElement e, string name) =>
        Get(e, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out var i) && i >= 0 ? i : throw new FormatException($"'{name}' is not a count");

    private static JsonElement.ArrayEnumerator Arr(JsonElement e, string name) =>
        Get(e, name) is { ValueKind: JsonValueKind.Array } v ? v.EnumerateArray() : throw new FormatException($"'{name}' is not an array");

    private static DateTimeOffset? Time(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : throw new FormatException($"'{name}' is not a time");
    }
}
