using System.CommandLine;
using Stackmark.Cli.Views;
using Stackmark.Reports;

namespace Stackmark.Cli.Commands;

/// <summary>
/// <c>stackmark report RESULTS [--guideline V] --target T [--source DIR]</c>: the compliance of a result file — RefStack's
/// pass-only results.json (a missing test is the cloud's miss) or a run's full-results.json (each miss with its
/// category, so a run the runner could not finish is incomplete).
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CliContext cx)
    {
        var results = new Argument<string>("RESULTS") { Description = "A RefStack results file ({cpid, duration_seconds, results: [{name, uuid}]}) or a run's full-results.json." };
        var guideline = new Option<string>("--guideline", "-g") { Description = "Guideline version, e.g. 2020.06 (default: the newest in force for the target)." };
        var target = CommonOptions.Target();
        var source = CommonOptions.Source();
        var format = CommonOptions.Format("text", "json", "html");
        var policy = CommonOptions.InForcePolicy();
        var command = new Command("report", "Compliance of a result file with a guideline's target, capability by capability. Exit 0 compliant, 1 not compliant, 4 incomplete (whether the guideline is valid for certification or not).")
        {
            results, guideline, target, source, format, policy,
        };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(results)!;
            if (!File.Exists(path))
            {
                throw new UsageException($"{path} does not exist");
            }

            var outcomes = ReadOutcomes(await File.ReadAllBytesAsync(path, ct), path);

            var src = CommonOptions.OpenSource(cx, parse.GetValue(source));
            var targetKey = parse.GetValue(target)!;
            var inForce = CommonOptions.ParsePolicy(parse.GetValue(policy));
            var summaries = await CommonOptions.SummariesAsync(src, ct);
            var version = parse.GetValue(guideline) is { } v ? CommonOptions.ParseVersion(v) : CommonOptions.NewestInForce(cx, summaries, src, targetKey, inForce);
            var g = await CommonOptions.LoadForTargetAsync(cx, src, version, targetKey, ct);

            // The verdict is computed whatever the guideline; the label says whether it may certify.
            var report = ComplianceEvaluator.Evaluate(g, targetKey, outcomes) with { Validity = CommonOptions.Judge(cx, g, summaries, inForce) };
            switch (parse.GetValue(format))
            {
                case "json":
                    cx.Out.Write(ComplianceJson.ToJson(report) + "\n");
                    break;
                case "html":
                    cx.Out.Write(ComplianceHtml.Render(report));
                    break;
                default:
                    cx.Console.Write(ComplianceView.Render(report));
                    break;
            }

            return ExitCodes.Of(report.Verdict);
        });
        return command;
    }

    // A full-results.json has "tests" at its root; anything else is read (and its errors located) as RefStack's format.
    private static IReadOnlyList<TestOutcome> ReadOutcomes(byte[] bytes, string path)
    {
        if (IsFullResults(bytes))
        {
            var full = RunRecord.ParseTests(bytes, path);
            return full.Value is { } tests
                ? [.. tests.Select(t => new TestOutcome(t.Name, t.Id, t.Status, t.Reason, Category: t.Category))]
                : throw new UsageException($"{full.Location}: {full.Error}");
        }

        var parsed = RefStackResults.Parse(bytes, path);
        return parsed.Value?.Passed ?? throw new UsageException($"{parsed.Location}: {parsed.Error}");
    }

    private static bool IsFullResults(byte[] bytes)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(bytes);
            return doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && doc.RootElement.TryGetProperty("tests", out _);
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
