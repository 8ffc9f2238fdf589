using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Stackmark.Server.Http;

namespace Stackmark.Server.Community;

/// <summary>
/// The <c>/community</c> page: a self-contained HTML document (no scripts, no external assets) with inline SVG charts —
/// adoption per capability (a bar of the share of clouds passing, the threshold drawn across) and the trend over months
/// (clouds reporting; share of clouds passing, one line per capability). Every text from a guideline, a query or the
/// database is HTML-escaped.
/// </summary>
internal static class CommunityPage
{
    private const int LabelWidth = 330;
    private const int BarWidth = 420;
    private const int RowHeight = 18;

    /// <summary>What the page was asked for, echoed into its form.</summary>
    public sealed record Query(string? Guideline, string? Target, string? From, string? To, string? Threshold);

    public static string Render(Query query, AdoptionReport report, double threshold)
    {
        var html = new StringBuilder();
        Head(html, $"Community data: {report.Guideline} {report.Target}");
        html.Append("<h1>Community data: ").Append(E(report.Guideline.ToString())).Append(' ').Append(E(report.Target)).Append("</h1>\n");
        Form(html, query);
        html.Append("<p class=\"summary\">")
            .Append(Num(report.Results)).Append(" results from ").Append(Num(report.Clouds)).Append(" clouds and ")
            .Append(Num(report.Products)).Append(" products, uploaded ")
            .Append(report.Window.From is { } f ? "from " + E(Time(f)) + " " : "")
            .Append("up to ").Append(report.Window.To is { } t ? E(Time(t)) : "now")
            .Append(" (UTC). Widely Deployed threshold: ").Append(E(WidelyDeployed.Percent(threshold))).Append(" of clouds.</p>\n");
        html.Append("<p class=\"rule\">").Append(E(AdoptionReport.Rule)).Append("</p>\n");
        html.Append("<h2>Adoption per capability</h2>\n");
        AdoptionChart(html, report, threshold);
        html.Append("<h2>Trend</h2>\n");
        TrendCharts(html, report);
        Table(html, report, threshold);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    public static (int Status, string Html) Error(Query query, ApiError error)
    {
        var html = new StringBuilder();
        Head(html, "Community data: " + error.Title);
        html.Append("<h1>Community data</h1>\n");
        Form(html, query);
        html.Append("<p class=\"error\"><strong>").Append(E(error.Title)).Append("</strong>")
            .Append(error.Detail is null ? "" : ": " + E(error.Detail)).Append("</p>\n</body>\n</html>\n");
        return (error.Code, html.ToString());
    }

    private static void Head(StringBuilder html, string title) => html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .Append(E(title)).Append("</title>\n<style>\n")
        .Append("body{font-family:system-ui,sans-serif;margin:1.5em;color:#1a202c}h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.5em}")
        .Append(".rule,.summary{max-width:60em}.rule{color:#4a5568;font-size:.9em}.error{color:#9b2c2c}")
        .Append("form label{margin-right:.8em}table{border-collapse:collapse;font-size:.85em}td,th{padding:.15em .6em;text-align:left}")
        .Append("td.n{text-align:right;font-variant-numeric:tabular-nums}svg text{font-size:11px;font-family:system-ui,sans-serif}")
        .Append("</style>\n</head>\n<body>\n");

    private static void Form(StringBuilder html, Query q)
    {
        html.Append("<form method=\"get\" action=\"/community\">");
        Field(html, "guideline", "Guideline", q.Guideline, "2020.06");
        Field(html, "target", "Target", q.Target, "platform");
        Field(html, "from", "From", q.From, "YYYY-MM-DD");
        Field(html, "to", "To", q.To, "YYYY-MM-DD");
        Field(html, "threshold", "Threshold", q.Threshold, "0.5");
        html.Append("<button type=\"submit\">Show</button></form>\n");
    }

    private static void Field(StringBuilder html, string name, string label, string? value, string placeholder) =>
        html.Append("<label>").Append(label).Append(" <input name=\"").Append(name).Append("\" value=\"").Append(E(value ?? ""))
            .Append("\" placeholder=\"").Append(E(placeholder)).Append("\" size=\"10\"></label>");

    private static void AdoptionChart(StringBuilder html, AdoptionReport report, double threshold)
    {
        var caps = report.Capabilities;
        var height = (caps.Count * RowHeight) + 30;
        var width = LabelWidth + BarWidth + 150;
        html.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Share of clouds passing each capability\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n");
        for (var i = 0; i < caps.Count; i++)
        {
            var c = caps[i];
            var y = 20 + (i * RowHeight);
            var w = c.Share * BarWidth;
            html.Append(CultureInfo.InvariantCulture, $"<g><title>{E(c.Id.Value)} ({E(c.Status.ToWord())}): {c.CloudsPassing} of {c.CloudsTotal} clouds, {c.ProductsPassing} of {c.ProductsTotal} products</title>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 6}\" y=\"{y + 12}\" text-anchor=\"end\">{E(c.Id.Value)}</text>")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y + 2}\" width=\"{BarWidth}\" height=\"{RowHeight - 4}\" fill=\"#edf2f7\"/>")
                .Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{LabelWidth}\" y=\"{y + 2}\" width=\"{F(w)}\" height=\"{RowHeight - 4}\" fill=\"{Colour(c.Status)}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + BarWidth + 6}\" y=\"{y + 12}\">{c.CloudsPassing}/{c.CloudsTotal} ({E(WidelyDeployed.Percent(c.Share))}){(c.CountedTests == 0 ? " no tests" : "")}</text></g>\n");
        }

        var tx = LabelWidth + (threshold * BarWidth);
        html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(tx)}\" y1=\"14\" x2=\"{F(tx)}\" y2=\"{height - 8}\" stroke=\"#c53030\" stroke-dasharray=\"4 3\"/>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{F(tx)}\" y=\"11\" text-anchor=\"middle\" fill=\"#c53030\">threshold {E(WidelyDeployed.Percent(threshold))}</text>\n");
        Legend(html, 0, 11);
        html.Append("</svg>\n");
    }

    private static void Legend(StringBuilder html, int x, int y)
    {
        foreach (var status in CapabilityStatuses.All)
        {
            html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y - 9}\" width=\"10\" height=\"10\" fill=\"{Colour(status)}\"/><text x=\"{x + 13}\" y=\"{y}\">{status.ToWord()}</text>");
            x += 75;
        }

        html.Append('\n');
    }

    private static void TrendCharts(StringBuilder html, AdoptionReport report)
    {
        var months = report.Capabilities.FirstOrDefault()?.Trend.Select(p => p.Month).ToList() ?? [];
        if (months.Count == 0)
        {
            html.Append("<p>No results in the window.</p>\n");
            return;
        }

        const int Left = 50, Top = 20, PlotW = 760, PlotH = 200;
        double X(int i) => Left + (months.Count == 1 ? PlotW / 2.0 : i * (double)PlotW / (months.Count - 1));

        // Clouds reporting, per month.
        var clouds = report.Capabilities[0].Trend.Select(p => p.CloudsTotal).ToList();
        var max = Math.Max(1, clouds.Max());
        Frame(html, "Clouds with a result, as of each month's end", Left, Top, PlotW, PlotH, months, X, [(0, "0"), (1, Num(max))]);
        html.Append("<polyline class=\"trend clouds\" fill=\"none\" stroke=\"#2d3748\" stroke-width=\"2\" points=\"")
            .AppendJoin(' ', clouds.Select((n, i) => F(X(i)) + "," + F(Top + PlotH - (n * (double)PlotH / max)))).Append("\"/>\n");
        for (var i = 0; i < clouds.Count; i++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(X(i))}\" cy=\"{F(Top + PlotH - (clouds[i] * (double)PlotH / max))}\" r=\"3\" fill=\"#2d3748\"><title>{Month(months[i])}: {clouds[i]} clouds</title></circle>");
        }

        html.Append("</svg>\n");

        // Share passing, one line per capability.
        Frame(html, "Share of clouds passing, per capability", Left, Top, PlotW, PlotH, months, X, [(0, "0%"), (0.5, "50%"), (1, "100%")]);
        foreach (var c in report.Capabilities)
        {
            html.Append(CultureInfo.InvariantCulture, $"<polyline class=\"trend\" fill=\"none\" stroke=\"{Colour(c.Status)}\" stroke-opacity=\"0.7\" stroke-width=\"1.5\" points=\"")
                .AppendJoin(' ', c.Trend.Select((p, i) => F(X(i)) + "," + F(Top + PlotH - (p.Share * PlotH))))
                .Append("\"><title>").Append(E(c.Id.Value)).Append(": ")
                .AppendJoin(", ", c.Trend.Select(p => $"{Month(p.Month)} {p.CloudsPassing}/{p.CloudsTotal}")).Append("</title></polyline>\n");
        }

        Legend(html, Left, Top + PlotH + 38);
        html.Append("</svg>\n");
    }

    private static void Frame(StringBuilder html, string title, int left, int top, int w, int h, List<DateOnly> months, Func<int, double> x, (double At, string Label)[] ticks)
    {
        var width = left + w + 30;
        var height = top + h + 50;
        html.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"{E(title)}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"12\">{E(title)}</text>")
            .Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{top}\" width=\"{w}\" height=\"{h}\" fill=\"none\" stroke=\"#cbd5e0\"/>");
        foreach (var (at, label) in ticks)
        {
            var y = top + h - (at * h);
            html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{F(y)}\" x2=\"{left + w}\" y2=\"{F(y)}\" stroke=\"#edf2f7\"/><text x=\"{left - 4}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{E(label)}</text>");
        }

        // At most about twelve month labels.
        var step = Math.Max(1, (int)Math.Ceiling(months.Count / 12.0));
        for (var i = 0; i < months.Count; i += step)
        {
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x(i))}\" y=\"{top + h + 16}\" text-anchor=\"middle\">{Month(months[i])}</text>");
        }

        html.Append('\n');
    }

    private static void Table(StringBuilder html, AdoptionReport report, double threshold)
    {
        html.Append("<h2>Numbers</h2>\n<table>\n<thead><tr><th>Capability</th><th>Status</th><th>Tests</th><th>Clouds passing</th><th>Share</th><th>Products passing</th><th>Widely Deployed</th></tr></thead>\n<tbody>\n");
        foreach (var c in report.Capabilities)
        {
            html.Append("<tr><td>").Append(E(c.Id.Value)).Append("</td><td>").Append(E(c.Status.ToWord()))
                .Append(CultureInfo.InvariantCulture, $"</td><td class=\"n\">{c.CountedTests}</td><td class=\"n\">{c.CloudsPassing} / {c.CloudsTotal}</td><td class=\"n\">{E(WidelyDeployed.Percent(c.Share))}</td><td class=\"n\">{c.ProductsPassing} / {c.ProductsTotal}</td><td>")
                .Append(WidelyDeployed.MarkFor(c, threshold).ToChar()).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static string Colour(CapabilityStatus status) => status switch
    {
        CapabilityStatus.Required => "#2b6cb0",
        CapabilityStatus.Advisory => "#d69e2e",
        CapabilityStatus.Deprecated => "#718096",
        _ => "#cbd5e0",
    };

    private static string E(string text) => HtmlEncoder.Default.Encode(text);

    private static string F(double d) => d.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Month(DateOnly m) => m.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
