from tempest.lib import decorators

from fakeplugin.tests import base
from fakeplugin.tests.base import BaseZoneTest as Aliased


class ZonesTest(base.BaseZoneTest):

    @decorators.attr(type='smoke')
    @decorators.idempotent_id('22222222-0000-4000-8000-000000000002')
    def test_create_zone(self):
        pass

    def test_without_id(self):
        pass


class ZonesAdminTest(Aliased,
                     object):
    @decorators.idempotent_id('33333333-0000-4000-8000-000000000003')
    def test_inherited(self):
        """Overrides the base test with its own id."""
        pass
