using Stackmark.Tests.Support;

namespace Stackmark.Tempest.Tests;

/// <summary>The remote-client calls a test reaches, read from the source: on small trees written here and on Tempest 33.</summary>
public sealed class GuestCallsTests
{
    private const string DebianTempest = "/usr/lib/python3/dist-packages/tempest";

    private const string Base = """
        from tempest.lib.common.utils.linux import remote_client


        class BaseGuestTest(object):

            def _create_server(self):
                server = self.create_test_server()
                return server, self._validation()

            def _validation(self):
                return self._ssh_in()

            def _ssh_in(self):
                linux_client = remote_client.RemoteClient('10.0.0.1', 'cirros')
                linux_client.validate_authentication()
                return linux_client

            def _recurse(self, n):
                if n:
                    return self._recurse(n - 1)
                return self._ping()

            def _ping(self):
                return self._pong()

            def _pong(self):
                return self._ping()

            def _unused(self):
                client = remote_client.RemoteClient('10.0.0.1', 'cirros')
                client.exec_command('uname')

            def create_test_server(self):
                return {}
        """;

    private const string Tests = """"
        from fakeguest.tests import base


        class GuestTest(base.BaseGuestTest):

            def _boot_time(self):
                """Reads the boot time.

                remote_client.RemoteClient( in a docstring is no call.
                """
                return self.ssh_client.get_boot_time()

            def test_helper_in_base(self):
                self._ssh_in()

            def test_two_helpers_deep(self):
                server, validation = self._create_server()

            def test_recursion(self):
                self._recurse(3)

            def test_no_guest(self):
                # linux_client.exec_command('uname') in a comment is no call either.
                self.create_test_server()

            def test_own_helper(self):
                self._boot_time()
        """";

    private static readonly Lazy<(TempestTree Tree, string Parent)> Synthetic = new(() =>
    {
        var parent = Directory.CreateTempSubdirectory("stackmark-guest").FullName;
        var dir = Path.Combine(parent, "fakeguest", "tests", "api");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(parent, "fakeguest", "tests", "base.py"), Base);
        File.WriteAllText(Path.Combine(dir, "test_guest.py"), Tests);
        return (TempestTree.Scan(Path.Combine(parent, "fakeguest")), parent);
    });

    private static readonly Lazy<TempestTree> Tempest = new(() => TempestTree.Scan(DebianTempest));

    [Fact]
    public void A_helper_in_a_base_class_is_reached_through_self()
    {
        var calls = Synthetic.Value.Tree.GuestCallsOf(Test("test_helper_in_base"));
        Assert.Equal(
        [
            new GuestCall("fakeguest/tests/base.py", LineOf(Base, "linux_client = remote_client"), "BaseGuestTest._ssh_in", "linux_client = remote_client.RemoteClient('10.0.0.1', 'cirros')"),
            new GuestCall("fakeguest/tests/base.py", LineOf(Base, "linux_client.validate"), "BaseGuestTest._ssh_in", "linux_client.validate_authentication()"),
        ], calls);
        AssertInSource(Synthetic.Value.Parent, calls);
    }

    [Fact]
    public void A_call_two_helpers_deep_is_reported_where_it_is()
    {
        var calls = Synthetic.Value.Tree.GuestCallsOf(Test("test_two_helpers_deep"));
        Assert.Equal(["BaseGuestTest._ssh_in", "BaseGuestTest._ssh_in"], calls.Select(c => c.Method));
        AssertInSource(Synthetic.Value.Parent, calls);
    }

    [Fact]
    public void A_client_named_as_tempest_names_it_counts_and_docstrings_do_not()
    {
        var call = Assert.Single(Synthetic.Value.Tree.GuestCallsOf(Test("test_own_helper")));
        Assert.Equal(new GuestCall("fakeguest/tests/api/test_guest.py", LineOf(Tests, "return self.ssh_client"), "GuestTest._boot_time", "return self.ssh_client.get_boot_time()"), call);
        AssertInSource(Synthetic.Value.Parent, [call]);
    }

    [Fact]
    public void Recursion_terminates_and_calls_the_test_never_makes_are_not_reported()
    {
        Assert.Empty(Synthetic.Value.Tree.GuestCallsOf(Test("test_recursion")));
        Assert.Empty(Synthetic.Value.Tree.GuestCallsOf(Test("test_no_guest")));
        // _unused builds a client, but no test calls it.
        Assert.DoesNotContain(Synthetic.Value.Tree.Names.SelectMany(Synthetic.Value.Tree.GuestCallsOf), c => c.Method.EndsWith("_unused", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void In_2020_06_platform_required_six_tests_run_commands_in_their_guest_two_of_them_skipped_without_validation()
    {
        RequireTempest();
        var plan = TestPlan.Create(InteropData.Load("2020.06.json"), new TestListQuery("platform", [CapabilityStatus.Required]), Tempest.Value);
        var resolved = plan.Tests.Select(p => p.Resolved).OfType<TestName>().Distinct().ToList();
        var guestOs = resolved.Where(t => Tempest.Value.GuestCallsOf(t).Count > 0).Select(t => t.Value).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
        [
            "tempest.api.compute.servers.test_create_server.ServersTestJSON.test_host_name_is_same_as_server_name",
            "tempest.api.compute.servers.test_create_server.ServersTestJSON.test_verify_created_server_vcpus",
            "tempest.api.compute.servers.test_server_actions.ServerActionsTestJSON.test_reboot_server_hard",
            "tempest.api.compute.servers.test_server_actions.ServerActionsTestJSON.test_rebuild_server",
            "tempest.api.compute.volumes.test_attach_volume.AttachVolumeTestJSON.test_attach_detach_volume",
            "tempest.api.compute.volumes.test_attach_volume.AttachVolumeTestJSON.test_list_get_volume_attachments",
        ], guestOs);
        var guestAccess = resolved.Where(t => Tempest.Value.GatesOf(t).Any(g => g.IsGuestValidation)).Select(t => t.Value).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, guestAccess.Count);
        Assert.Subset(guestOs.ToHashSet(), guestAccess.ToHashSet());
        foreach (var gate in guestAccess.SelectMany(t => Tempest.Value.GatesOf(new TestName(t))).Where(g => g.IsGuestValidation))
        {
            // The gate says where it is written.
            Assert.Equal(File.ReadAllLines(Path.Combine(Path.GetDirectoryName(DebianTempest)!, gate.File!))[gate.Line - 1].Trim(), gate.Code);
            Assert.Contains("CONF.validation.run_validation", gate.Code, StringComparison.Ordinal);
        }

        var reboot = Tempest.Value.GuestCallsOf(new TestName("tempest.api.compute.servers.test_server_actions.ServerActionsTestJSON.test_reboot_server_hard"));
        Assert.Contains(reboot, c => c.Method == "ServerActionsTestJSON._test_reboot_server" && c.Code == "boot_time = linux_client.get_boot_time()");
        var attach = Tempest.Value.GuestCallsOf(new TestName("tempest.api.compute.volumes.test_attach_volume.AttachVolumeTestJSON.test_attach_detach_volume"));
        Assert.Contains(attach, c => c.Code == "disks_before_attach = linux_client.list_disks()");
        foreach (var t in guestOs)
        {
            AssertInSource(Path.GetDirectoryName(DebianTempest)!, Tempest.Value.GuestCallsOf(new TestName(t)));
        }
    }

    private static TestName Test(string method) => new($"fakeguest.tests.api.test_guest.GuestTest.{method}");

    private static int LineOf(string text, string start) =>
        Array.FindIndex(text.Split('\n'), l => l.TrimStart().StartsWith(start, StringComparison.Ordinal)) + 1;

    // Each call site is that line of that file, as the file has it.
    private static void AssertInSource(string parent, IEnumerable<GuestCall> calls)
    {
        foreach (var c in calls)
        {
            var lines = File.ReadAllLines(Path.Combine(parent, c.File));
            Assert.True(c.Line >= 1 && c.Line <= lines.Length, $"{c}: no such line");
            Assert.Equal(lines[c.Line - 1].Trim(), c.Code);
        }
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
