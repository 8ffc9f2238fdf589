using Spectre.Console;
using Stackmark.Runner;
using Stackmark.Subunit;

namespace Stackmark.Cli.Views;

/// <summary>Live progress (a bar with counts and capabilities decided), plain lines for logs, or nothing.</summary>
internal static class ProgressViews
{
    public static async Task<RunOutcome> RunAsync(IAnsiConsole console, string mode, Func<Func<TestPlan, IResultSink>, Task<RunOutcome>> run)
    {
        switch (mode)
        {
            case "quiet":
                return await run(plan => new RunProgress(plan));
            case "plain":
                return await run(plan =>
                {
                    var progress = new RunProgress(plan);
                    progress.TestFinished += (id, status, duration) =>
                        console.WriteLine($"[{progress.Done}/{progress.Total}] {Word(status)} {TestName.FromTempestId(id).Name}{(duration is { } d ? $" ({d.TotalSeconds:F1}s)" : "")}");
                    return progress;
                });
            default:
                RunOutcome? outcome = null;
                await console.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                    .StartAsync(async ctx =>
                    {
                        var task = ctx.AddTask("planning", maxValue: 1);
                        outcome = await run(plan =>
                        {
                            var progress = new RunProgress(plan);
                            task.MaxValue = Math.Max(1, progress.Total);
                            task.Description = Markup.Escape(progress.Describe());
                            progress.TestFinished += (_, _, _) =>
                            {
                                task.Value = progress.Done;
                                task.Description = Markup.Escape(progress.Describe());
                            };
                            return progress;
                        });
                        task.Value = task.MaxValue;
                    });
                return outcome!;
        }
    }

    private static string Word(SubunitStatus s) => s switch
    {
        SubunitStatus.Success or SubunitStatus.XFail => "PASS",
        SubunitStatus.Skip => "SKIP",
        _ => "FAIL",
    };
}
