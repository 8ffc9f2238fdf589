using System.Text.Json;

namespace Stackmark.Cli.Tests;

/// <summary>
/// <c>stackmark report</c> on a run's full-results.json: misses the runner caused make it incomplete (exit 4) with
/// what would complete it; a cloud miss makes it not compliant (exit 1).
/// </summary>
public sealed class ReportCommandTests : IDisposable
{
    private static readonly string Guidelines = Path.Combine(Stackmark.Tests.Support.InteropData.RepoRoot, "samples", "guidelines");
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"stackmark-full-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_file);

    // The sample Powered Storage's required tests (one flagged): all pass but the last, which misses with the given category.
    private async Task<(int Exit, string Out, string Err)> ReportAsync(string status, string category, string reason, string format = "text")
    {
        await File.WriteAllTextAsync(_file, $$"""
            {"guideline": "2099.01", "target": "object", "cpid": "c", "compliant": false, "tests": [
              {"name": "tempest.api.identity.v3.test_tokens.TokensV3Test.test_create_token", "capability": "identity-v3-tokens-create", "status": "pass"},
              {"name": "tempest.api.object_storage.test_container_services.ContainerTest.test_create_container", "capability": "objectstore-container-create", "status": "pass"},
              {"name": "tempest.api.object_storage.test_object_services.ObjectTest.test_create_object", "capability": "objectstore-object-create", "status": "pass"},
              {"name": "tempest.api.object_storage.test_object_services.ObjectTest.test_object_upload_in_segments", "capability": "objectstore-object-create", "status": "pass"},
              {"name": "tempest.api.object_storage.test_container_services.ContainerTest.test_create_container_overwrite", "capability": "objectstore-container-create",
               "status": "{{status}}", "category": "{{category}}", "reason": "{{reason}}"}
            ]}
            """);
        return await Cli.RunAsync("report", _file, "--guideline", "2099.01", "--target", "object", "--source", Guidelines, "--format", format);
    }

    [Fact]
    public async Task A_miss_for_want_of_a_role_is_incomplete_exit_4_and_names_the_role()
    {
        var (exit, output, _) = await ReportAsync("skip", "accounts", "needs an account with role ResellerAdmin: the account plan");
        Assert.Equal(4, exit);
        Assert.Contains("INCOMPLETE", output, StringComparison.Ordinal);
        Assert.Contains("1 test needs an account with role ResellerAdmin", output, StringComparison.Ordinal);

        (exit, output, _) = await ReportAsync("skip", "accounts", "needs an account with role ResellerAdmin: the account plan", "json");
        Assert.Equal(4, exit);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal(("incomplete", false), (root.GetProperty("verdict").GetString(), root.GetProperty("compliant").GetBoolean()));
        Assert.Equal(["1 test needs an account with role ResellerAdmin"], root.GetProperty("to_complete").EnumerateArray().Select(s => s.GetString()));

        (exit, output, _) = await ReportAsync("not-run", "interrupted", "the run was stopped", "html");
        Assert.Equal(4, exit);
        Assert.Contains("stackmark run --resume RUN_DIR", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_miss_of_the_cloud_is_not_compliant_exit_1()
    {
        var (exit, output, _) = await ReportAsync("fail", "failure", "AssertionError: 201 != 500");
        Assert.Equal(1, exit);
        Assert.Contains("NOT COMPLIANT", output, StringComparison.Ordinal);
        Assert.DoesNotContain("To complete", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_full_results_file_is_exit_2_naming_the_json_path()
    {
        var (exit, _, err) = await ReportAsync("maybe", "accounts", "x");
        Assert.Equal(2, exit);
        Assert.Contains("$.tests[4].status", err, StringComparison.Ordinal);
        Assert.Contains("must be one of pass, fail, skip, not-run", err, StringComparison.Ordinal);
    }
}
