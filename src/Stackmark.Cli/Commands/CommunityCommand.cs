using System.CommandLine;
using System.Globalization;
using System.Text;

namespace Stackmark.Cli.Commands;

/// <summary>
/// <c>stackmark scoring deployed WORKSHEET --registry URL --guideline V</c>: sets the "Widely Deployed" column of a
/// scoring worksheet from a registry's community data (<c>GET /v1/community/capabilities</c>).
/// </summary>
/// <remarks>
/// A capability is widely deployed when the share of clouds passing it reaches the threshold
/// (<see cref="WidelyDeployed"/>). Lines whose mark changes get their total and star recomputed with the weights
/// <c>scoring check</c> would use; other lines are written back byte for byte. Lines without data, lines the target does
/// not list and <c>*</c> marks are left alone. The worksheet goes to <c>--out</c>, or to standard output (the summary
/// then goes to standard error). Exit 0 written, 2 bad input or a 4xx from the registry, 3 registry unreachable or 5xx.
/// </remarks>
public static class CommunityCommand
{
    internal static Command Create(CliContext cx)
    {
        var file = new Argument<string>("WORKSHEET") { Description = "A scoring worksheet, e.g. scoring/scoring.txt." };
        var registry = new Option<string>("--registry") { Description = "The registry's base URL, e.g. http://127.0.0.1:8000.", Required = true };
        var guideline = new Option<string>("--guideline", "-g") { Description = "The guideline whose capabilities the community results are judged against (e.g. 2020.06).", Required = true };
        var target = new Option<string>("--target") { Description = "The target: platform, compute, object, or an add-on's.", DefaultValueFactory = _ => "platform" };
        var threshold = new Option<double>("--threshold") { Description = "The share of clouds a capability must pass on to be widely deployed, in (0, 1].", DefaultValueFactory = _ => WidelyDeployed.DefaultThreshold };
        var from = new Option<string?>("--from") { Description = "Count results uploaded from this date (YYYY-MM-DD, UTC)." };
        var to = new Option<string?>("--to") { Description = "Count results uploaded up to this date, inclusive (default: now)." };
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the updated worksheet (may be WORKSHEET itself; default: standard output)." };
        var weights = new Option<string?>("--weights") { Description = "Guideline whose weights recompute changed lines: a file, or a version in --source (as 'scoring check --guideline')." };
        var source = new Option<string?>("--source", "-s") { Description = "Guideline source for --weights (default: the directory above the worksheet, when it holds next.json)." };
        var command = new Command("deployed", "Set the Widely Deployed column of a worksheet from a registry's community data.")
        {
            file, registry, guideline, target, threshold, from, to, output, weights, source,
        };
        command.SetAction(async (parse, ct) =>
        {
            var share = parse.GetValue(threshold);
            if (!(share > 0 && share <= 1))
            {
                throw new UsageException($"--threshold {share.ToString(CultureInfo.InvariantCulture)} is not a share of clouds in (0, 1], e.g. 0.5");
            }

            if (!Uri.TryCreate(parse.GetValue(registry), UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            {
                throw new UsageException($"--registry {parse.GetValue(registry)} is not an http(s) URL");
            }

            var version = CommonOptions.ParseVersion(parse.GetValue(guideline)!);
            var (path, sheet) = await ScoringCommands.ReadAsync(parse.GetValue(file)!, ct);
            var query = new StringBuilder($"v1/community/capabilities?guideline={Uri.EscapeDataString(version.ToString())}&target={Uri.EscapeDataString(parse.GetValue(target)!)}");
            foreach (var (name, value) in new[] { ("from", parse.GetValue(from)), ("to", parse.GetValue(to)) })
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    query.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
                }
            }

            var url = new Uri(new Uri(baseUrl.ToString().TrimEnd('/') + "/"), query.ToString());
            var (report, code) = await FetchAsync(url, cx, ct);
            if (report is null)
            {
                return code;
            }

            var scheme = await ScoringCommands.ResolveSchemeAsync(path, sheet, parse.GetValue(weights), parse.GetValue(source), ct);
            var update = WidelyDeployed.Apply(sheet, report, share, scheme);
            var text = WorksheetWriter.Write(update.Worksheet);
            var outPath = parse.GetValue(output);
            var summary = outPath is null ? cx.Error : cx.Out;
            if (outPath is not null)
            {
                await File.WriteAllTextAsync(outPath, text, new UTF8Encoding(false), ct);
            }
            else
            {
                await cx.Out.WriteAsync(text);
                await cx.Out.FlushAsync(ct);
            }

            Summarise(summary, report, share, update, scheme);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Runs <c>stackmark scoring deployed …</c> in-process with plain output, mapping failures to exit codes as
    /// <c>stackmark</c> does; for tests and embedding.
    /// </summary>
    /// <param name="args">The arguments, starting with <c>scoring deployed</c>.</param>
    /// <param name="output">Where the worksheet (without <c>--out</c>) or the summary (with it) goes.</param>
    /// <param name="error">Where error messages (and, without <c>--out</c>, the summary) go.</param>
    /// <param name="cancellationToken">Stops the command.</param>
    /// <returns>0 written, 2 usage or input error, 3 registry unreachable or failing.</returns>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        CliApp.RunAsync(args, CliContext.Plain(output, error), cancellationToken);

    /// <summary>GETs community data from a registry; on failure says why on standard error and returns the exit code.</summary>
    internal static async Task<(AdoptionReport? Report, int Code)> FetchAsync(Uri url, CliContext cx, CancellationToken ct)
    {
        var (body, code) = await RegistryGet.FetchAsync(url, cx, ct);
        if (body is null)
        {
            return (null, code);
        }

        try
        {
            return (CommunityJson.Read(Encoding.UTF8.GetString(body)), ExitCodes.Ok);
        }
        catch (FormatException e)
        {
            cx.Error.WriteLine($"stackmark: error: the registry's answer is not community data ({e.Message}); is {url.GetLeftPart(UriPartial.Authority)} a Stackmark registry?");
            return (null, ExitCodes.RunnerError);
        }
    }

    private static void Summarise(TextWriter w, AdoptionReport report, double threshold, DeployedUpdate update, ScoringScheme scheme)
    {
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.Guideline} {report.Target}: {report.Results} results from {report.Clouds} clouds and {report.Products} products; widely deployed = passed by at least {WidelyDeployed.Percent(threshold)} of clouds"));
        foreach (var c in update.Changes)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {c.Capability}: deployed {c.Old.ToChar()} -> {c.New.ToChar()} ({c.CloudsPassing}/{c.CloudsTotal} clouds), total {c.OldTotal} -> {c.NewTotal}"));
        }

        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{update.Changes.Count} changed, {update.Confirmed} confirmed, {update.NoData.Count} without data, {update.NotInReport.Count} not in {report.Guideline} {report.Target} (totals by {scheme.Description})"));
        w.Flush();
    }
}
