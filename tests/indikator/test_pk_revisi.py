"""PK revisions: only for an allowed reason with a note; the earlier version stays readable and printable."""

import datetime

import pytest
from django.urls import reverse

from indikator import jenjang as layanan
from indikator import services
from indikator.models import Jabatan, PerjanjianKinerja, PkIndikator
from portal.models import AksiDitolak
from tests import jenjang
from tests.kantor import TAHUN


@pytest.fixture
def j(kantor):
    return jenjang.bangun(kantor)


def ditetapkan(j):
    pk, _ = layanan.pk_buat(opd=j.kantor.opd, tahun=TAHUN, jenis="murni", jabatan=j.kabid)
    jenjang.pk_dengan(pk, j.program[0], 100, (25, 25, 25, 25), mendukung=j.iku)
    services.pk_tetapkan(perjanjian=pk, versi=pk.versi, rows=services.baris_pk(pk, j.kantor.opd, TAHUN, j.kabid))
    pk.refresh_from_db()
    return pk


@pytest.mark.parametrize("alasan", ["", "salah ketik", "lainnya"])
def test_a_revision_without_an_allowed_reason_is_refused(j, alasan):
    pk = ditetapkan(j)
    with pytest.raises(AksiDitolak, match="hanya direvisi karena pergantian pejabat"):
        layanan.pk_revisi(perjanjian=pk, versi=pk.versi, alasan=alasan, catatan="catatan")
    assert PerjanjianKinerja.objects.filter(jabatan=j.kabid).count() == 1


def test_a_revision_needs_a_note_and_a_signed_pk(j):
    pk, _ = layanan.pk_buat(opd=j.kantor.opd, tahun=TAHUN, jenis="murni", jabatan=j.kabid)
    with pytest.raises(AksiDitolak, match="masih draf"):
        layanan.pk_revisi(perjanjian=pk, versi=pk.versi, alasan="program", catatan="x")
    pk = ditetapkan(j)
    with pytest.raises(AksiDitolak, match="catatan"):
        layanan.pk_revisi(perjanjian=pk, versi=pk.versi, alasan="program", catatan="  ")


def test_a_change_of_official_is_a_revision_that_takes_the_new_holder_and_keeps_the_old_pk(j):
    pk = ditetapkan(j)
    with pytest.raises(AksiDitolak, match="belum berganti"):
        layanan.pk_revisi(perjanjian=pk, versi=pk.versi, alasan="pejabat", catatan="mutasi")
    Jabatan.objects.filter(pk=j.kabid.pk).update(pemegang_nama="Kabid Kedua", pemegang_nip="999")
    pk.refresh_from_db()
    pk.jabatan.refresh_from_db()
    baru = layanan.pk_revisi(perjanjian=pk, versi=pk.versi, alasan="pejabat", catatan="SK mutasi 12/2026")
    assert (baru.revisi_ke, baru.revisi_dari, baru.status) == (1, pk, PerjanjianKinerja.Status.DRAFT)
    assert (baru.pihak_pertama_nama, baru.pihak_pertama_nip) == ("Kabid Kedua", "999")
    pk.refresh_from_db()
    assert (pk.pihak_pertama_nama, pk.status) == ("Kabid Pertama", PerjanjianKinerja.Status.DITETAPKAN)
    lama = {(i.indikator_id, i.nilai, i.mendukung_id, tuple(t.nilai for t in i.triwulan.order_by("triwulan")))
            for i in PkIndikator.objects.filter(perjanjian=pk)}
    salinan = {(i.indikator_id, i.nilai, i.mendukung_id, tuple(t.nilai for t in i.triwulan.order_by("triwulan")))
               for i in PkIndikator.objects.filter(perjanjian=baru)}
    assert lama == salinan and lama
    assert baru.history.first().history_change_reason == "Revisi: Pergantian pejabat"


def test_the_draft_revision_is_edited_while_the_signed_one_stays_in_force_until_the_revision_is_set(j):
    pk = ditetapkan(j)
    baru = layanan.pk_revisi(perjanjian=pk, versi=pk.versi, alasan="program", catatan="APBD-P")
    kwargs = {"opd": j.kantor.opd, "tahun": TAHUN, "jenis": "murni", "jabatan": j.kabid}
    assert layanan.pk_berlaku(**kwargs) == pk
    assert layanan.pk_berlaku(**kwargs, terbaru=True) == baru
    services.pk_tetapkan(perjanjian=baru, versi=baru.versi, rows=services.baris_pk(baru, j.kantor.opd, TAHUN, j.kabid))
    assert layanan.pk_berlaku(**kwargs) == baru
    with pytest.raises(AksiDitolak, match="sudah direvisi"):
        pk.refresh_from_db()
        layanan.pk_revisi(perjanjian=pk, versi=pk.versi, alasan="program", catatan="lagi")


def test_a_stale_revision_form_is_refused(j):
    from portal.models import EditConflict

    pk = ditetapkan(j)
    with pytest.raises(EditConflict):
        layanan.pk_revisi(perjanjian=pk, versi=pk.versi - 1, alasan="prioritas", catatan="x")


def revisi_url(pk):
    return reverse("indikator:pk_revisi", args=[pk.pk])


@pytest.mark.parametrize("peran,status,dibuat", [
    ("perencana", 302, True), ("operator", 403, False), ("pimpinan", 403, False), ("evaluator", 403, False),
    ("perencana_lain", 404, False),
])
def test_who_revises_a_pk(client, j, peran, status, dibuat):
    pk = ditetapkan(j)
    client.force_login(getattr(j.kantor, peran))
    response = client.post(revisi_url(pk), {"versi": pk.versi, "alasan": "prioritas", "catatan": "RPJMD"})
    assert response.status_code == status
    assert PerjanjianKinerja.objects.filter(revisi_dari=pk).exists() == dibuat


def test_the_revision_page_refuses_a_reason_outside_the_list_and_get(client, j):
    pk = ditetapkan(j)
    client.force_login(j.kantor.perencana)
    response = client.post(revisi_url(pk), {"versi": pk.versi, "alasan": "lainnya", "catatan": "x"}, follow=True)
    assert "Revisi ditolak" in response.content.decode()
    assert not PerjanjianKinerja.objects.filter(revisi_dari=pk).exists()
    assert client.get(revisi_url(pk)).status_code == 405


@pytest.mark.parametrize("peran,status", [
    ("admin", 200), ("perencana", 200), ("operator", 200), ("pimpinan", 200), ("evaluator", 200),
    ("perencana_lain", 404),
])
def test_the_earlier_version_stays_readable_and_printable(client, j, peran, status):
    pk = ditetapkan(j)
    layanan.pk_revisi(perjanjian=pk, versi=pk.versi, alasan="program", catatan="APBD-P")
    client.force_login(getattr(j.kantor, peran))
    page = client.get(reverse("indikator:pk_versi", args=[pk.pk]))
    assert page.status_code == status
    pdf = client.get(reverse("lkip:pk_pdf", args=[pk.pk]))
    assert pdf.status_code == status
    if status == 200:
        assert "sudah direvisi" in page.content.decode() and "Kabid Pertama" in page.content.decode()
        assert b"".join(pdf.streaming_content if pdf.streaming else [pdf.content]).startswith(b"%PDF")


def test_the_grid_of_a_revision_lists_every_version(client, j):
    pk = ditetapkan(j)
    baru = layanan.pk_revisi(perjanjian=pk, versi=pk.versi, alasan="program", catatan="APBD-P 2026")
    client.force_login(j.kantor.perencana)
    page = client.get(reverse("indikator:pk", kwargs={"opd": j.kantor.opd.pk, "tahun": TAHUN})
                      + f"?jabatan={j.kabid.pk}").content.decode()
    assert "revisi ke-1" in page and "APBD-P 2026" in page
    assert reverse("indikator:pk_versi", args=[pk.pk]) in page and reverse("lkip:pk_pdf", args=[baru.pk]) in page


@pytest.mark.parametrize("dpa,tanggal,terlambat", [
    (datetime.date(2026, 1, 10), datetime.date(2026, 2, 10), None),
    (datetime.date(2026, 1, 10), datetime.date(2026, 2, 11), 1),
    (datetime.date(2026, 1, 31), datetime.date(2026, 3, 5), 5),  # one month after 31 January is 28 February
    (None, datetime.date(2026, 5, 1), None),
])
def test_the_check_warns_when_a_pk_was_set_more_than_a_month_after_its_dpa(kantor, dpa, tanggal, terlambat):
    j = jenjang.bangun(kantor)
    PerjanjianKinerja.objects.filter(pk=j.pk_opd.pk).update(tanggal=tanggal, tanggal_dpa=dpa, status="ditetapkan")
    j.pk_opd.refresh_from_db()
    assert j.pk_opd.terlambat_dari_dpa() == terlambat
    temuan = [t.pesan for t in layanan.periksa_jenjang(layanan.jenjang_muat(kantor.opd, TAHUN))]
    ada = [p for p in temuan if "lewat dari sebulan setelah DPA" in p]
    assert ada == ([f"PK perangkat daerah: PK ditetapkan {terlambat} hari lewat dari sebulan setelah DPA "
                    f"({dpa:%d-%m-%Y})."] if terlambat else [])


def test_setting_a_pk_records_the_dpa_date_typed(client, j):
    pk, _ = layanan.pk_buat(opd=j.kantor.opd, tahun=TAHUN, jenis="murni", jabatan=j.kabid)
    jenjang.pk_dengan(pk, j.program[0], 100, (25, 25, 25, 25), mendukung=j.iku)
    client.force_login(j.kantor.perencana)
    url = reverse("indikator:pk", kwargs={"opd": j.kantor.opd.pk, "tahun": TAHUN}) + f"?jabatan={j.kabid.pk}"
    client.post(url, {"aksi": "tetapkan", "versi": pk.versi, "tanggal_dpa": "2026-01-05"})
    pk.refresh_from_db()
    assert pk.status == "ditetapkan" and pk.tanggal_dpa == datetime.date(2026, 1, 5)


def test_each_version_prints_as_signed_the_revision_with_its_number_and_reason(j, tmp_path):
    import subprocess

    from lkip.services import pk_pdf

    pk = ditetapkan(j)
    Jabatan.objects.filter(pk=j.kabid.pk).update(pemegang_nama="Kabid Kedua", pemegang_nip="999")
    pk = PerjanjianKinerja.objects.select_related("jabatan__atasan", "opd").get(pk=pk.pk)
    baru = layanan.pk_revisi(perjanjian=pk, versi=pk.versi, alasan="pejabat", catatan="SK mutasi")

    def teks(p):
        path = tmp_path / f"{p.pk}.pdf"
        path.write_bytes(pk_pdf(PerjanjianKinerja.objects.select_related("jabatan__atasan", "opd").get(pk=p.pk)))
        return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                       check=True).stdout.split())

    lama, sekarang = teks(pk), teks(baru)
    assert "Kabid Pertama" in lama and "Kabid Kedua" not in lama and "REVISI" not in lama
    assert "PERJANJIAN KINERJA TAHUN 2026 (REVISI KE-1)" in sekarang and "Kabid Kedua" in sekarang
    assert "Revisi ke-1 karena pergantian pejabat: SK mutasi" in sekarang


def test_recording_a_new_head_of_the_opd_lets_its_own_pk_be_revised_for_a_change_of_official(client, j):

    opd = j.kantor.opd
    opd.kepala_nama, opd.kepala_nip = "Kepala Asli", "111"
    opd.save()
    PerjanjianKinerja.objects.filter(pk=j.pk_opd.pk).update(status="ditetapkan", pihak_pertama_nip="111")
    pk = PerjanjianKinerja.objects.select_related("opd").get(pk=j.pk_opd.pk)
    assert pk.alasan_revisi_ditolak("pejabat") == "Pejabat penanda tangan belum berganti; ubah dulu pemegang jabatan."
    client.force_login(j.kantor.perencana)
    response = client.post(reverse("indikator:jabatan_ubah", args=[j.kepala.pk]), {
        "pemegang_nama": "Kepala Baru", "pemegang_nip": "444", "pemegang_pangkat": "", "versi": j.kepala.versi})
    assert response.status_code == 302
    opd.refresh_from_db()
    assert (opd.kepala_nama, opd.kepala_nip) == ("Kepala Baru", "444")
    assert Jabatan.objects.get(pk=j.kepala.pk).history.first().history_change_reason == "Pergantian pejabat"
    pk = PerjanjianKinerja.objects.select_related("opd").get(pk=j.pk_opd.pk)
    baru = layanan.pk_revisi(perjanjian=pk, versi=pk.versi, alasan="pejabat", catatan="Pelantikan")
    assert (baru.pihak_pertama_nama, baru.pihak_pertama_nip) == ("Kepala Baru", "444")


def test_a_stale_change_of_official_is_refused(client, j):
    client.force_login(j.kantor.perencana)
    page = client.post(reverse("indikator:jabatan_ubah", args=[j.kabid.pk]), {
        "pemegang_nama": "Kabid X", "pemegang_nip": "5", "pemegang_pangkat": "", "versi": j.kabid.versi + 3},
        follow=True).content.decode()
    assert "sudah diubah oleh pengguna lain" in page
    assert Jabatan.objects.get(pk=j.kabid.pk).pemegang_nama == "Kabid Pertama"
