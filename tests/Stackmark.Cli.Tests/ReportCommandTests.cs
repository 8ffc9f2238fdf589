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

/// <summary>
/// <c>stackmark report</c> against a guideline not in force (draft <c>next</c>, superseded 2015.03): the verdict is
/// computed and labelled not valid for certification, with the reason, in text, JSON and HTML; the exit code stays.
/// </summary>
public sealed class ReportValidityTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"stackmark-results-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_file);

    // One pass only: not compliant against any guideline, which is beside the point here.
    private async Task<(int Exit, string Out, string Err)> ReportAsync(string guideline, string format, params string[] more)
    {
        await File.WriteAllTextAsync(_file, """{"cpid": "c", "duration_seconds": 1, "results": [{"name": "tempest.api.identity.v3.test_tokens.TokensV3Test.test_create_token", "uuid": "6f8e4436-fc96-4282-8122-e41df57197a9"}]}""");
        return await Cli.RunAsync(["report", _file, "--guideline", guideline, "--target", "platform", "--format", format, .. more]);
    }

    [Theory]
    [InlineData("next", "next is the draft of the next guideline (its own status: draft)")]
    [InlineData("2015.03", "2015.03 is superseded (its own status)")]
    public async Task A_guideline_not_in_force_is_labelled_not_valid_in_text_json_and_html(string guideline, string why)
    {
        var (exit, output, _) = await ReportAsync(guideline, "text");
        Assert.Equal(1, exit);
        Assert.Contains("NOT COMPLIANT — not valid for certification", output, StringComparison.Ordinal);
        Assert.Contains("NOT VALID FOR CERTIFICATION: " + why + "; in force for core guidelines on ", output, StringComparison.Ordinal);

        (exit, output, _) = await ReportAsync(guideline, "json");
        Assert.Equal(1, exit);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.False(root.GetProperty("valid_for_certification").GetBoolean());
        Assert.StartsWith(why, root.GetProperty("validity_reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("2020.06", root.GetProperty("validity_reason").GetString(), StringComparison.Ordinal);

        (exit, output, _) = await ReportAsync(guideline, "html");
        Assert.Equal(1, exit);
        Assert.Contains("<p class=\"banner\" id=\"not-valid\"><strong>Not valid for certification</strong>: " + why, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_newest_approved_guideline_is_valid()
    {
        var (_, output, _) = await ReportAsync("2020.06", "json");
        var root = JsonDocument.Parse(output).RootElement;
        Assert.True(root.GetProperty("valid_for_certification").GetBoolean());
        Assert.StartsWith("2020.06 is in force: approved (its own status)", root.GetProperty("validity_reason").GetString(), StringComparison.Ordinal);

        (_, output, _) = await ReportAsync("2020.06", "text");
        Assert.Contains("Valid for certification: 2020.06 is in force", output, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT VALID", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recent_two_makes_an_older_approved_guideline_not_valid_and_a_bad_policy_is_a_usage_error()
    {
        var (exit, output, _) = await ReportAsync("2018.11", "json", "--in-force-policy", "recent:2");
        Assert.Equal(1, exit);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.False(root.GetProperty("valid_for_certification").GetBoolean());
        Assert.StartsWith("2018.11 is approved but not among the 2 most recent approved core guidelines (policy recent:2)", root.GetProperty("validity_reason").GetString(), StringComparison.Ordinal);

        (exit, _, var err) = await ReportAsync("2018.11", "json", "--in-force-policy", "recent:0");
        Assert.Equal(2, exit);
        Assert.Contains("--in-force-policy", err, StringComparison.Ordinal);
    }
}
