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


@pytest.fixture
def users(demo):
    """One named user per role in the demo OPD, plus a perencana of another OPD.

    Operators: `operator` works in Bidang Rehabilitasi Sosial,
    `operator_lain` in Bidang Pemberdayaan Sosial.
    """
    from portal.models import UnitKerja, User
    from tests.factories import PerangkatDaerahFactory, UserFactory

    rehab = UnitKerja.objects.get(opd=demo, nama="Bidang Rehabilitasi Sosial")
    pemberdayaan = UnitKerja.objects.get(opd=demo, nama="Bidang Pemberdayaan Sosial")
    return {
        "admin": UserFactory(username="t-admin", role=User.Role.ADMIN, opd=None, is_staff=True),
        "perencana": UserFactory(username="t-perencana", role=User.Role.PERENCANA, opd=demo),
        "operator": UserFactory(username="t-operator", role=User.Role.OPERATOR, opd=demo, unit_kerja=rehab),
        "operator_lain": UserFactory(
            username="t-operator-lain", role=User.Role.OPERATOR, opd=demo, unit_kerja=pemberdayaan
        ),
        "pimpinan": UserFactory(username="t-pimpinan", role=User.Role.PIMPINAN, opd=demo),
        "evaluator": UserFactory(username="t-evaluator", role=User.Role.EVALUATOR, opd=None),
        "perencana_lain": UserFactory(
            username="t-perencana-lain", role=User.Role.PERENCANA, opd=PerangkatDaerahFactory()
        ),
    }


@pytest.fixture(autouse=True)
def cache_kosong():
    """Each test starts with an empty cache: a PDF or page cached by one test (perhaps with a
    patched renderer) must not answer another."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def kantor(db):
    """A factory-built OPD with two units, a Renstra 2024–2028 and one named user per role (tests/kantor.py)."""
    from tests.kantor import Kantor

    return Kantor.buat()


def _profil_hypothesis():
    """CI runs the property tests on a fixed sequence of examples (a red CI is then reproducible);
    a developer's run explores new ones each time."""
    import os

    from hypothesis import settings

    settings.register_profile("portal", deadline=None, max_examples=300)
    settings.register_profile("ci", parent=settings.get_profile("portal"), derandomize=True)
    settings.load_profile("ci" if os.environ.get("CI") else "portal")


_profil_hypothesis()
