using Stackmark.Cli;

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl-C asks the running command to stop cleanly; a second one kills the process.
    if (!cts.IsCancellationRequested)
    {
        e.Cancel = true;
        cts.Cancel();
    }
};
return await CliApp.RunAsync(args, CliContext.FromSystemConsole(), cts.Token);
