"""Crosscutting: other OPDs (or agencies outside the portal) contributing to an indicator, seen from both sides."""

import pytest
from django.urls import reverse

from indikator.models import Crosscutting
from tests import jenjang
from tests.factories import IndikatorFactory, PerangkatDaerahFactory, RenstraFactory, SasaranFactory
from tests.kantor import TAHUN


@pytest.fixture
def mitra(kantor):
    opd = PerangkatDaerahFactory(nama="Dinas Kesehatan Uji", singkatan="DINKES")
    sasaran = SasaranFactory(tujuan__renstra=RenstraFactory(opd=opd, tahun_awal=2024, tahun_akhir=2028))
    return IndikatorFactory(sasaran=sasaran, opd=opd, kode="KES-1", nama="Cakupan layanan kesehatan PPKS")


def url(opd):
    return reverse("indikator:crosscutting", kwargs={"opd": opd.pk})


def kirim(client, j, **data):
    return client.post(url(j.kantor.opd), {"indikator": j.iku.pk, "versi": "", "kontribusi": "Layanan kesehatan",
                                           "opd_mitra": "", "kode_mitra": "", "mitra_teks": "", **data},
                       follow=True)


def test_the_perencana_names_a_partner_opd_with_its_indicator_and_the_partner_sees_it_depends(client, kantor,
                                                                                              mitra):
    j = jenjang.bangun(kantor)
    client.force_login(kantor.perencana)
    page = kirim(client, j, opd_mitra=mitra.opd.pk, kode_mitra="KES-1").content.decode()
    assert "Kontribusi Dinas Kesehatan Uji tersimpan." in page
    c = Crosscutting.objects.get()
    assert (c.indikator, c.opd_mitra, c.indikator_mitra) == (j.iku, mitra.opd, mitra)
    assert c.history.count() == 1
    from tests.factories import UserFactory

    pembaca_mitra = UserFactory(role="pimpinan", opd=mitra.opd)
    client.force_login(pembaca_mitra)
    page = client.get(url(mitra.opd)).content.decode()
    assert "Di mana pihak lain bergantung pada DINKES" in page and j.iku.nama in page and mitra.nama in page


def test_a_partner_outside_the_portal_is_named_by_a_text(client, kantor):
    j = jenjang.bangun(kantor)
    client.force_login(kantor.perencana)
    kirim(client, j, mitra_teks="Kementerian Sosial (PKH)")
    assert Crosscutting.objects.get().mitra == "Kementerian Sosial (PKH)"


@pytest.mark.parametrize("data,pesan", [
    ({}, "salah satu"),
    ({"mitra_teks": "BPS"}, None),  # the valid case, for contrast
])
def test_exactly_one_partner(client, kantor, mitra, data, pesan):
    j = jenjang.bangun(kantor)
    client.force_login(kantor.perencana)
    page = kirim(client, j, **data).content.decode()
    assert Crosscutting.objects.exists() == (pesan is None)
    if pesan:
        assert pesan in page


def test_both_partners_the_own_opd_and_an_unknown_code_are_refused(client, kantor, mitra):
    j = jenjang.bangun(kantor)
    client.force_login(kantor.perencana)
    assert "salah satu" in kirim(client, j, opd_mitra=mitra.opd.pk, mitra_teks="BPS").content.decode()
    assert "tidak ada di perangkat daerah mitra" in kirim(client, j, opd_mitra=mitra.opd.pk,
                                                          kode_mitra="IKU-1").content.decode()
    assert not Crosscutting.objects.exists()
    # the OPD's own list of partners does not offer the OPD itself
    assert f'<option value="{kantor.opd.pk}"' not in client.get(url(kantor.opd)).content.decode()


@pytest.mark.parametrize("peran,get,post", [
    ("admin", 200, 302), ("perencana", 200, 302), ("operator", 200, 403), ("pimpinan", 200, 403),
    ("evaluator", 200, 403), ("perencana_lain", 404, 404),
])
def test_who_reads_and_records_crosscutting(client, kantor, peran, get, post):
    j = jenjang.bangun(kantor)
    client.force_login(getattr(kantor, peran))
    assert client.get(url(kantor.opd)).status_code == get
    response = client.post(url(kantor.opd), {"indikator": j.iku.pk, "versi": "", "kontribusi": "x",
                                             "mitra_teks": "BPS"})
    assert response.status_code == post
    assert Crosscutting.objects.exists() == (post == 302)


def test_the_perencana_removes_a_link_of_its_own_opd_only(client, kantor, mitra):
    j = jenjang.bangun(kantor)
    c = Crosscutting.objects.create(indikator=j.iku, mitra_teks="BPS", kontribusi="Data")
    lain = Crosscutting.objects.create(indikator=mitra, mitra_teks="BPS", kontribusi="Data")
    client.force_login(kantor.perencana)
    assert client.post(url(kantor.opd), {"aksi": "hapus", "id": lain.pk}).status_code == 404
    client.post(url(kantor.opd), {"aksi": "hapus", "id": c.pk})
    assert list(Crosscutting.objects.all()) == [lain]


def test_the_pohon_shows_the_partners(client, kantor, mitra, settings):
    settings.DASBOR_CACHE = False
    j = jenjang.bangun(kantor)
    Crosscutting.objects.create(indikator=j.iku, opd_mitra=mitra.opd, indikator_mitra=mitra, kontribusi="Layanan")
    client.force_login(kantor.pimpinan)
    page = client.get(reverse("dasbor:pohon") + f"?opd={kantor.opd.pk}&tahun={TAHUN}").content.decode()
    assert f"{j.iku.nama} ← <strong>Dinas Kesehatan Uji</strong> ({mitra.nama}): Layanan" in page


def test_the_page_query_count_does_not_grow(client, kantor, mitra):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    j = jenjang.bangun(kantor)
    client.force_login(kantor.pimpinan)
    counts = []
    for n in (1, 6):
        while Crosscutting.objects.filter(indikator=j.iku).count() < n:
            Crosscutting.objects.create(indikator=j.iku, opd_mitra=mitra.opd, indikator_mitra=mitra, kontribusi="x")
            Crosscutting.objects.create(indikator=mitra, opd_mitra=kantor.opd, indikator_mitra=j.iku, kontribusi="y")
        with CaptureQueriesContext(connection) as ctx:
            client.get(url(kantor.opd))
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
