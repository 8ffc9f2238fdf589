using System.CommandLine;
using Stackmark.Cli.Commands;
using Stackmark.Guidelines;

namespace Stackmark.Cli;

/// <summary>The <c>stackmark</c> command line: builds the command tree and maps failures to exit codes in one place.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliContext cx, CancellationToken cancellationToken)
    {
        var guidelines = GuidelineCommands.Create(cx);
        guidelines.Subcommands.Add(DraftCommand.Create(cx));
        var root = new RootCommand("Stackmark: OpenStack interoperability guidelines, certification runs and reports.")
        {
            guidelines,
            ReportCommand.Create(cx),
            RunCommand.Create(cx),
            CleanupCommand.Create(cx),
            CompareCommand.Create(cx),
            UploadCommand.Create(cx),
            SignCommand.Create(cx),
            ServeCommand.Create(cx),
            ScoringCommands.Create(cx),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Usage errors exit 2 (System.CommandLine's default is 1, which scripts read as "not compliant").
            foreach (var error in parse.Errors)
            {
                cx.Error.WriteLine($"stackmark: {error.Message}");
            }

            cx.Error.WriteLine("Try 'stackmark --help'.");
            return ExitCodes.UsageError;
        }

        // No ProcessTerminationTimeout: System.CommandLine would end the process 2 s after a signal, before a run has
        // stopped Tempest and written its outputs. Program.cs turns signals into the cancellation token instead.
        var config = new InvocationConfiguration { Output = cx.Out, Error = cx.Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        try
        {
            return await parse.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            return Fail(cx, e.Message, ExitCodes.UsageError);
        }
        catch (GuidelineSourceException e)
        {
            return Fail(cx, e.Message, ExitCodes.UsageError);
        }
        catch (CloudUnreachableException e)
        {
            return Fail(cx, e.Message, ExitCodes.RunnerError);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(cx, "interrupted", ExitCodes.RunnerError);
        }
    }

    private static int Fail(CliContext cx, string message, int code)
    {
        cx.Error.WriteLine($"stackmark: error: {message}");
        return code;
    }
}
