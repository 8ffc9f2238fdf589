using System.Diagnostics;
using System.Text;
using Xunit.Sdk;

namespace Stackmark.RefStack.Tests.Support;

/// <summary>Finds and runs the external oracles (ssh-keygen, openssl, python3).</summary>
internal static class Tool
{
    public const string Python = "/usr/bin/python3";

    private static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The tool's full path; skips the test when missing, or fails it when CI=true.</summary>
    public static string Require(string name)
    {
        var path = Find(name);
        if (path is not null)
        {
            return path;
        }

        var message = $"{name} is not installed (Debian: apt-get install -y openssh-client openssl python3)";
        if (InCi)
        {
            throw new XunitException(message + "; CI=true, so this fails instead of skipping");
        }

        Skip.If(true, message);
        return name;
    }

    public static (int ExitCode, string Stdout, string Stderr) Run(string name, params string[] args) => RunWithInput(name, null, args);

    public static (int ExitCode, string Stdout, string Stderr) RunWithInput(string name, string? stdin, params string[] args)
    {
        var info = new ProcessStartInfo(Require(name))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new XunitException($"{name} {string.Join(' ', args)} did not finish in 60 s");
        }

        return (process.ExitCode, stdout, stderr.Result);
    }

    /// <summary>Runs a tool that must succeed; returns its stdout.</summary>
    public static string Ok(string name, params string[] args)
    {
        var (code, stdout, stderr) = Run(name, args);
        return code == 0 ? stdout : throw new XunitException($"{name} {string.Join(' ', args)} exited {code}: {stderr}");
    }

    private static string? Find(string name)
    {
        if (Path.IsPathRooted(name))
        {
            return File.Exists(name) ? name : null;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
