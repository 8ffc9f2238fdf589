import testtools

from tempest import config
from tempest.lib import decorators

CONF = config.CONF


class ServersTestJSON(testtools.TestCase):

    @classmethod
    def skip_checks(cls):
        super(ServersTestJSON, cls).skip_checks()
        if not CONF.service_available.nova:
            raise cls.skipException("Nova is not available")

    @decorators.idempotent_id('b92d5ec7-b1dd-44a2-87e4-45e888c46ef0')
    @testtools.skipUnless(CONF.compute_feature_enabled.xenapi_apis,
                          'Feature not enabled in tempest.conf')
    def test_create_server(self):
        pass

    @decorators.idempotent_id('11111111-2222-4333-8444-555555555555')
    @testtools.skipUnless(CONF.validation.run_validation,
                          'Instance validation tests are disabled.')
    def test_host_name_is_same_as_server_name(self):
        pass
