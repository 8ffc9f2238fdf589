using System.Runtime.InteropServices;
using Stackmark.Cli;
using Stackmark.Runner;

using var stop = new RunStop();
// A terminal's Ctrl-C, and what CI timeouts, systemd and container runtimes send: the first signal asks the command to
// stop cleanly (a run stops Tempest and writes its outputs); a second one skips the grace. Nothing ends the process
// before the command returns, except a second signal to a command that does not handle it (serve: exit at once).
PosixSignalRegistration[] signals =
[
    .. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }.Select(signal => PosixSignalRegistration.Create(signal, context =>
    {
        context.Cancel = true;
        if (!stop.Request(context.Signal.ToString(), DateTimeOffset.UtcNow) && !stop.HandlesForced)
        {
            Environment.Exit(130);
        }
    })),
];
try
{
    return await CliApp.RunAsync(args, CliContext.FromSystemConsole() with { Stop = stop }, stop.Graceful);
}
finally
{
    foreach (var registration in signals)
    {
        registration.Dispose();
    }
}
