"""The tahap of a Renja (its history, the lock of Penetapan) and copying it forward to the next year."""


import pytest
from django.urls import reverse

from renja.models import BagianNarasi, BarisRencana, IndikatorRencana, Renja, RiwayatTahap
from renja.services import renja_salin_ke_tahun
from tests.renja.bangun import baris_sub


def test_a_tahap_change_is_kept_in_the_history(client, kantor, renja):
    client.force_login(kantor.perencana)
    before = RiwayatTahap.objects.filter(renja=renja).count()
    response = client.post(reverse("renja:tahap", args=[renja.pk]),
                           {"tahap": "penetapan", "versi_dibaca": renja.versi, "keterangan": "Ditetapkan"})
    assert response.status_code == 302
    renja.refresh_from_db()
    assert renja.tahap == Renja.Tahap.PENETAPAN
    last = RiwayatTahap.objects.filter(renja=renja).last()
    assert (last.dari, last.ke, last.oleh) == ("rancangan_akhir", "penetapan", kantor.perencana)
    assert RiwayatTahap.objects.filter(renja=renja).count() == before + 1


def test_a_renja_in_penetapan_is_locked_until_its_tahap_goes_back(client, kantor, renja):
    client.force_login(kantor.perencana)
    tahap = reverse("renja:tahap", args=[renja.pk])
    assert client.post(tahap, {"tahap": "penetapan", "versi_dibaca": renja.versi}).status_code == 302
    renja.refresh_from_db()
    baris = baris_sub(renja)
    for url in (reverse("renja:baris", args=[baris.pk]), reverse("renja:kelola", args=[renja.pk, "spm"]),
                reverse("renja:review", args=[renja.pk, 1]), reverse("renja:baris_tambah", args=[renja.pk])):
        assert client.get(url).status_code == 403
    assert client.post(reverse("renja:baris_hapus", args=[baris.pk])).status_code == 403
    assert BarisRencana.objects.filter(pk=baris.pk).exists()
    page = client.get(renja.get_absolute_url()).content.decode()
    assert "isinya terkunci" in page and reverse("renja:baris", args=[baris.pk]) not in page
    # Back to Rancangan Akhir, with the reason in the history: the content is editable again.
    response = client.post(tahap, {"tahap": "rancangan_akhir", "versi_dibaca": renja.versi,
                                   "keterangan": "Perubahan Renja"})
    assert response.status_code == 302
    assert client.get(reverse("renja:baris", args=[baris.pk])).status_code == 200
    assert list(renja.riwayat_tahap.values_list("ke", "keterangan"))[-1] == ("rancangan_akhir", "Perubahan Renja")



def test_copy_forward_starts_the_next_year_from_the_prakiraan_maju(renja, kantor):
    baru = renja_salin_ke_tahun(renja_sumber=renja, tahun=2027, user=kantor.perencana)
    assert baru.tahap == Renja.Tahap.RANCANGAN_AWAL
    assert baru.rencana.count() == renja.rencana.count()
    lama = {b.urutan: b for b in renja.rencana.all()}
    for b in baru.rencana.all():
        assert b.pagu == lama[b.urutan].pagu_maju
        assert b.pagu_maju is None
        assert (b.induk.urutan if b.induk else None) == (lama[b.urutan].induk.urutan if lama[b.urutan].induk
                                                          else None)
    assert BagianNarasi.objects.filter(renja=baru).count() == BagianNarasi.objects.filter(renja=renja).count()
    with pytest.raises(ValueError):
        renja_salin_ke_tahun(renja_sumber=renja, tahun=2027, user=kantor.perencana)


def test_copy_forward_through_the_page_gives_an_editable_renja_of_the_next_year(client, kantor, renja):
    from renja.services import renja_context

    client.force_login(kantor.perencana)
    response = client.post(reverse("renja:salin", args=[renja.pk]), {"tahun": 2027})
    baru = Renja.objects.get(opd=renja.opd, tahun=2027)
    assert response.status_code == 302 and response["Location"] == baru.get_absolute_url()
    page = client.get(baru.get_absolute_url()).content.decode()
    assert "Renja 2027" in page and "Rancangan Awal" in page
    # Sub-kegiatan without a 2027 prakiraan maju start without pagu: the total is not faked.
    ctx = renja_context(baru)
    subs = [n for n in ctx["rencana_rows"] if n.level == "sub_kegiatan"]
    tanpa = [n for n in subs if n.baris.pagu is None]
    assert tanpa and ctx["total_pagu"].dari_baris is None
    assert f"{len(tanpa)} dari {len(subs)} sub kegiatan belum punya pagu" in page
    jumlah_narasi = BagianNarasi.objects.filter(renja=baru).count()
    assert f"{jumlah_narasi} bagian narasi belum diubah sejak disalin dari Renja 2026" in page
    bagian = BagianNarasi.objects.filter(renja=baru).order_by("urutan").first()
    response = client.post(reverse("renja:narasi", args=[bagian.pk]),
                           {"judul": bagian.judul, "isi": "Tahun 2027 …", "versi_dibaca": bagian.versi})
    assert response.status_code == 302
    page = client.get(baru.get_absolute_url()).content.decode()
    assert f"{jumlah_narasi - 1} bagian narasi belum diubah sejak disalin dari Renja 2026" in page
    # The perencana fills them in through the row page; then the total is the sum of the rows.
    for node in tanpa:
        baris = node.baris
        data = {"versi_dibaca": baris.versi, "kode": baris.kode, "nama": baris.nama, "pagu": "1.000.000",
                "pagu_maju": "", "indikator-TOTAL_FORMS": 0, "indikator-INITIAL_FORMS": 0}
        assert client.post(reverse("renja:baris", args=[baris.pk]), data).status_code == 302
    ctx = renja_context(baru)
    diharapkan = sum(n.baris.pagu for n in ctx["rencana_rows"] if n.level == "sub_kegiatan")
    assert ctx["total_pagu"].dari_baris == diharapkan
    assert "belum punya pagu" not in " ".join(t.pesan for t in ctx["temuan"])


def test_t_c_29_of_a_copied_year_starts_from_the_renja_of_n_minus_2(renja, kantor):
    from renja.models import EvaluasiRenja

    renja_2027 = renja_salin_ke_tahun(renja_sumber=renja, tahun=2027, user=kantor.perencana)
    assert not renja_2027.evaluasi.exists()  # the portal holds no Renja 2025
    renja_2028 = renja_salin_ke_tahun(renja_sumber=renja_2027, tahun=2028, user=kantor.perencana)
    rows = list(EvaluasiRenja.objects.filter(renja=renja_2028).order_by("urutan"))
    indikator = list(IndikatorRencana.objects.filter(baris__renja=renja).order_by("baris__urutan", "baris__id",
                                                                                   "urutan", "id"))
    tanpa_indikator = BarisRencana.objects.filter(renja=renja, indikator__isnull=True).count()
    assert len(rows) == len(indikator) + tanpa_indikator
    sub = next(r for r in rows if r.kode == "1.06.01.2.01.0006")
    lama = IndikatorRencana.objects.get(baris__renja=renja, baris__kode="1.06.01.2.01.0006")
    baru = IndikatorRencana.objects.get(baris__renja=renja_2027, baris__kode="1.06.01.2.01.0006")
    assert (sub.indikator, sub.target_n2, sub.satuan) == (lama.nama, lama.target, lama.satuan)
    assert sub.target_n1 == baru.target
    assert sub.realisasi_n2 == ""
