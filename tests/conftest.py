import io

import pytest
from django.core.management import call_command

DEMO_SINGKATAN = "DINSOS"


def _load_demo():
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(scope="session")
def demo_db(django_db_setup, django_db_blocker):
    """The Bekasi demo data, loaded once per session for the tests of the seed numbers."""
    with django_db_blocker.unblock():
        _load_demo()


@pytest.fixture
def demo(demo_db, db):
    """The demo OPD. Transactional tests (e2e) flush the database, so reload when it is gone."""
    from portal.models import PerangkatDaerah

    opd = PerangkatDaerah.objects.filter(singkatan=DEMO_SINGKATAN).first()
    if opd is None:
        _load_demo()
        opd = PerangkatDaerah.objects.get(singkatan=DEMO_SINGKATAN)
    return opd
