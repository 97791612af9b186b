"""Tindak lanjut: each LHE recommendation gets a plan, a unit, a due date, a status and evidence."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluasi import services
from evaluasi.models import Lke, PenilaianLke, Rekomendasi, TindakLanjut
from evaluasi.prefill import jawaban_dari_bagian, saran_untuk
from evaluasi.tugas import tugas_evaluasi
from tests.berkas import pdf_biasa
from tests.factories import UnitKerjaFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def lhe(kantor):
    """An issued evaluation of 2025 with two recommendations (written directly: the follow-up is the subject)."""
    penilaian = PenilaianLke.objects.create(opd=kantor.opd, tahun=2025, lke=Lke.for_tahun(2025),
                                            status=PenilaianLke.Status.FINAL, nomor_lhe="700/3-LHE")
    for urutan, uraian in enumerate(["Tetapkan pedoman teknis.", "Reviu LKIP sebelum terbit."], start=1):
        Rekomendasi.objects.create(penilaian=penilaian, urutan=urutan, uraian=uraian)
    return penilaian


def _post(client, lhe, rekomendasi, **data):
    isi = {"rekomendasi": rekomendasi.pk, f"r{rekomendasi.pk}-status": "belum", f"r{rekomendasi.pk}-versi": ""}
    isi |= {f"r{rekomendasi.pk}-{k}": v for k, v in data.items()}
    return client.post(reverse("evaluasi:tindak_lanjut", args=[lhe.pk]), isi, follow=True)


def test_the_perencana_records_a_plan_with_unit_and_due_date(client, kantor, lhe):
    client.force_login(kantor.perencana)
    r = lhe.rekomendasi.first()
    _post(client, lhe, r, rencana="Menyusun Perkadis pedoman.", unit_kerja=kantor.unit.pk, tenggat="2026-06-30",
          status="proses")
    tl = TindakLanjut.objects.get(rekomendasi=r)
    assert (tl.rencana, tl.unit_kerja, tl.tenggat, tl.status) == (
        "Menyusun Perkadis pedoman.", kantor.unit, datetime.date(2026, 6, 30), "proses")
    assert tl.history.first().history_user == kantor.perencana


def test_done_needs_evidence_and_a_unit_of_the_opd(client, kantor, lhe):
    client.force_login(kantor.perencana)
    r = lhe.rekomendasi.first()
    teks = _post(client, lhe, r, status="selesai").content.decode()
    assert "harus disertai bukti dukung" in teks and not TindakLanjut.objects.exists()
    lain = UnitKerjaFactory()  # another OPD's unit is not a choice
    assert "Pilih" in _post(client, lhe, r, status="proses", unit_kerja=lain.pk).content.decode()
    _post(client, lhe, r, status="selesai", bukti=SimpleUploadedFile("sk.pdf", pdf_biasa(), "application/pdf"))
    tl = TindakLanjut.objects.get(rekomendasi=r)
    assert tl.status == "selesai" and tl.bukti
    assert client.get(reverse("evaluasi:bukti_tindak_lanjut", args=[tl.pk])).status_code == 200


def test_a_stale_form_is_refused(client, kantor, lhe):
    client.force_login(kantor.perencana)
    r = lhe.rekomendasi.first()
    _post(client, lhe, r, status="proses")
    teks = _post(client, lhe, r, status="belum").content.decode()  # still carries no version
    assert "sudah diubah oleh pengguna lain" in teks
    assert TindakLanjut.objects.get(rekomendasi=r).status == "proses"


def test_open_recommendations_are_on_the_perencanas_home(kantor, lhe):
    r1, r2 = lhe.rekomendasi.all()
    TindakLanjut.objects.create(rekomendasi=r1, status="proses", tenggat=datetime.date(2026, 1, 31))
    tugas = [t for t in tugas_evaluasi(kantor.perencana, datetime.date(2026, 3, 2)) if "Rekomendasi" in t.teks]
    assert tugas[0].teks == "Rekomendasi LHE belum selesai ditindaklanjuti: 2 (1 melewati tenggat)"
    assert tugas[0].warna == "danger"


def test_the_share_done_feeds_criterion_4_3_1_of_the_next_year(kantor, lhe):
    r1, _ = lhe.rekomendasi.all()
    TindakLanjut.objects.create(rekomendasi=r1, status="selesai")
    berikut = services.penilaian_mulai(opd=kantor.opd, tahun=2026, user=kantor.perencana)[0]
    komponen4 = next(k for k in berikut.lke.struktur() if k.nomor == 4)
    saran = saran_untuk(berikut, komponen4)["4.3.1"]
    assert "1 dari 2 rekomendasi" in saran.keterangan and saran.jawaban == jawaban_dari_bagian(1, 2)
    assert saran.tautan == reverse("evaluasi:tindak_lanjut", args=[lhe.pk])
