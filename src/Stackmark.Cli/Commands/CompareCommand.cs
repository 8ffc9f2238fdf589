using System.CommandLine;
using Stackmark.Cli.Views;
using Stackmark.Reports;
using Stackmark.Runner;

namespace Stackmark.Cli.Commands;

/// <summary>
/// <c>stackmark compare RUN_A RUN_B</c>: the tests and capabilities whose status differs between two run
/// directories, with each side's non-pass category and reason, and the class-level errors only one run had (listed,
/// not counted). Exit 0 identical, 1 different, 2 bad input.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(CliContext cx)
    {
        var runA = new Argument<string>("RUN_A") { Description = "A run directory (holding full-results.json and report.json)." };
        var runB = new Argument<string>("RUN_B") { Description = "Another run directory." };
        var format = CommonOptions.Format("text", "json", "html", "markdown");
        var output = new Option<string?>("--out", "-o") { Description = "Write the comparison to this file instead of standard output." };
        var command = new Command("compare", "The tests and capabilities whose status differs between two runs, and class-level errors in one run only (not counted). Exit 0 identical, 1 different.")
        {
            runA, runB, format, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (a, b) = (parse.GetValue(runA)!, parse.GetValue(runB)!);
            var comparison = RunComparison.Compare(await ReadAsync(a, ct), await ReadAsync(b, ct));
            var text = parse.GetValue(format) switch
            {
                "json" => ComparisonJson.ToJson(comparison, a, b) + "\n",
                "html" => ComparisonHtml.Render(comparison, a, b),
                "markdown" => ComparisonMarkdown.Render(comparison, a, b),
                _ => null,
            };
            if (parse.GetValue(output) is { } file)
            {
                try
                {
                    await File.WriteAllTextAsync(file, text ?? RunCommand.RenderPlain(CompareView.Render(comparison, a, b)), ct);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new UsageException($"--out {file}: {e.Message}");
                }
            }
            else if (text is not null)
            {
                cx.Out.Write(text);
            }
            else
            {
                cx.Console.Write(CompareView.Render(comparison, a, b));
            }

            return comparison.Identical ? ExitCodes.Ok : ExitCodes.NotCompliant;
        });
        return command;
    }

    private static async Task<RunRecord> ReadAsync(string dir, CancellationToken ct)
    {
        if (!Directory.Exists(dir))
        {
            throw new UsageException($"{dir}: no such run directory");
        }

        var full = Path.Combine(dir, RunEngine.Files.FullResults);
        var report = Path.Combine(dir, RunEngine.Files.ReportJson);
        var (fullBytes, reportBytes) = (await ReadFileAsync(full, ct), await ReadFileAsync(report, ct));
        var parsed = RunRecord.Parse(fullBytes, full, reportBytes, report);
        return parsed.Value ?? throw new UsageException($"{parsed.Location}: {parsed.Error}");
    }

    private static async Task<byte[]> ReadFileAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"{path} does not exist (a run directory holds {RunEngine.Files.FullResults} and {RunEngine.Files.ReportJson})");
        }

        try
        {
            return await File.ReadAllBytesAsync(path, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: {e.Message}");
        }
    }
}
