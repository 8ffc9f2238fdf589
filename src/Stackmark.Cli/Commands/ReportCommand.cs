using System.CommandLine;
using Stackmark.Cli.Views;
using Stackmark.Guidelines;
using Stackmark.Reports;

namespace Stackmark.Cli.Commands;

/// <summary><c>stackmark report RESULTS --guideline V --target T --source DIR</c>: the compliance of a result file.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext cx)
    {
        var results = new Argument<string>("RESULTS") { Description = "A RefStack results file: {cpid, duration_seconds, results: [{name, uuid}]}." };
        var guideline = new Option<string>("--guideline", "-g") { Description = "Guideline version, e.g. 2020.06.", Required = true };
        var target = CommonOptions.Target();
        var source = CommonOptions.Source();
        var format = CommonOptions.Format("text", "json", "html");
        var command = new Command("report", "Compliance of a result file with a guideline's target, capability by capability. Exit 0 compliant, 1 not.")
        {
            results, guideline, target, source, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(results)!;
            if (!File.Exists(path))
            {
                throw new UsageException($"{path} does not exist");
            }

            var parsed = RefStackResults.Parse(await File.ReadAllBytesAsync(path, ct), path);
            if (parsed.Value is not { } doc)
            {
                throw new UsageException($"{parsed.Location}: {parsed.Error}");
            }

            var src = GuidelineSources.Open(parse.GetValue(source)!);
            var targetKey = parse.GetValue(target)!;
            var g = await CommonOptions.LoadForTargetAsync(src, CommonOptions.ParseVersion(parse.GetValue(guideline)!), targetKey, ct);
            var report = ComplianceEvaluator.Evaluate(g, targetKey, doc.Passed);
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

            return report.Compliant ? ExitCodes.Ok : ExitCodes.NotCompliant;
        });
        return command;
    }
}
