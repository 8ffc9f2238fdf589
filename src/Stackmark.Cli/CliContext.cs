using Spectre.Console;

namespace Stackmark.Cli;

/// <summary>Where a command writes: a rich console for people, and raw writers for machine-readable output.</summary>
/// <param name="Console">Tables, colours and progress (never the static AnsiConsole).</param>
/// <param name="Out">Raw standard output: test lists, JSON, HTML.</param>
/// <param name="Error">Raw standard error: error messages.</param>
internal sealed record CliContext(IAnsiConsole Console, TextWriter Out, TextWriter Error)
{
    /// <summary>The process's signals (null in-process, where only the cancellation token stops a command).</summary>
    public Stackmark.Runner.RunStop? Stop { get; init; }

    /// <summary>The user's guideline cache (null: the one the environment names, <see cref="Guidelines.GuidelineCache.ForUser"/>).</summary>
    public Guidelines.GuidelineCache? GuidelineCache { get; init; }

    /// <summary>The clock that says which day it is (which guidelines are in force); tests pass a fixed one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Today (UTC), by <see cref="Clock"/>.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    public static CliContext FromSystemConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Out) });
        if (System.Console.IsOutputRedirected)
        {
            // Piped output is read by tools and people with wide pagers: don't wrap long test names at 80.
            console.Profile.Width = 240;
        }

        return new CliContext(console, System.Console.Out, System.Console.Error);
    }

    /// <summary>A context writing plain text (no colour, fixed width) to one writer, for tests and pipes.</summary>
    public static CliContext Plain(TextWriter writer, TextWriter? error = null)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        return new CliContext(console, writer, error ?? writer);
    }
}
