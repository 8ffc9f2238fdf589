using CsCheck;
using Stackmark.Tempest;

namespace Stackmark.Runner.Tests;

/// <summary>
/// The account planner against an independent simulation of Tempest's pre-provisioned credentials
/// (tempest/lib/common/preprov_creds.py): every order in which W classes can start, on the accounts in the planner's order.
/// </summary>
public sealed class AccountPlannerTests
{
    private const string Admin = "admin";
    private static readonly CredentialSlot Primary = new("primary", [], CredentialScope.Any);
    private static readonly CredentialSlot Alt = new("alt", [], CredentialScope.Any);
    private static readonly CredentialSlot Operator = new("operator", ["member"], CredentialScope.Project);
    private static readonly CredentialSlot OperatorAlt = new("operator_alt", ["member"], CredentialScope.Project);
    private static readonly CredentialSlot Reseller = new("reseller", ["ResellerAdmin"], CredentialScope.Project);

    // The shapes of Powered Storage 2019.11's classes: containers (one operator), accounts (operator and operator_alt),
    // account quotas (operator and reseller, two classes).
    private static readonly ClassCredentials[] Storage =
    [
        new("tempest.api.object_storage.test_container_services.ContainerTest", [Operator]),
        new("tempest.api.object_storage.test_object_services.ObjectTest", [Operator]),
        new("tempest.api.object_storage.test_account_services.AccountTest", [Operator, OperatorAlt]),
        new("tempest.api.object_storage.test_account_quotas.AccountQuotasTest", [Operator, Reseller]),
        new("tempest.api.object_storage.test_account_quotas_negative.AccountQuotasNegativeTest", [Operator, Reseller]),
    ];

    private static PlannerAccount Member(string name, params string[] more) => new(name, ["member", "reader", .. more]);

    [Fact]
    public void One_member_account_names_the_second_account_and_the_reseller_admin_role()
    {
        var plan = AccountPlanner.Plan(Storage, [Member("demo")], Admin, 2);
        Assert.False(plan.Complete);
        Assert.Equal(["a second account for alternate credentials", "an account with role ResellerAdmin"], plan.Missing);
        Assert.Equal(
            ["tempest.api.object_storage.test_account_services.AccountTest", "tempest.api.object_storage.test_account_quotas.AccountQuotasTest", "tempest.api.object_storage.test_account_quotas_negative.AccountQuotasNegativeTest"],
            plan.Unserved.Select(u => u.Class));
        Assert.Contains("an account with role ResellerAdmin", plan.Unserved[1].Reason, StringComparison.Ordinal);
        // The container and object classes can run, one at a time: two at once would need two operator accounts.
        Assert.Equal(1, plan.Concurrency);
        Assert.Equal(["1 more account"], plan.MissingForRequested);
    }

    [Fact]
    public void The_reseller_admin_account_goes_last_so_plain_credentials_do_not_take_it()
    {
        var plan = AccountPlanner.Plan(Storage, [Member("reseller", "ResellerAdmin"), Member("demo"), Member("alt_demo")], Admin, 1);
        Assert.True(plan.Complete);
        Assert.Equal(["demo", "alt_demo", "reseller"], plan.Accounts.Select(a => a.Name));
        Assert.Equal(1, plan.Concurrency);
    }

    [Fact]
    public void A_reseller_admin_account_without_member_still_goes_after_the_plain_accounts()
    {
        // The devcloud's accounts.yaml: four member accounts and one with ResellerAdmin only.
        var plan = AccountPlanner.Plan([.. Storage, new("m.NegativeTest", [Primary, Alt])],
            [new PlannerAccount("reseller", ["ResellerAdmin"]), Member("demo"), Member("alt_demo"), Member("demo3"), Member("demo4")], Admin, 2);
        Assert.True(plan.Complete);
        Assert.Equal("reseller", plan.Accounts[^1].Name);
        Assert.Equal(1, plan.Concurrency);
        Assert.Equal(["another account with role ResellerAdmin"], plan.MissingForRequested);
    }

    [Fact]
    public void Two_workers_need_a_second_reseller_admin_when_both_quota_classes_may_run_at_once()
    {
        var accounts = new[] { Member("demo"), Member("alt_demo"), Member("reseller", "ResellerAdmin") };
        var plan = AccountPlanner.Plan(Storage, accounts, Admin, 2);
        Assert.Equal(1, plan.Concurrency);
        Assert.Contains("another account with role ResellerAdmin", plan.MissingForRequested);
        var enough = AccountPlanner.Plan(Storage, [.. accounts, Member("demo2"), Member("reseller2", "ResellerAdmin")], Admin, 2);
        Assert.Equal(2, enough.Concurrency);
        Assert.Empty(enough.MissingForRequested);
    }

    [Fact]
    public void An_admin_account_never_serves_primary_or_alt()
    {
        var plan = AccountPlanner.Plan([new("x.y.NegativeTest", [Primary, Alt])], [Member("demo"), new PlannerAccount("cloud-admin", [Admin, "member"])], Admin, 1);
        Assert.Equal(["a second account for alternate credentials"], plan.Missing);
        Assert.Equal(["demo", "cloud-admin"], plan.Accounts.Select(a => a.Name));
    }

    [Fact]
    public void Too_few_accounts_for_the_workers_lower_the_concurrency_and_say_how_many_to_add()
    {
        var classes = Enumerable.Range(0, 6).Select(i => new ClassCredentials($"m.C{i}", [Primary, Alt])).ToList();
        var plan = AccountPlanner.Plan(classes, [Member("a"), Member("b"), Member("c")], Admin, 4);
        Assert.Equal(1, plan.Concurrency);
        Assert.Equal(["5 more accounts"], plan.MissingForRequested);
        Assert.Empty(plan.Missing);
    }

    [Fact]
    public void Credentials_pre_provisioned_accounts_cannot_give_are_unserved_whatever_is_added()
    {
        var plan = AccountPlanner.Plan([new("m.C", [Primary, new CredentialSlot("alt_admin", [], CredentialScope.Any) { Unsupported = true }])], [Member("a")], Admin, 1);
        Assert.Contains("alt_admin", Assert.Single(plan.Unserved).Reason, StringComparison.Ordinal);
        Assert.Empty(plan.Missing);
    }

    private static readonly string[] RoleNames = ["member", "reader", "ResellerAdmin", Admin, "swiftop"];

    private static readonly Gen<string[]> Roles = Gen.Int[0, (1 << RoleNames.Length) - 1].Select(mask => RoleNames.Where((_, i) => (mask >> i & 1) == 1).ToArray());

    private static readonly Gen<CredentialSlot> Slot = Gen.Frequency(
        (3, Gen.OneOf(Gen.Const(Primary), Gen.Const(Alt))),
        (3, Gen.Select(Gen.Int[0, RoleNames.Length - 1], Gen.Bool, (r, project) => new CredentialSlot("roles", new[] { RoleNames[r] }, project ? CredentialScope.Project : CredentialScope.Any))),
        (1, Gen.Select(Gen.Int[0, RoleNames.Length - 1], Gen.Int[0, RoleNames.Length - 1], (a, b) => new CredentialSlot("two", new[] { RoleNames[a], RoleNames[b] }, CredentialScope.Any))));

    private static readonly Gen<ClassCredentials[]> Classes = Slot.Array[0, 3].Array[1, 6].Select(cs => cs.Select((s, i) => new ClassCredentials($"m.C{i}", s)).ToArray());

    private static readonly Gen<PlannerAccount[]> Accounts = Gen.Select(Roles, Gen.Bool, (r, system) => (r, system)).Array[0, 6]
        .Select(a => a.Select((x, i) => new PlannerAccount($"u{i}", x.r, x.system ? CredentialScope.System : CredentialScope.Project)).ToArray());

    [Fact]
    public void Every_order_of_the_chosen_number_of_classes_gets_its_accounts_and_one_more_worker_would_not()
    {
        Gen.Select(Classes, Accounts, Gen.Int[1, 3]).Sample((classes, accounts, requested) =>
        {
            var plan = AccountPlanner.Plan(classes, accounts, Admin, requested);
            var unserved = plan.Unserved.Select(u => u.Class).ToHashSet(StringComparer.Ordinal);
            var servable = classes.Where(c => !unserved.Contains(c.Class)).ToList();
            // A class is unserved exactly when it cannot get its accounts on a worker of its own.
            Assert.All(classes, c => Assert.Equal(unserved.Contains(c.Class), !Fits([c], plan.Accounts)));
            Assert.Equal(unserved.Count == 0, plan.Missing.Count == 0);
            Assert.Equal(accounts.OrderBy(a => a.Name), plan.Accounts.OrderBy(a => a.Name));
            if (servable.Count == 0)
            {
                return;
            }

            Assert.InRange(plan.Concurrency, 1, requested);
            Assert.True(Orders(servable, plan.Concurrency).All(o => Fits(o, plan.Accounts)), $"{plan.Concurrency} workers can fail");
            if (plan.Concurrency < requested)
            {
                Assert.Contains(Orders(servable, plan.Concurrency + 1), o => !Fits(o, plan.Accounts));
                Assert.NotEmpty(plan.MissingForRequested);
            }
        }, iter: 400);
    }

    [Fact]
    public void The_plan_does_not_depend_on_the_order_the_accounts_were_given_in_beyond_ties()
    {
        Gen.Select(Classes, Accounts, Gen.Int[1, 3]).Sample((classes, accounts, requested) =>
        {
            var forward = AccountPlanner.Plan(classes, accounts, Admin, requested);
            var backward = AccountPlanner.Plan(classes, [.. accounts.Reverse()], Admin, requested);
            Assert.Equal(forward.Concurrency, backward.Concurrency);
            Assert.Equal(forward.Unserved.Select(u => u.Class), backward.Unserved.Select(u => u.Class));
        }, iter: 200);
    }

    // Every sequence of n distinct classes (or all of them, when fewer), in every order.
    private static IEnumerable<List<ClassCredentials>> Orders(IReadOnlyList<ClassCredentials> classes, int n)
    {
        if (n == 0 || classes.Count == 0)
        {
            yield return [];
            yield break;
        }

        for (var i = 0; i < classes.Count; i++)
        {
            var rest = classes.Where((_, j) => j != i).ToList();
            foreach (var tail in Orders(rest, n - 1))
            {
                yield return [classes[i], .. tail];
            }
        }
    }

    // preprov_creds: each credential locks the first free account in file order with all its roles (on its scope),
    // excluding admin-role accounts unless the admin role is asked; no free account is a failure.
    private static bool Fits(IEnumerable<ClassCredentials> started, IReadOnlyList<PlannerAccount> file)
    {
        var locked = new HashSet<int>();
        foreach (var slot in started.SelectMany(c => c.Slots))
        {
            var index = -1;
            for (var i = 0; i < file.Count && index < 0; i++)
            {
                var a = file[i];
                var admin = a.Roles.Contains(Admin);
                if (!locked.Contains(i) && !slot.Unsupported && (slot.Scope == CredentialScope.Any || slot.Scope == a.Scope)
                    && slot.Roles.All(a.Roles.Contains) && (!admin || slot.Roles.Contains(Admin)))
                {
                    index = i;
                }
            }

            if (index < 0)
            {
                return false;
            }

            locked.Add(index);
        }

        return true;
    }
}
