import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """The Renja PDF is stored under MEDIA_ROOT: each test writes to a directory of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def renja(kantor):
    """The office's Renja 2026 in Rancangan Akhir (tests/renja/bangun.py); the seed-figure tests use the demo's."""
    from tests.renja.bangun import renja_uji

    return renja_uji(kantor.opd)


@pytest.fixture
def renja_demo(demo):
    """The demo's Renja 2026, for the tests of the seed document's figures."""
    from renja.models import Renja

    return Renja.objects.get(opd=demo, tahun=2026)


@pytest.fixture
def renja_lain(db):
    """A Renja 2026 of another OPD."""
    from renja.models import Renja
    from tests.factories import PerangkatDaerahFactory

    return Renja.objects.create(opd=PerangkatDaerahFactory(), tahun=2026)
