using System.Diagnostics;

namespace Stackmark.Subunit.Tests.Support;

/// <summary>Runs Debian's python-subunit tools (python3-subunit, subunit) by absolute path.</summary>
/// <remarks>
/// Missing tools skip the test locally but fail it when CI=true, because the CI script installs them.
/// </remarks>
internal static class PythonSubunit
{
    public const string Python = "/usr/bin/python3";
    public const string Module = "/usr/lib/python3/dist-packages/subunit/v2.py";

    public static string Tool(string name) => "/usr/bin/" + name;

    public static void Require(params string[] executables)
    {
        var missing = executables.Append(Module).Where(path => !File.Exists(path)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var message = $"python-subunit is not installed (missing {string.Join(", ", missing)}); run: apt-get install -y python3-subunit subunit";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Skip.If(true, message);
    }

    public static string GoldenFile(string name) => Path.Combine(AppContext.BaseDirectory, "Golden", name);

    public static string FixtureFile(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>Runs <paramref name="executable"/> with <paramref name="stdin"/> and returns its standard output.</summary>
    public static async Task<byte[]> RunAsync(string executable, byte[] stdin, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Debian's tools, not a pyenv python that happens to be first on PATH.
        start.Environment["PATH"] = "/usr/bin:/bin";
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        using var process = Process.Start(start)!;
        var output = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(output, timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.StandardInput.BaseStream.WriteAsync(stdin, timeout.Token);
        process.StandardInput.Close();
        await reading;
        var stderr = await errors;
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode is 0 or 1, $"{executable} exited with {process.ExitCode}: {stderr}");
        return output.ToArray();
    }

    public static async Task<string> RunTextAsync(string executable, byte[] stdin, params string[] arguments) =>
        System.Text.Encoding.UTF8.GetString(await RunAsync(executable, stdin, arguments));
}
