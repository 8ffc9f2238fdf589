namespace Stackmark.Cli.Tests;

/// <summary>Runs the real command line in-process and captures what it writes.</summary>
internal static class Cli
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, CliContext.Plain(output, error), CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs with <paramref name="cacheDir"/> as the user's guideline cache (isolated from the real one).</summary>
    public static async Task<(int Exit, string Out, string Err)> RunWithCacheAsync(string cacheDir, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var cx = CliContext.Plain(output, error) with { GuidelineCache = new Guidelines.GuidelineCache(cacheDir) };
        var exit = await CliApp.RunAsync(args, cx, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }
}
