using System.CommandLine;
using System.Text;
using Spectre.Console;
using Stackmark.Cli.Views;

namespace Stackmark.Cli.Commands;

/// <summary><c>stackmark guidelines draft</c>: the next guideline from the current one, the scoring matrix and approved flags.</summary>
internal static class DraftCommand
{
    // Findings that mean the inputs were wrong (exit 2), not that the draft is invalid (exit 1).
    private static readonly HashSet<string> InputErrors = ["draft-source", "flag-unknown-test", "draft-deprecate-unknown"];

    public static Command Create(CliContext cx)
    {
        var from = new Option<string>("--from") { Description = "The current guideline version (e.g. 2020.06).", Required = true };
        var source = CommonOptions.Source();
        var scoring = new Option<string?>("--scoring") { Description = "The scoring matrix (worksheet format of scoring/*.txt)." };
        var flags = new Option<string?>("--flags") { Description = "Approved flags, JSON or YAML: test, reason (D400–D406), rationale, date, action; or a registry URL (its GET /v1/flags/approved for --from)." };
        var deprecate = new Option<string[]>("--deprecate") { Description = "Capabilities the committee deprecates (repeatable; required ones are otherwise sticky).", AllowMultipleArgumentsPerToken = true };
        var candidates = new Option<string?>("--candidates") { Description = "A guideline (file or version) whose capability definitions new capabilities may come from." };
        var id = new Option<string>("--id") { Description = "The draft's id.", DefaultValueFactory = _ => "next" };
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the draft JSON (default: ID.json)." };
        var community = new Option<string?>("--community") { Description = "Community data setting \"Widely Deployed\": a registry URL (its GET /v1/community/capabilities for --from, target platform) or a file of that JSON." };
        var threshold = new Option<double>("--deployed-threshold") { Description = "The share of clouds that makes a capability widely deployed, in (0, 1].", DefaultValueFactory = _ => WidelyDeployed.DefaultThreshold };
        var doc = new Option<string?>("--doc") { Description = "Also write documentation of the draft here: HTML when the name ends in .html, else Markdown." };
        var warnings = new Option<bool>("--warnings") { Description = "List every validation warning, not only a count per kind." };
        var command = new Command("draft", "Draft the next guideline (2.0, status draft) enforcing the lifecycle; print the diff, validate, document.")
        {
            from, source, scoring, flags, deprecate, candidates, community, threshold, id, output, doc, warnings,
        };
        command.SetAction(async (parse, ct) =>
        {
            var src = CommonOptions.OpenSource(cx, parse.GetValue(source));
            var fromId = CommonOptions.ParseVersion(parse.GetValue(from)!);
            var draftId = CommonOptions.ParseVersion(parse.GetValue(id)!);
            var file = await src.ReadAsync(fromId, ct) ?? throw new UsageException($"guideline {fromId} is not in {src.Description}");
            cx.Error.WriteLine($"Guideline {fromId} from {file.ServedBy ?? src.Description}");
            Worksheet? sheet = null;
            if (parse.GetValue(scoring) is { } scoringPath)
            {
                sheet = (await ScoringCommands.ReadAsync(scoringPath, ct)).Sheet;
            }

            IReadOnlyList<ApprovedFlag> approved = [];
            if (parse.GetValue(flags) is { } flagsPath)
            {
                if (Uri.TryCreate(flagsPath, UriKind.Absolute, out var flagsUrl) && flagsUrl.Scheme is "http" or "https")
                {
                    (var fetched, var code) = await FetchFlagsAsync(flagsUrl, fromId, cx, ct);
                    if (fetched is null)
                    {
                        return code;
                    }

                    approved = fetched;
                }
                else
                {
                    if (!File.Exists(flagsPath))
                    {
                        throw new UsageException($"{flagsPath} does not exist");
                    }

                    var parsed = FlagsFileParser.Parse(await File.ReadAllBytesAsync(flagsPath, ct), flagsPath);
                    approved = parsed.Value ?? throw new UsageException(parsed.ToString());
                }
            }

            IReadOnlyList<Capability> candidateDefs = [];
            if (parse.GetValue(candidates) is { } cand)
            {
                var g = File.Exists(cand) ? await ScoringCommands.LoadFileAsync(cand, ct) : await CommonOptions.LoadAsync(cx, src, CommonOptions.ParseVersion(cand), ct);
                candidateDefs = g.Capabilities;
            }

            var share = parse.GetValue(threshold);
            if (!(share > 0 && share <= 1))
            {
                throw new UsageException($"--deployed-threshold {share.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not a share of clouds in (0, 1], e.g. 0.5");
            }

            AdoptionReport? adoption = null;
            if (parse.GetValue(community) is { } communitySource)
            {
                (adoption, var code) = await ReadCommunityAsync(communitySource, fromId, cx, ct);
                if (adoption is null)
                {
                    return code;
                }
            }

            var deprecated = (parse.GetValue(deprecate) ?? []).SelectMany(d => d.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(d => new CapabilityId(d)).ToList();
            var result = GuidelineDrafter.Draft(file.Content.Span, file.Name, new DraftOptions(draftId, sheet, approved, deprecated, candidateDefs, Community: adoption, DeployedThreshold: share));
            cx.Console.Write(ScoringViews.Draft(result, draftId));
            if (result.From is not null && result.Draft is not null)
            {
                cx.Console.Write(GuidelineViews.Diff(result.From.Id, result.Draft.Id, result.Diff));
            }

            cx.Console.Write(GuidelineViews.Warnings(result.Findings, parse.GetValue(warnings)));
            if (result.Findings.Any(f => f.Severity == Severity.Error && InputErrors.Contains(f.Code)))
            {
                return ExitCodes.UsageError;
            }

            if (!result.Success)
            {
                cx.Console.MarkupLine("[red]✗[/] the draft is invalid; nothing written");
                return ExitCodes.NotCompliant;
            }

            var outPath = parse.GetValue(output) ?? draftId + ".json";
            await File.WriteAllTextAsync(outPath, result.Json, new UTF8Encoding(false), ct);
            cx.Console.MarkupLineInterpolated($"[green]✓[/] wrote {outPath} (loads with {result.Draft!.Warnings.Count} loader warnings)");
            if (parse.GetValue(doc) is { } docPath)
            {
                var html = docPath.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || docPath.EndsWith(".htm", StringComparison.OrdinalIgnoreCase);
                await File.WriteAllTextAsync(docPath, html ? DraftDocument.ToHtml(result) : DraftDocument.ToMarkdown(result), new UTF8Encoding(false), ct);
                cx.Console.MarkupLineInterpolated($"[green]✓[/] wrote {docPath}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The approved flags of a registry: <paramref name="url"/> is its <c>/v1/flags/approved</c> URL (the guideline
    /// defaults to <paramref name="from"/> when the query names none) or its base URL. On failure says why on standard
    /// error and returns the exit code: 2 for a 4xx answer, 3 for an unreachable or failing registry or an answer that
    /// is not a flags file.
    /// </summary>
    internal static async Task<(IReadOnlyList<ApprovedFlag>? Flags, int Code)> FetchFlagsAsync(Uri url, GuidelineId from, CliContext cx, CancellationToken ct)
    {
        var guideline = $"guideline={Uri.EscapeDataString(from.ToString())}";
        if (url.AbsolutePath.TrimEnd('/').EndsWith("/v1/flags/approved", StringComparison.Ordinal))
        {
            if (!url.Query.Contains("guideline=", StringComparison.Ordinal))
            {
                url = new Uri(url.AbsoluteUri + (url.Query.Length > 1 ? "&" : url.Query.Length == 1 ? "" : "?") + guideline);
            }
        }
        else
        {
            url = new Uri(new Uri(url.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/"), "v1/flags/approved?" + guideline);
        }

        var (body, code) = await RegistryGet.FetchAsync(url, cx, ct);
        if (body is null)
        {
            return (null, code);
        }

        var parsed = FlagsFileParser.Parse(body, url.ToString());
        if (parsed.Value is null)
        {
            cx.Error.WriteLine($"stackmark: error: the registry's answer is not a flags file ({parsed}); is {url.GetLeftPart(UriPartial.Authority)} a Stackmark registry?");
            return (null, ExitCodes.RunnerError);
        }

        cx.Console.MarkupLineInterpolated($"{parsed.Value.Count} approved flags from {url}");
        return (parsed.Value, ExitCodes.Ok);
    }

    // A registry's community data for the current guideline (every core capability: target platform), or a saved copy.
    private static async Task<(AdoptionReport? Report, int Code)> ReadCommunityAsync(string source, GuidelineId from, CliContext cx, CancellationToken ct)
    {
        if (Uri.TryCreate(source, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            var query = new Uri(new Uri(url.ToString().TrimEnd('/') + "/"), $"v1/community/capabilities?guideline={Uri.EscapeDataString(from.ToString())}&target=platform");
            return await CommunityCommand.FetchAsync(query, cx, ct);
        }

        if (!File.Exists(source))
        {
            throw new UsageException($"--community {source}: no such file, and not an http(s) registry URL");
        }

        AdoptionReport report;
        try
        {
            report = CommunityJson.Read(await File.ReadAllTextAsync(source, ct));
        }
        catch (FormatException e)
        {
            throw new UsageException($"--community {source}: not community data: {e.Message}");
        }

        if (report.Guideline != from)
        {
            cx.Console.MarkupLineInterpolated($"[yellow]note:[/] the community data in {source} judged results against {report.Guideline}, not {from}");
        }

        return (report, ExitCodes.Ok);
    }
}
