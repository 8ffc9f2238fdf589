using Stackmark.Tests.Support;

namespace Stackmark.Tempest.Tests;

/// <summary>The credentials a test class takes, read from Tempest 33's own source (no hand-kept list).</summary>
public sealed class CredentialsReaderTests
{
    private const string DebianTempest = "/usr/lib/python3/dist-packages/tempest";

    private static readonly Lazy<TempestTree> Tree = new(() => TempestTree.Scan(DebianTempest));

    [SkippableFact]
    public void Account_quota_tests_take_an_operator_and_a_reseller_admin_with_tempests_default_roles()
    {
        RequireTempest();
        var slots = Tree.Value.CredentialsOf(new TestName("tempest.api.object_storage.test_account_quotas.AccountQuotasTest.test_upload_valid_object"));
        Assert.Equal(
        [
            new CredentialSlot("operator", ["member"], CredentialScope.Project),
            new CredentialSlot("reseller", ["ResellerAdmin"], CredentialScope.Project),
        ], slots);
    }

    [SkippableFact]
    public void Options_are_resolved_against_the_runs_tempest_conf_before_the_defaults()
    {
        RequireTempest();
        string? Conf(string section, string key) => (section, key) == ("object-storage", "reseller_admin_role") ? "reseller" : null;
        var slots = Tree.Value.CredentialsOfClass("tempest.api.object_storage.test_account_quotas_negative.AccountQuotasNegativeTest", Conf);
        Assert.Equal(["member"], slots[0].Roles);
        Assert.Equal(["reseller"], slots[1].Roles);
        Assert.Equal("ResellerAdmin", Tree.Value.DefaultOf("object-storage", "reseller_admin_role"));
        Assert.Equal("admin", Tree.Value.DefaultOf("identity", "admin_role"));
    }

    [SkippableFact]
    public void Alternate_credential_classes_take_two_accounts_and_inherit_the_list_from_their_bases()
    {
        RequireTempest();
        var negative = Tree.Value.CredentialsOfClass("tempest.api.compute.servers.test_servers_negative.ServersNegativeTestMultiTenantJSON");
        Assert.Equal(["primary", "alt"], negative.Select(s => s.Name));
        Assert.All(negative, s => Assert.Empty(s.Roles));
        // AccountTest defines operator and operator_alt; ContainerTest inherits BaseObjectTest's single operator.
        var account = Tree.Value.CredentialsOfClass("tempest.api.object_storage.test_account_services.AccountTest");
        Assert.Equal(["operator", "operator_alt"], account.Select(s => s.Name));
        var container = Tree.Value.CredentialsOfClass("tempest.api.object_storage.test_container_services.ContainerTest");
        Assert.Equal([new CredentialSlot("operator", ["member"], CredentialScope.Project)], container);
    }

    [SkippableFact]
    public void A_role_asked_for_in_setup_credentials_is_one_more_account()
    {
        RequireTempest();
        var slots = Tree.Value.CredentialsOfClass("tempest.scenario.test_object_storage_basic_ops.TestObjectStorageBasicOps");
        Assert.Equal([new CredentialSlot("primary", [], CredentialScope.Any), new CredentialSlot("operator", ["member"], CredentialScope.Any)], slots);
    }

    [SkippableFact]
    public void Force_tenant_isolation_demands_an_admin_account()
    {
        RequireTempest();
        var slots = Tree.Value.CredentialsOfClass("tempest.scenario.test_compute_unified_limits.ServersQuotaTest");
        Assert.Equal(
        [
            new CredentialSlot("primary", [], CredentialScope.Any),
            new CredentialSlot("system_admin", ["admin"], CredentialScope.System),
            new CredentialSlot("admin", ["admin"], CredentialScope.Any) { Reason = "force_tenant_isolation" },
        ], slots);
        // A class that takes admin credentials anyway gets no second admin for the flag.
        Assert.Single(Tree.Value.CredentialsOfClass("tempest.api.volume.test_volume_absolute_limits.AbsoluteLimitsTests"), s => s.Name == "admin");
    }

    [SkippableFact]
    public void In_the_2019_11_object_target_exactly_the_account_quota_classes_need_reseller_admin_and_alt_classes_need_two_accounts()
    {
        RequireTempest();
        var plan = TestPlan.Create(InteropData.Load("2019.11.json"), new TestListQuery("object", [CapabilityStatus.Required]), Tree.Value);
        var classes = plan.ToRun.GroupBy(t => t.Value[..t.Value.LastIndexOf('.')])
            .ToDictionary(g => g.Key, g => Tree.Value.CredentialsOfClass(g.Key), StringComparer.Ordinal);
        var reseller = classes.Where(c => c.Value.Any(s => s.Roles.Contains("ResellerAdmin"))).Select(c => c.Key).Order(StringComparer.Ordinal);
        Assert.Equal(
        [
            "tempest.api.object_storage.test_account_quotas.AccountQuotasTest",
            "tempest.api.object_storage.test_account_quotas_negative.AccountQuotasNegativeTest",
        ], reseller);
        Assert.Contains(classes, c => c.Value.Count == 2 && c.Value.All(s => s.Roles.SequenceEqual(["member"])));
        Assert.All(classes.Values, slots => Assert.NotEmpty(slots));
    }

    private static void RequireTempest()
    {
        var present = Directory.Exists(DebianTempest);
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.True(present, $"{DebianTempest} is missing: install python3-tempest");
        }

        Skip.IfNot(present, "python3-tempest is not installed");
    }
}
