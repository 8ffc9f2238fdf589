using Stackmark.Cli.Commands;
using Stackmark.OpenStack;
using Stackmark.Runner;
using Stackmark.Tempest;
using Stackmark.Tests.Support;

namespace Stackmark.Cli.Tests;

/// <summary>
/// <c>stackmark run --accounts</c> and <c>--accept-incomplete</c>: a bad accounts file is a usage error naming its line
/// and entry, and a plan the accounts cannot serve stops before Tempest starts, naming what to add.
/// </summary>
public sealed class RunAccountsTests : IDisposable
{
    private const string DebianTempest = "/usr/lib/python3/dist-packages/tempest";
    private static readonly string Samples = Path.Combine(InteropData.RepoRoot, "samples", "guidelines");
    private readonly string _dir = Directory.CreateTempSubdirectory("stackmark-accounts").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string text)
    {
        var path = Path.Combine(_dir, "accounts.yaml");
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private static Task<(int Exit, string Out, string Err)> Run(string accounts) =>
        Cli.RunAsync("run", "--os-cloud", "nowhere", "--guideline", "2099.01", "--target", "object", "--source", Samples, "--accounts", accounts);

    [Fact]
    public async Task A_missing_accounts_file_is_a_usage_error()
    {
        var (exit, _, err) = await Run("/nonexistent/accounts.yaml");
        Assert.Equal(2, exit);
        Assert.Contains("--accounts /nonexistent/accounts.yaml does not exist", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_yaml_error_names_the_file_and_line()
    {
        var path = File("- username: demo\n  password: pw\n project_name: demo\n");
        var (exit, _, err) = await Run(path);
        Assert.Equal(2, exit);
        Assert.Contains($"--accounts {path}:3: not valid YAML", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_without_its_keys_is_named_by_line_and_user()
    {
        var path = File("- username: demo\n  password: pw\n  project_name: demo\n\n- username: alt_demo\n  project_name: alt_demo\n");
        var (exit, _, err) = await Run(path);
        Assert.Equal(2, exit);
        Assert.Contains($"--accounts {path}:5: account 2 (alt_demo): missing password", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accounts_with_a_given_tempest_conf_are_a_usage_error()
    {
        var (exit, _, err) = await Cli.RunAsync("run", "--guideline", "2099.01", "--target", "object", "--source", Samples, "--tempest-conf", "/nonexistent/tempest.conf", "--accounts", File("[]"));
        Assert.Equal(2, exit);
        Assert.Contains("--accounts shapes the discovered tempest.conf", err, StringComparison.Ordinal);
    }

    private static readonly TestAccount Demo = new() { Username = "demo", Password = "pw", ProjectName = "demo", Roles = ["reader", "member"] };

    // Powered Storage 2019.11 planned on Debian's Tempest 33, as `stackmark run` plans it once the cloud is discovered.
    private Task<AccountDecision> Decide(IReadOnlyList<TestAccount> accounts, bool acceptIncomplete, int? workers = 2) =>
        Decide(accounts, acceptIncomplete, workers, "2019.11", "object");

    private Task<AccountDecision> Decide(IReadOnlyList<TestAccount> accounts, bool acceptIncomplete, int? workers, string guideline, string target)
    {
        var tree = TempestTree.Scan(DebianTempest);
        var listing = tree.Names.Select(n => tree.TryFindByName(n, out var id) && id is { } i ? $"{n.Value}[id-{i}]" : n.Value).ToList();
        var workspace = new PreparedWorkspace(_dir, Path.Combine(_dir, "workspace"), Task.FromResult("33.0.0"), Task.FromResult<IReadOnlyList<string>>(listing), Task.FromResult<TempestTree?>(tree));
        var facts = new CloudFacts("devcloud", "IdentityServiceId", ["swift", "glance"], false, [], []);
        var prepared = new PreparedCloud("devcloud", "[object-storage]\noperator_role = member\n", "", AccountsFile.ToYaml(accounts), "cpid", facts, accounts.Count) { Accounts = accounts };
        var console = new StringWriter();
        return AccountPlanning.DecideAsync(CliContext.Plain(console), prepared, workspace, InteropData.Load(guideline + ".json"), new TestListQuery(target, [CapabilityStatus.Required]), workers, acceptIncomplete);
    }

    [SkippableFact]
    public async Task One_member_account_stops_the_run_naming_a_second_account_and_the_reseller_admin_role()
    {
        RequireTempest();
        var e = await Assert.ThrowsAsync<UsageException>(() => Decide([Demo], acceptIncomplete: false));
        Assert.Contains("the accounts cannot serve 16 of the 58 tests to run", e.Message, StringComparison.Ordinal);
        Assert.Contains("add a second account for alternate credentials and an account with role ResellerAdmin", e.Message, StringComparison.Ordinal);
        Assert.Contains("--accept-incomplete", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Accepting_incomplete_leaves_out_exactly_the_reseller_admin_tests_with_category_accounts()
    {
        RequireTempest();
        var alt = Demo with { Username = "alt_demo", ProjectName = "alt_demo" };
        var decision = await Decide([Demo, alt], acceptIncomplete: true);
        Assert.Equal(
        [
            "tempest.api.object_storage.test_account_quotas.AccountQuotasTest.test_upload_valid_object",
            "tempest.api.object_storage.test_account_quotas_negative.AccountQuotasNegativeTest.test_user_modify_quota",
        ], decision.NotServed.Keys.Select(k => k.Value).Order(StringComparer.Ordinal));
        Assert.All(decision.NotServed.Values, n =>
        {
            Assert.Equal(NonPassCategory.Accounts, n.Category);
            Assert.Contains("an account with role ResellerAdmin", n.Reason, StringComparison.Ordinal);
        });
        // Two accounts serve one worker: two classes with an operator and an operator_alt could start at once.
        Assert.Equal(1, decision.Workers);
        Assert.Equal(["an account with role ResellerAdmin"], decision.Evidence!.Missing);
    }

    [SkippableFact]
    public async Task Enough_accounts_serve_every_test_on_two_workers_with_the_reseller_admin_accounts_last()
    {
        RequireTempest();
        TestAccount[] accounts =
        [
            Demo with { Username = "reseller1", Roles = ["reader", "member", "ResellerAdmin"] },
            Demo, Demo with { Username = "u2" }, Demo with { Username = "u3" }, Demo with { Username = "u4" },
            Demo with { Username = "reseller2", Roles = ["reader", "member", "ResellerAdmin"] },
        ];
        var decision = await Decide(accounts, acceptIncomplete: false);
        Assert.Empty(decision.NotServed);
        Assert.Equal(2, decision.Evidence!.Concurrency);
        Assert.Equal(["demo", "u2", "u3", "u4", "reseller1", "reseller2"], AccountsFile.Parse(decision.AccountsYaml!, "accounts.yaml").Select(a => a.Username));
    }

    /// <summary>
    /// The devcloud's accounts.yaml (four member accounts, two ResellerAdmin ones) and Powered Platform 2020.06 on Tempest 33:
    /// exactly one required test cannot run without an admin, because Tempest 33 moved
    /// <c>test_update_router_unset_gateway</c> (id ad81b7ee) into its admin class <c>RoutersAdminTest</c>; one admin
    /// account added serves it (and never serves primary or alt), at two workers.
    /// </summary>
    [SkippableFact]
    public async Task Platform_2020_06_on_member_accounts_lacks_an_admin_for_exactly_the_router_gateway_test()
    {
        RequireTempest();
        TestAccount[] members =
        [
            Demo, Demo with { Username = "alt_demo" }, Demo with { Username = "demo3" }, Demo with { Username = "demo4" },
            Demo with { Username = "reseller", Roles = ["ResellerAdmin"] }, Demo with { Username = "reseller2", Roles = ["ResellerAdmin"] },
        ];
        var decision = await Decide(members, acceptIncomplete: true, 2, "2020.06", "platform");
        var only = Assert.Single(decision.NotServed);
        // The guideline's name (RoutersTest, where 2020.06 lists it); Tempest 33 runs it in its admin class, which the reason names.
        Assert.Equal("tempest.api.network.test_routers.RoutersTest.test_update_router_unset_gateway", only.Key.Value);
        Assert.Contains("RoutersAdminTest", only.Value.Reason, StringComparison.Ordinal);
        Assert.Equal(NonPassCategory.Accounts, only.Value.Category);
        Assert.Contains("role admin", only.Value.Reason, StringComparison.Ordinal);

        var withAdmin = await Decide([.. members, Demo with { Username = "admin", Roles = ["admin", "reader", "member"] }], acceptIncomplete: false, 2, "2020.06", "platform");
        Assert.Empty(withAdmin.NotServed);
        Assert.Equal(2, withAdmin.Evidence!.Concurrency);
    }

    [Fact]
    public void The_accounts_network_is_its_projects_own_non_external_network_with_a_name_no_other_network_has()
    {
        Network Net(string name, string project, bool external = false, string status = "ACTIVE") =>
            new($"id-{name}-{project}", name, status, external, false, []) { ProjectId = project };
        Assert.Equal("demo-net", CloudPreparation.OwnNetwork([Net("public", "admin", external: true), Net("shared", "admin"), Net("demo-net", "demo")], "demo"));
        Assert.Equal("b", CloudPreparation.OwnNetwork([Net("a", "demo", status: "DOWN"), Net("b", "demo")], "demo"));
        // Tempest looks networks up by name: a name the admin project also uses is ambiguous.
        Assert.Null(CloudPreparation.OwnNetwork([Net("private", "demo"), Net("private", "admin")], "demo"));
        Assert.Null(CloudPreparation.OwnNetwork([Net("ext", "demo", external: true)], "demo"));
        Assert.Null(CloudPreparation.OwnNetwork([Net("x", "demo")], null));
    }

    private static void RequireTempest()
    {
        // In CI the test script installs python3-tempest; a missing tree there is a failure, not a skip.
        var present = Directory.Exists(DebianTempest);
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.True(present, $"{DebianTempest} is missing: install python3-tempest");
        }

        Skip.IfNot(present, "python3-tempest is not installed");
    }
}
