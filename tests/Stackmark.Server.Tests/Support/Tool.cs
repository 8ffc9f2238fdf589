using System.Diagnostics;
using System.Text;
using Xunit.Sdk;

namespace Stackmark.Server.Tests.Support;

/// <summary>Runs external programs (ssh-keygen, initdb, pg_ctl); skips when one is missing, fails instead when CI=true.</summary>
internal static class Tool
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void SkipOrFail(string message)
    {
        if (InCi)
        {
            throw new XunitException(message + "; CI=true, so this fails instead of skipping");
        }

        Skip.If(true, message);
    }

    public static string? Find(string name) =>
        name.Contains('/', StringComparison.Ordinal)
            ? (File.Exists(name) ? name : null)
            : (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    public static (int ExitCode, string Output) Run(string path, params string[] args)
    {
        var info = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill();
            throw new XunitException($"{path} {string.Join(' ', args)} did not finish in 120 s");
        }

        return (process.ExitCode, stdout + stderr.Result);
    }
}
