"""History pages: who changed what, when, old → new, per indikator and per DPA line."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indikator.models import Realisasi
from portal.models import JendelaInput
from tests.factories import AnggaranKasFactory, DpaFactory
from tests.indikator.test_realisasi_views import TAHUN, indikator_unit, isian, simpan_url


@pytest.fixture
def indikator(kantor):
    JendelaInput.objects.create(tahun=TAHUN, triwulan=3)
    return indikator_unit(kantor.opd, kantor.unit)


def test_the_indicator_history_shows_who_changed_the_realisasi_from_what_to_what(client, kantor, indikator):
    client.force_login(kantor.operator)
    client.post(simpan_url(indikator), isian(indikator, "4,5"))
    realisasi = Realisasi.objects.get(indikator=indikator)
    client.post(simpan_url(indikator), isian(indikator, "5,25", versi=realisasi.versi))
    client.force_login(kantor.perencana)
    page = client.get(reverse("indikator:indikator_riwayat", args=[indikator.pk])).content.decode()
    assert f"Realisasi {TAHUN} TW 3" in page
    assert "4,5 → <strong>5,25</strong>" in page
    assert "operator-uji" in page
    # The optimistic-lock counter is not a change a reader cares about.
    assert "versi:" not in page


def test_the_dpa_history_shows_anggaran_kas_changes_with_old_and_new(client, kantor):
    dpa = DpaFactory(opd=kantor.opd, tahun=TAHUN, pagu_perubahan=Decimal(1000))
    AnggaranKasFactory(dpa=dpa, triwulan=1, jumlah=Decimal(1000))
    client.force_login(kantor.perencana)
    client.post(reverse("anggaran:dpa_detail", args=[dpa.pk]),
                {"aksi": "triwulan", "versi": dpa.versi, "kas_1": "400", "kas_2": "600", "kas_3": "", "kas_4": ""})
    page = client.get(reverse("anggaran:dpa_riwayat", args=[dpa.pk])).content.decode()
    assert "Anggaran kas TW 1" in page
    assert "1.000 → <strong>400</strong>" in page
    assert "Anggaran kas TW 2" in page


def test_the_history_names_related_records_and_choices_instead_of_ids(client, kantor):
    dpa = DpaFactory(opd=kantor.opd, tahun=TAHUN, pagu_perubahan=Decimal(1000))
    rehab = kantor.unit
    client.force_login(kantor.perencana)
    client.post(reverse("anggaran:dpa_detail", args=[dpa.pk]),
                {"aksi": "pagu", "versi": dpa.versi, "pagu_perubahan": "1.000", "unit_kerja": rehab.pk})
    page = client.get(reverse("anggaran:dpa_riwayat", args=[dpa.pk])).content.decode()
    assert f"→ <strong>{rehab.nama}</strong>" in page
    assert f"→ <strong>{dpa.sub_kegiatan}</strong>" in page
    # The year is in the title, not shown as an amount (2.030), and the parent ids are not listed.
    assert "2.030" not in page
    assert "opd:" not in page and "dpa:" not in page


def test_the_indicator_history_says_ya_for_a_ticked_box(client, kantor, indikator):
    client.force_login(kantor.perencana)
    page = client.get(reverse("indikator:indikator_riwayat", args=[indikator.pk])).content.decode()
    assert "IKU:</span> – → <strong>Ya</strong>" in page
    assert "True" not in page


@pytest.mark.parametrize("edits", [2, 8])
def test_the_history_page_query_count_does_not_grow(client, kantor, indikator, edits, django_assert_num_queries):
    realisasi = Realisasi.objects.create(indikator=indikator, tahun=TAHUN, triwulan=3, nilai=Decimal(1))
    for n in range(edits):
        realisasi.nilai = Decimal(n + 2)
        realisasi.save()
    client.force_login(kantor.perencana)
    # session, user, indicator, PK ids, five history tables, nav bar's OPD,
    # and one query per model named by a foreign key (unit kerja, sasaran)
    with django_assert_num_queries(12):
        response = client.get(reverse("indikator:indikator_riwayat", args=[indikator.pk]))
    assert response.content.decode().count("Realisasi 2030 TW 3") == edits + 1


def test_the_history_of_another_opd_answers_404(client, kantor, indikator):
    client.force_login(kantor.perencana_lain)
    assert client.get(reverse("indikator:indikator_riwayat", args=[indikator.pk])).status_code == 404
    client.force_login(kantor.operator_lain)
    assert client.get(reverse("indikator:indikator_riwayat", args=[indikator.pk])).status_code == 404
