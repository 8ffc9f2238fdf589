"""Real Tempest 33 code paths, recorded as subunit for Stackmark's runner tests.

Recorded with Debian's python3-tempest 33 and python3-subunit, from a directory holding only this package
(Fixtures/ also holds a fake "tempest" package, which would shadow the real one):

    mkdir -p /tmp/stackmark-recorded && cp -r recorded /tmp/stackmark-recorded/
    cd /tmp/stackmark-recorded && /usr/bin/python3 -m subunit.run recorded.test_guest > guest-and-class-errors.subunit

Nothing here talks to a cloud: SSH goes to 127.0.0.1's closed port 9, and the servers client is a fake
that returns a CirrOS console whose network never came up.

test_ssh_timeout: tempest.lib's RemoteClient (the class Tempest's API tests use through
tempest.common.utils.linux.remote_client) SSHes to a closed port until ssh_timeout, then
its debug_ssh wrapper asks the servers client for the console log and logs it at DEBUG,
which Tempest's LoggerFixture captures into the "pythonlogging:''" attachment.

MultipleCreateTestJSON: tearDownClass raises the Conflict Neutron answers when a security
group is still in use (the race the realguest runs hit).
"""
import logging

from tempest.common import waiters
from tempest.lib import base
from tempest.lib import exceptions as lib_exc
from tempest.lib.common.utils.linux import remote_client

# What oslo.log's setup does for tempest.conf's "[DEFAULT] debug = true" (Stackmark writes it):
# DEBUG records reach the handlers, so the console log lands in "pythonlogging:''".
logging.getLogger().setLevel(logging.DEBUG)

CONSOLE = (
    "[    0.000000] Linux version 6.1.0-27-cloud-amd64 (debian-kernel@lists.debian.org)\r\n"
    "[    2.412093] virtio_net virtio0 eth0: renamed from eth0\r\n"
    "Starting network: udhcpc: started, v1.36.1\r\n"
    "udhcpc: broadcasting discover\r\n"
    "udhcpc: broadcasting discover\r\n"
    "udhcpc: broadcasting discover\r\n"
    "udhcpc: no lease, failing\r\n"
    "FAIL\r\n"
    "checking http://169.254.169.254/2009-04-04/instance-id\r\n"
    "failed 20/20: up 181.28. request failed\r\n"
    "failed to read iid from metadata. tried 20\r\n"
    "=== network info ===\r\n"
    "if-info: lo,up,127.0.0.1,8,,\r\n"
    "if-info: eth0,up,,8,fe80::f816:3eff:fe2c:5b1a/64,\r\n"
    "=== cirros: current=0.6.2 uptime=243.91 ===\r\n"
    "login as 'cirros' user. default password: 'gocubsgo'. use 'sudo' for root.\r\n"
    "cirros login: "
)


class FakeServersClient(object):
    def get_console_output(self, server_id, **kwargs):
        return {'output': CONSOLE}


class ServersTestJSON(base.BaseTestCase):

    def test_host_name_is_same_as_server_name(self):
        server = {'id': '5f1b2c3d-8e9f-4a0b-9c1d-2e3f4a5b6c7d',
                  'name': 'tempest-ServersTestJSON-server-1736480552'}
        linux_client = remote_client.RemoteClient(
            '127.0.0.1', 'cirros', pkey=None, password='x',
            server=server, servers_client=FakeServersClient(),
            ssh_timeout=3, connect_timeout=1, ssh_key_type='rsa')
        linux_client.ssh_client.port = 9  # discard: closed, refused at once
        linux_client.exec_command("hostname")


class MultipleCreateTestJSON(base.BaseTestCase):

    @classmethod
    def tearDownClass(cls):
        raise lib_exc.Conflict(
            "{'type': 'SecurityGroupInUse', 'message': 'Security Group "
            "3b1c6d0e-59a4-4d39-9f0e-2b7a5c1d8e44 in use.', 'detail': ''}")

    def test_multiple_create(self):
        pass


class ServersWaitSSHableTestJSON(base.BaseTestCase):
    """resource_setup's create_test_server(wait_until='SSHABLE'): waiters.wait_for_ssh."""

    @classmethod
    def setUpClass(cls):
        super(ServersWaitSSHableTestJSON, cls).setUpClass()
        server = {'id': '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
                  'name': 'tempest-ServersTestJSON-server-204958131'}
        linux_client = remote_client.RemoteClient(
            '127.0.0.1', 'cirros', pkey=None, password='x',
            server=server, servers_client=FakeServersClient(),
            ssh_timeout=2, connect_timeout=1, ssh_key_type='rsa')
        linux_client.ssh_client.port = 9
        waiters.wait_for_ssh(linux_client, 3)

    def test_list_servers(self):
        pass
