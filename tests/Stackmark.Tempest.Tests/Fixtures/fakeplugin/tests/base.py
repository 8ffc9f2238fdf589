from tempest.lib import decorators
import testtools


class BaseZoneTest(testtools.TestCase):
    """Base class.

    Example in a docstring, which is not code:

        class NotATest(BaseZoneTest):
            def test_in_docstring(self):
                pass
    """

    @decorators.idempotent_id('11111111-0000-4000-8000-000000000001')
    def test_inherited(self):
        pass

    def helper(self):
        pass
