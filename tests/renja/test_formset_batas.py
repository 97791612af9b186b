"""A forged TOTAL_FORMS does not make a Renja table page build thousands of forms (it once took 40 s)."""

import re

import pytest
from django.urls import reverse

from renja.forms import PER_HALAMAN_KELOLA
from renja.models import Renja, Usulan


@pytest.mark.parametrize("jumlah", ["9" * 40, "100000"])
def test_a_forged_form_count_is_refused_with_a_message_and_builds_no_more_than_a_page(client, kantor, jumlah):
    renja = Renja.objects.create(opd=kantor.opd, tahun=2026)
    client.force_login(kantor.perencana)
    data = {"usulan-TOTAL_FORMS": jumlah, "usulan-INITIAL_FORMS": "0", "usulan-MIN_NUM_FORMS": "0",
            "usulan-MAX_NUM_FORMS": "1000", "usulan-0-program_kegiatan": "Rehabilitasi rumah"}
    response = client.post(reverse("renja:kelola", args=[renja.pk, "usulan"]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert len(set(re.findall(r'name="usulan-(\d+)-program_kegiatan"', page))) <= PER_HALAMAN_KELOLA + 1
    assert "errorlist" in page
    assert not Usulan.objects.filter(renja=renja).exists()
