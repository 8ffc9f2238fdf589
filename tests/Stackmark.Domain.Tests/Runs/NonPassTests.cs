namespace Stackmark.Tests.Runs;

/// <summary>
/// Failure classification of a guest Tempest could not reach, on the traceback and captured log recorded from Tempest
/// 33's own code (tests/Stackmark.Runner.Tests/Fixtures/recorded: its RemoteClient SSHing to a closed port).
/// </summary>
public sealed class NonPassTests
{
    // tempest/lib/common/ssh.py raising SSHTimeout through remote_client's debug_ssh wrapper, as recorded.
    private const string SshTimeoutTraceback = """
        Traceback (most recent call last):
          File "/usr/lib/python3/dist-packages/tempest/lib/common/ssh.py", line 131, in _get_ssh_connection
            ssh.connect(self.host, port=self.port, username=self.username,
          File "/usr/lib/python3/dist-packages/paramiko/client.py", line 381, in connect
            raise NoValidConnectionsError(errors)
        paramiko.ssh_exception.NoValidConnectionsError: [Errno None] Unable to connect to port 9 on 127.0.0.1

        During handling of the above exception, another exception occurred:

        Traceback (most recent call last):
          File "/tmp/stackmark-recorded/recorded/test_guest.py", line 66, in test_host_name_is_same_as_server_name
            linux_client.exec_command("hostname")
          File "/usr/lib/python3/dist-packages/tempest/lib/common/utils/linux/remote_client.py", line 31, in wrapper
            return function(self, *args, **kwargs)
                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
          File "/usr/lib/python3/dist-packages/tempest/lib/common/utils/linux/remote_client.py", line 109, in exec_command
            return self.ssh_client.exec_command(cmd)
                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
          File "/usr/lib/python3/dist-packages/tempest/lib/common/ssh.py", line 182, in exec_command
            ssh = self._get_ssh_connection()
                  ^^^^^^^^^^^^^^^^^^^^^^^^^^
          File "/usr/lib/python3/dist-packages/tempest/lib/common/ssh.py", line 150, in _get_ssh_connection
            raise exceptions.SSHTimeout(host=self.host,
        tempest.lib.exceptions.SSHTimeout: Connection to the 127.0.0.1 via SSH timed out.
        User: cirros, Password: x

        """;

    // The end of the "pythonlogging:''" attachment: debug_ssh logs the console, then the next record follows.
    private const string CapturedLog =
        "2026-11-30 15:06:34,297 1325 DEBUG    [tempest.lib.common.utils.linux.remote_client] Caller: test_host_name_is_same_as_server_name. Timeout trying to ssh to server {'id': '5f1b2c3d-8e9f-4a0b-9c1d-2e3f4a5b6c7d'}\n" +
        "2026-11-30 15:06:34,298 1325 DEBUG    [tempest.lib.common.utils.linux.remote_client] Console log for server 5f1b2c3d-8e9f-4a0b-9c1d-2e3f4a5b6c7d: [    0.000000] Linux version 6.1.0-27-cloud-amd64 (debian-kernel@lists.debian.org)\r\n" +
        "udhcpc: no lease, failing\r\nFAIL\r\nchecking http://169.254.169.254/2009-04-04/instance-id\r\nfailed 20/20: up 181.28. request failed\r\n" +
        "failed to read iid from metadata. tried 20\r\n=== network info ===\r\nif-info: lo,up,127.0.0.1,8,,\r\nif-info: eth0,up,,8,fe80::f816:3eff:fe2c:5b1a/64,\r\n" +
        "=== cirros: current=0.6.2 uptime=243.91 ===\r\nlogin as 'cirros' user. default password: 'gocubsgo'. use 'sudo' for root.\r\n\u001b[0mcirros login: \n";

    // waiters.wait_for_ssh in a class's resource_setup: a bare TimeoutException, and no captured log (class
    // fixtures run outside the per-test log capture).
    private const string WaitForSshTraceback = """
        Traceback (most recent call last):
          File "/tmp/stackmark-recorded/recorded/test_guest.py", line 100, in setUpClass
            waiters.wait_for_ssh(linux_client, 3)
          File "/usr/lib/python3/dist-packages/tempest/common/waiters.py", line 616, in wait_for_ssh
            raise lib_exc.TimeoutException()
        tempest.lib.exceptions.TimeoutException: Request timed out
        Details: None
        """;

    [Fact]
    public void An_ssh_timeout_is_a_timeout_naming_user_and_host_with_the_last_console_lines()
    {
        var np = NonPass.ForFailure(SshTimeoutTraceback, CapturedLog);

        Assert.Equal(NonPassCategory.Timeout, np.Category);
        Assert.StartsWith("guest unreachable: SSH to cirros@127.0.0.1 timed out ([validation] ssh_timeout); console of server 5f1b2c3d-8e9f-4a0b-9c1d-2e3f4a5b6c7d, last lines: ", np.Reason, StringComparison.Ordinal);
        Assert.EndsWith("if-info: eth0,up,,8,fe80::f816:3eff:fe2c:5b1a/64, | === cirros: current=0.6.2 uptime=243.91 === | login as 'cirros' user. default password: 'gocubsgo'. use 'sudo' for root. | cirros login:", np.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Linux version", np.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', np.Reason);
        Assert.DoesNotContain('\u001b', np.Reason);
    }

    [Fact]
    public void Without_a_captured_log_the_reason_says_no_console_was_captured_instead_of_quoting_the_password_line()
    {
        var np = NonPass.ForFailure(SshTimeoutTraceback);

        Assert.Equal(NonPassCategory.Timeout, np.Category);
        Assert.Equal("guest unreachable: SSH to cirros@127.0.0.1 timed out ([validation] ssh_timeout); no console log was captured", np.Reason);
    }

    [Fact]
    public void A_wait_for_ssh_timeout_is_a_guest_that_never_accepted_ssh()
    {
        var np = NonPass.ForFailure(WaitForSshTraceback, null);

        Assert.Equal(NonPassCategory.Timeout, np.Category);
        Assert.StartsWith("guest unreachable: the server never accepted SSH within [compute] build_timeout", np.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_tests_console_output_record_is_read_too_and_the_last_dump_wins()
    {
        var log = "2026-11-30 10:00:00,001 7 DEBUG    [tempest.scenario.manager] Console output for aaaa\nbody=\nearly boot\n" +
            "2026-11-30 10:05:00,001 7 DEBUG    [tempest.scenario.manager] Console output for bbbb\nbody=\nline 1\nline 2\n\n" +
            "2026-11-30 10:05:00,002 7 INFO     [tempest.lib.common.rest_client] Request (TestX:test_y): 200 GET http://h/servers\n";
        var traceback = "Traceback (most recent call last):\n  File \"/usr/lib/python3/dist-packages/tempest/common/waiters.py\", line 603, in wait_for_ping\n    raise lib_exc.TimeoutException()\ntempest.lib.exceptions.TimeoutException: Request timed out";

        var np = NonPass.ForFailure(traceback, log);

        Assert.Equal("guest unreachable: the server never answered ping within [compute] build_timeout (waiters.wait_for_ping); console of server bbbb, last lines: line 1 | line 2", np.Reason);
    }

    [Fact]
    public void Other_timeouts_keep_their_own_reason()
    {
        var np = NonPass.ForFailure("Traceback (most recent call last):\ntempest.lib.exceptions.TimeoutException: Request timed out\nDetails: server abc failed to reach ACTIVE status", "Console log for server abc: booting");

        Assert.Equal((NonPassCategory.Timeout, "Details: server abc failed to reach ACTIVE status"), (np.Category, np.Reason));
    }

    [Theory]
    [InlineData("tearDownClass (tempest.api.compute.servers.test_multiple_create.MultipleCreateTestJSON)", "tearDownClass", "tempest.api.compute.servers.test_multiple_create.MultipleCreateTestJSON")]
    [InlineData("setUpClass (tempest.api.compute.servers.test_create_server.ServersTestJSON)", "setUpClass", "tempest.api.compute.servers.test_create_server.ServersTestJSON")]
    [InlineData("setUpModule (tempest.api.network.test_ports)", "setUpModule", "tempest.api.network.test_ports")]
    public void Fixture_ids_are_read_as_unittest_writes_them(string id, string fixture, string scope)
    {
        Assert.True(ClassError.TryParseId(id, out var f, out var s));
        Assert.Equal((fixture, scope), (f, s));
    }

    [Theory]
    [InlineData("tempest.api.compute.servers.test_create_server.ServersTestJSON.test_list_servers[id-9a438d88-10c6-4bcd-8b5b-5b6e25e1346f]")]
    [InlineData("tearDownClass ()")]
    [InlineData("tearDownClass(x.Y)")]
    [InlineData("")]
    public void Test_ids_are_not_fixtures(string id) => Assert.False(ClassError.TryParseId(id, out _, out _));
}
