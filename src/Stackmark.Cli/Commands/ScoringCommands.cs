using System.CommandLine;
using Stackmark.Cli.Views;
using Stackmark.Guidelines;

namespace Stackmark.Cli.Commands;

/// <summary><c>stackmark scoring check|show</c>: the committee's scoring worksheets, recomputed with a guideline's weights.</summary>
public static class ScoringCommands
{
    internal static Command Create(CliContext cx) => new("scoring", "Scoring worksheets (scoring/*.txt): recompute totals and stars, show the matrix.")
    {
        Check(cx), Show(cx), CommunityCommand.Create(cx),
    };

    /// <summary>
    /// Runs <c>stackmark scoring …</c> or <c>stackmark guidelines draft …</c> in-process with plain output, mapping
    /// failures to exit codes as <c>stackmark</c> does; for tests and embedding.
    /// </summary>
    /// <param name="args">The arguments, starting with <c>scoring</c> or <c>guidelines</c>.</param>
    /// <param name="output">Where tables and reports go.</param>
    /// <param name="error">Where error messages go.</param>
    /// <param name="cancellationToken">Stops the command.</param>
    /// <returns>0 ok, 1 wrong lines or an invalid draft, 2 usage or input error.</returns>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        CliApp.RunAsync(args, CliContext.Plain(output, error), cancellationToken);

    private static Argument<string> FileArgument() => new("FILE") { Description = "A scoring worksheet, e.g. scoring/scoring.txt." };

    private static Option<string?> GuidelineOption() => new("--guideline", "-g")
    {
        Description = "Guideline whose weights and cutoff apply: a file, or a version in --source (default: next for scoring.txt, ADDON.next for scoring_ADDON.txt).",
    };

    private static Option<string?> SourceOption() => new("--source", "-s")
    {
        Description = "Guideline source directory or URL (default: the directory above the worksheet, when it holds next.json).",
    };

    private static Command Check(CliContext cx)
    {
        var file = FileArgument();
        var guideline = GuidelineOption();
        var source = SourceOption();
        var command = new Command("check", "Recompute every line; report wrong totals and stars (exit 1 if any).") { file, guideline, source };
        command.SetAction(async (parse, ct) =>
        {
            var (path, sheet) = await ReadAsync(parse.GetValue(file)!, ct);
            var scheme = await ResolveSchemeAsync(path, sheet, parse.GetValue(guideline), parse.GetValue(source), ct);
            var verdicts = WorksheetChecker.Check(sheet, scheme);
            cx.Console.Write(ScoringViews.Check(path, scheme, verdicts));
            return verdicts.Any(v => v.IsWrong) ? ExitCodes.NotCompliant : ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(CliContext cx)
    {
        var file = FileArgument();
        var guideline = GuidelineOption();
        var source = SourceOption();
        var command = new Command("show", "The scoring matrix: criteria, non-admin, recorded and computed totals, qualifies.") { file, guideline, source };
        command.SetAction(async (parse, ct) =>
        {
            var (path, sheet) = await ReadAsync(parse.GetValue(file)!, ct);
            var scheme = await ResolveSchemeAsync(path, sheet, parse.GetValue(guideline), parse.GetValue(source), ct);
            cx.Console.Write(ScoringViews.Matrix(path, scheme, WorksheetChecker.Check(sheet, scheme)));
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static async Task<(string Path, Worksheet Sheet)> ReadAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"{path} does not exist");
        }

        var result = WorksheetParser.Parse(await File.ReadAllTextAsync(path, ct), path);
        return (path, result.Value ?? throw new UsageException(result.ToString()));
    }

    /// <summary>
    /// The weights a worksheet is scored with: --guideline (a file, or a version in the source); by default next
    /// (scoring.txt, scoring_nfv.txt) or ADDON.next (scoring_ADDON.txt); without any source, the known tables.
    /// </summary>
    internal static async Task<ScoringScheme> ResolveSchemeAsync(string sheetPath, Worksheet sheet, string? guideline, string? source, CancellationToken ct)
    {
        if (guideline is not null && File.Exists(guideline))
        {
            return ScoringScheme.For(await LoadFileAsync(guideline, ct));
        }

        var location = source ?? DefaultSource(sheetPath);
        if (location is null)
        {
            if (guideline is not null)
            {
                throw new UsageException($"--guideline {guideline} is not a file; give --source to find that version");
            }

            var addOnSheet = sheet.Entries.Any(e => e.Line.Marks.All.Contains(Mark.NotConsidered));
            return addOnSheet ? ScoringScheme.AddOn : ScoringScheme.CoreSince2016;
        }

        var src = GuidelineSources.Open(location);
        var id = guideline is not null ? CommonOptions.ParseVersion(guideline) : DefaultGuideline(sheetPath);
        if (guideline is null && id.AddOn is not null && await src.ReadAsync(id, ct) is null)
        {
            id = id.Core; // scoring_nfv.txt: no nfv guideline here; the NFV sheet is scored with core weights.
        }

        return ScoringScheme.For((await src.LoadAsync(id, ct)).Value ?? throw new UsageException($"guideline {id} in {src.Description} does not load"));
    }

    internal static async Task<Guideline> LoadFileAsync(string path, CancellationToken ct)
    {
        var result = GuidelineLoader.Load(await File.ReadAllBytesAsync(path, ct), path);
        return result.Value ?? throw new UsageException(result.Error!.ToString());
    }

    private static string? DefaultSource(string sheetPath)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(sheetPath));
        var parent = dir is null ? null : Path.GetDirectoryName(dir);
        return parent is not null && File.Exists(Path.Combine(parent, "next.json")) ? parent : null;
    }

    private static GuidelineId DefaultGuideline(string sheetPath)
    {
        var name = Path.GetFileNameWithoutExtension(sheetPath).ToLowerInvariant();
        return name.StartsWith("scoring_", StringComparison.Ordinal) && GuidelineId.TryParse(name["scoring_".Length..] + ".next", out var id)
            ? id
            : GuidelineId.Parse("next");
    }
}
