using System.Net;
using Stackmark.Cli.Commands;
using Stackmark.Cli.Views;
using Stackmark.OpenStack;
using Stackmark.Runner;
using Stackmark.Tests.Support;

namespace Stackmark.Cli.Tests;

/// <summary>
/// <c>stackmark run --validation</c> and <c>--guest-user</c>: usage errors, the decision at configuration time, and
/// the run summary that says what was chosen and why.
/// </summary>
public sealed class RunValidationTests
{
    private static readonly string Samples = Path.Combine(InteropData.RepoRoot, "samples", "guidelines");

    private static readonly CloudConfig Cloud = new()
    {
        Name = "realguest",
        Auth = new CloudAuth { AuthUrl = new Uri("http://127.0.0.1:5000/v3"), Username = "admin", Password = "pw", ProjectName = "admin", UserDomainName = "Default" },
        RegionName = "RegionOne",
    };

    // The shape of ../shared/devcloud-realguest: QEMU, a shared flat network, a guest image without OS properties.
    private static CloudDiscoveryResult RealGuest(params string[] absent)
    {
        var services = new[] { ("nova", "compute", "http://127.0.0.1:8774/v2.1"), ("neutron", "network", "http://127.0.0.1:9696"), ("glance", "image", "http://127.0.0.1:9292") }
            .Select(s => new DiscoveredService { Codename = s.Item1, Type = s.Item2, Endpoint = absent.Contains(s.Item1) ? null : new Uri(s.Item3) })
            .ToList();
        Image[] images = [new Image { Id = "g1", Name = "rg-guest", Status = "active", DiskFormat = "qcow2" }];
        return new CloudDiscoveryResult
        {
            IdentityV3Url = new Uri("http://127.0.0.1:5000/v3"),
            ProjectId = "p-admin",
            Roles = ["admin"],
            Services = services,
            Images = images,
            Flavors = [new Flavor("42", "m1.nano", 128, 1, 1, true)],
            Networks = [new Network("net-rg", "rg-shared", "ACTIVE", false, true, ["s-rg"])],
            Subnets = [new Subnet("s-rg", "net-rg", "rg-shared-subnet", "10.77.0.0/24", 4)],
            Hypervisors = [new Hypervisor("rg", "QEMU", "up", "enabled")],
            Cpid = new CpidResult("cpid", CpidMethod.IdentityServiceId),
            GuestOs = GuestOsReport.Build(images, true, true, ["QEMU"]),
        };
    }

    private static readonly LocalNetworks OnRgShared = new([IPNetwork.Parse("10.77.0.0/24")], false);

    private static readonly TempestConfigOptions Admin = new() { UseAdminCredentials = true };

    [Fact]
    public void Forcing_validation_without_a_known_ssh_user_is_a_usage_error_naming_guest_user()
    {
        var e = Assert.Throws<UsageException>(() => CloudPreparation.Configure(CliContext.Plain(new StringWriter()), Cloud, RealGuest(), Admin, new GuestChoice(GuestValidationMode.On, null), OnRgShared));

        Assert.Equal("--validation on: no SSH user is known for image rg-guest (no os_admin_user property, and os_distro is not set); give --guest-user NAME", e.Message);
    }

    [Fact]
    public void Forcing_validation_on_a_cloud_without_network_is_a_usage_error_naming_the_missing_service()
    {
        var e = Assert.Throws<UsageException>(() => CloudPreparation.Configure(CliContext.Plain(new StringWriter()), Cloud, RealGuest("neutron"), Admin, new GuestChoice(GuestValidationMode.On, "root"), OnRgShared));

        Assert.Equal("--validation on: no network (neutron) service in the catalog; guests need both", e.Message);
    }

    [Fact]
    public void The_decision_and_its_reason_are_printed_when_tempest_conf_is_written()
    {
        var console = new StringWriter();

        var config = CloudPreparation.Configure(CliContext.Plain(console), Cloud, RealGuest(), Admin, new GuestChoice(GuestValidationMode.Auto, "root"), OnRgShared);

        Assert.Equal("fixed", config.Config.Get("validation", "connect_method"));
        Assert.Contains("Guest validation: on (auto: compute and network are there, image rg-guest logs in as root (--guest-user), and the fixed address on shared network rg-shared", console.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--validation", "maybe")]
    [InlineData("--validation", "")]
    public async Task An_unknown_validation_mode_is_a_usage_error(string option, string value)
    {
        var (exit, _, err) = await Cli.RunAsync("run", "--guideline", "2099.01", "--target", "object", "--source", Samples, option, value);

        Assert.Equal(2, exit);
        Assert.Contains($"Argument '{value}' not recognized. Must be one of:\n\t'auto'\n\t'on'\n\t'off'", err.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--guest-user", "root")]
    [InlineData("--validation", "on")]
    public async Task Validation_choices_with_a_given_tempest_conf_are_a_usage_error(string option, string value)
    {
        var (exit, _, err) = await Cli.RunAsync("run", "--guideline", "2099.01", "--target", "object", "--source", Samples, "--tempest-conf", "/nonexistent/tempest.conf", option, value);

        Assert.Equal(2, exit);
        Assert.Contains("--validation and --guest-user shape the discovered tempest.conf", err, StringComparison.Ordinal);
    }

    [Fact]
    public void The_run_summary_says_what_was_chosen_why_and_lists_class_errors_and_flags()
    {
        var config = CloudPreparation.Configure(CliContext.Plain(new StringWriter()), Cloud, RealGuest(), Admin, new GuestChoice(GuestValidationMode.Auto, "root"), OnRgShared);
        var facts = new CloudFacts("realguest", "IdentityServiceId", ["nova", "neutron", "glance"], true, [("rg-guest", null, null)], ["QEMU"], config.FeatureFlags, config.Validation);
        var guideline = Some.Guideline();
        var plan = TestPlan.Create(guideline, new TestListQuery("compute", [CapabilityStatus.Required]), Stackmark.Tempest.TempestListing.Parse(
            [$"{Some.ListFlavors}[id-{Some.ListId}]", $"{Some.CreateServer}[id-{Some.CreateId}]", $"{Some.HostName}[id-{Some.FlaggedId}]"]));
        var results = plan.Tests.Select(p => new RunTestResult(p, p.Resolved!.Value.Value, TestStatus.Passed, null, TimeSpan.FromSeconds(1))).ToList();
        var report = ComplianceEvaluator.Evaluate(guideline, "compute", results.Select(r => r.ToOutcome()));
        var t0 = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        var tearDown = new ClassError("tearDownClass", "tempest.api.compute.servers.test_multiple_create.MultipleCreateTestJSON",
            new NonPass(NonPassCategory.Failure, "Details: {'type': 'SecurityGroupInUse'}"), 1);
        var outcome = new RunOutcome(plan, results, report, new RunSummary(guideline.Id, "compute", "cpid", t0, t0.AddMinutes(10), true), 1, false, 0, [tearDown]);

        var text = RunCommand.RenderPlain(RunSummaryView.Render(outcome, "/runs/x", facts));

        Assert.Contains("Guest validation: on; images: rg-guest (OS not declared); hypervisors: QEMU", text, StringComparison.Ordinal);
        Assert.Contains("  why: auto: compute and network are there", text, StringComparison.Ordinal);
        Assert.Contains("  reached by fixed over rg-shared; SSH user root (from --guest-user); image rg-guest (OS not declared)", text, StringComparison.Ordinal);
        Assert.Contains("  timeouts: a compute host's hypervisor is QEMU", text, StringComparison.Ordinal);
        Assert.Contains("Tempest flag compute-feature-enabled.xenapi_apis = true (discovery): nova is in the catalog", text, StringComparison.Ordinal);
        Assert.Contains("Tempest flag compute-feature-enabled.resize = Tempest's default (tempest-default):", text, StringComparison.Ordinal);
        Assert.Contains("class-level errors (1, not counted: the verdict comes from each test's own result):", text, StringComparison.Ordinal);
        Assert.Contains("tearDownClass (tempest.api.compute.servers.test_multiple_create.MultipleCreateTestJSON) failure: Details: {'type': 'SecurityGroupInUse'} (after its 1 planned test(s) finished: their results stand)", text, StringComparison.Ordinal);
    }
}
