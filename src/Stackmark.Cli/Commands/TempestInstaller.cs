using System.Diagnostics;
using Spectre.Console;

namespace Stackmark.Cli.Commands;

/// <summary>Makes sure Debian's Tempest is there before a run: installs python3-tempest when missing and we are root.</summary>
internal static class TempestInstaller
{
    public const string DebianTempest = "/usr/bin/tempest";

    public static async Task EnsureAsync(CliContext cx, string executable, CancellationToken ct)
    {
        if (File.Exists(executable))
        {
            return;
        }

        if (executable != DebianTempest)
        {
            throw new UsageException($"--tempest {executable} does not exist");
        }

        if (Environment.UserName != "root")
        {
            throw new UsageException("Tempest is not installed: run `sudo apt-get install python3-tempest` (Debian), or pass --tempest PATH");
        }

        cx.Console.MarkupLine("Tempest is not installed: installing Debian's [bold]python3-tempest[/] …");
        foreach (var args in new[] { new[] { "update", "-qq" }, ["install", "-y", "-qq", "--no-install-recommends", "python3-tempest"] })
        {
            var psi = new ProcessStartInfo("/usr/bin/apt-get", args) { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.Environment["DEBIAN_FRONTEND"] = "noninteractive";
            using var p = Process.Start(psi) ?? throw new UsageException("cannot start apt-get");
            var err = p.StandardError.ReadToEndAsync(ct);
            await p.StandardOutput.ReadToEndAsync(ct);
            await p.WaitForExitAsync(ct);
            if (p.ExitCode != 0)
            {
                throw new UsageException($"apt-get {string.Join(' ', args)} failed ({p.ExitCode}): {(await err).Trim()}");
            }
        }

        if (!File.Exists(executable))
        {
            throw new UsageException($"python3-tempest installed but {executable} is missing");
        }
    }
}
