using System.Diagnostics;

namespace Stackmark.OpenStack.Tests.Integration;

/// <summary>Debian's Tempest (python3-tempest) runs one object-storage test with a generated tempest.conf.</summary>
public sealed class TempestAcceptanceTests
{
    private const string TempestBinary = "/usr/bin/tempest";
    private const string TestId = "tempest.api.object_storage.test_container_services.ContainerTest.test_create_container";

    [SkippableFact]
    public async Task Debian_tempest_runs_an_object_storage_test_with_the_generated_config()
    {
        DevCloud.Require();
        Skip.IfNot(File.Exists(TempestBinary), "python3-tempest is not installed");
        var cloud = DevCloud.Cloud(DevCloud.Member);
        var alt = DevCloud.Cloud(DevCloud.Alt);
        using var connection = OpenStackConnection.Open(cloud);
        var discovery = await CloudDiscovery.DiscoverAsync(connection);
        var workspace = Path.Combine(Path.GetTempPath(), "stackmark-tempest-" + Guid.NewGuid().ToString("N"));
        try
        {
            Run(TempestBinary, Path.GetTempPath(), "init", workspace);
            var accounts = new[] { cloud, alt }.Select(c => new TestAccount
            {
                Username = c.Auth.Username!,
                Password = c.Auth.Password!,
                ProjectName = c.Auth.ProjectName!,
                Roles = discovery.Roles,
            }).ToList();
            var tempest = TempestConfigBuilder.Build(cloud, discovery, new TempestConfigOptions
            {
                Accounts = accounts,
                LockPath = Path.Combine(workspace, "lock"),
            });
            tempest.WriteFiles(Path.Combine(workspace, "etc", "tempest.conf"), workspace);

            var (exit, output) = Run(TempestBinary, workspace, "run", "--config-file", "etc/tempest.conf", "--serial", "--regex", "^" + TestId.Replace(".", "\\.", StringComparison.Ordinal) + "\\b");

            Assert.True(exit == 0, output);
            Assert.Contains("Passed: 1", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(workspace, recursive: true);
        }
    }

    private static (int Exit, string Output) Run(string file, string cwd, params string[] args)
    {
        var start = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = cwd,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = "/usr/bin:/bin";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(300_000))
        {
            process.Kill(entireProcessTree: true);
        }

        return (process.ExitCode, stdout + stderr.GetAwaiter().GetResult());
    }
}
