using Stackmark.Cli.Commands;

namespace Stackmark.Scoring.Tests.Support;

/// <summary>Runs the scoring and drafting commands in-process and captures what they write.</summary>
internal static class ScoringCli
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await ScoringCommands.RunAsync(args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }
}
