using Stackmark.Tests.Support;

namespace Stackmark.Cli.Tests;

/// <summary><c>stackmark run --resume</c>: what it refuses, and a run that has nothing left to resume.</summary>
public sealed class ResumeCommandTests : IDisposable
{
    private static readonly string Samples = Path.Combine(InteropData.RepoRoot, "samples", "guidelines");

    private readonly string _dir = Directory.CreateTempSubdirectory("stackmark-resume-cli").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // A run directory as `stackmark run` leaves it, reduced to what --resume reads first.
    private void SavedRun(bool compliant, bool interrupted, string lastStatus)
    {
        File.WriteAllText(Path.Combine(_dir, "manifest.json"), $$"""
            {"guideline": "2099.01", "target": "object", "statuses": "required,advisory", "cpid": "cpid-1",
             "started_at": "2026-12-01T10:00:00+00:00", "finished_at": "2026-12-01T10:01:00+00:00", "compliant": {{(compliant ? "true" : "false")}},
             "interrupted": {{(interrupted ? "true" : "false")}}, "concurrency": 2, "guideline_source": "{{Samples}}", "tempest_command": "/usr/bin/tempest"}
            """);
        File.WriteAllText(Path.Combine(_dir, "full-results.json"), $$"""
            {"tests": [
              {"name": "tempest.api.identity.v3.test_tokens.TokensV3Test.test_create_token", "status": "pass", "attempts": 1},
              {"name": "tempest.api.object_storage.test_container_services.ContainerTest.test_create_container", "status": "{{lastStatus}}",
               {{(lastStatus == "pass" ? "" : $"\"category\": \"{(lastStatus == "fail" ? "failure" : "interrupted")}\", \"reason\": \"r\",")}} "attempts": 1}]}
            """);
    }

    [Theory]
    [InlineData("--target", "platform", "--resume: --target platform contradicts the run in DIR (--target object); leave it out to resume with the saved value")]
    [InlineData("--concurrency", "3", "--resume: --concurrency 3 contradicts the run in DIR (--concurrency 2); leave it out to resume with the saved value")]
    [InlineData("--guideline", "2020.06", "--resume: --guideline 2020.06 contradicts the run in DIR (--guideline 2099.01); leave it out to resume with the saved value")]
    [InlineData("--os-cloud", "other", "--resume: --os-cloud cannot be given; a resumed run uses the tempest.conf and accounts saved in DIR")]
    [InlineData("--override", "a.b=c", "--resume: --override cannot be given; a resumed run uses the tempest.conf and accounts saved in DIR")]
    public async Task An_option_that_contradicts_the_saved_run_is_refused_with_exit_2(string option, string value, string message)
    {
        SavedRun(compliant: false, interrupted: true, lastStatus: "not-run");

        var (exit, _, err) = await Cli.RunAsync("run", "--resume", _dir, option, value);

        Assert.Equal(2, exit);
        Assert.Equal($"stackmark: error: {message.Replace("DIR", _dir, StringComparison.Ordinal)}", err.Trim());
    }

    [Theory]
    [InlineData(true, "pass", 0, "COMPLIANT")]
    [InlineData(false, "fail", 1, "NOT COMPLIANT")]
    public async Task A_run_with_every_result_says_there_is_nothing_to_resume_and_exits_by_its_verdict(bool compliant, string lastStatus, int expected, string verdict)
    {
        SavedRun(compliant, interrupted: false, lastStatus);

        // Options that agree with the saved run are accepted.
        var (exit, output, err) = await Cli.RunAsync("run", "--resume", _dir, "--guideline", "2099.01", "--target", "object", "--concurrency", "2");

        Assert.True(exit == expected, err);
        Assert.Contains($"{_dir} is complete: every planned test has a result ({verdict}); nothing to resume.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_without_a_manifest_is_a_usage_error_naming_the_file()
    {
        var (exit, _, err) = await Cli.RunAsync("run", "--resume", _dir);

        Assert.Equal(2, exit);
        Assert.Equal($"stackmark: error: --resume {_dir}: {Path.Combine(_dir, "manifest.json")} does not exist: not a Stackmark run directory", err.Trim());
    }

    [Fact]
    public async Task A_run_without_guideline_and_source_takes_the_newest_in_force_from_the_built_in_copy()
    {
        var cache = Path.Combine(_dir, "empty-cache");
        var (exit, _, err) = await Cli.RunWithCacheAsync(cache, "run", "--target", "object", "--tempest", "/nonexistent/tempest");

        // The guideline is chosen and loaded before anything touches a cloud; the missing Tempest then stops the run.
        Assert.Equal(2, exit);
        Assert.Contains("Guideline 2020.06 chosen: the newest in force for object (status approved; in force: 2018.11, 2019.06, 2019.11, 2020.06)", err, StringComparison.Ordinal);
        Assert.Contains("Guideline 2020.06 from built in (openstack/interop 5f7a8cf)", err, StringComparison.Ordinal);
        Assert.Contains("--tempest /nonexistent/tempest does not exist", err, StringComparison.Ordinal);
    }
}
