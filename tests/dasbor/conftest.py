import io

import pytest
from django.core.management import call_command

from portal.models import PerangkatDaerah

TAHUN_KOTA = 2026  # generate_city fills it to TW III


@pytest.fixture
def gen(db, settings):
    """One generated OPD (generate_city) for 2025–2026, without the dashboard cache."""
    settings.DASBOR_CACHE = False
    call_command("generate_city", "--opd=1", "--tahun-awal=2025", f"--tahun-akhir={TAHUN_KOTA}", "--sub-kegiatan=8",
                 stdout=io.StringIO())
    return PerangkatDaerah.objects.get(kode="GEN-01")
