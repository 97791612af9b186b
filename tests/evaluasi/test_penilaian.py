"""The self-assessment and the evaluator's review: pages, answers, lock, audit trail, approval."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluasi import services
from evaluasi.models import JawabanLke, PenilaianLke, PilihanJawaban
from portal.models import AksiDitolak, EditConflict
from tests.berkas import pdf_biasa
from tests.factories import UserFactory

TAHUN = 2025


@pytest.fixture
def penilaian(kantor):
    return services.penilaian_mulai(opd=kantor.opd, tahun=TAHUN, user=kantor.perencana)[0]


def _kriteria(penilaian, nomor_komponen=1):
    k = next(k for k in penilaian.lke.struktur() if k.nomor == nomor_komponen)
    return [kr for s in k.sub.all() for kr in s.kriteria.all()]


def _pilihan(kode):
    return PilihanJawaban.objects.get(skala__kode="bertingkat", kode=kode)


def _isi_semua(penilaian, user, kode, sisi):
    for k in penilaian.lke.struktur():
        isian = [(kr, {"jawaban": _pilihan(kode), "catatan": "", "tautan": "", "versi": _versi(penilaian, kr)})
                 for s in k.sub.all() for kr in s.kriteria.all()]
        services.jawaban_simpan(penilaian=penilaian, user=user, sisi=sisi, isian=isian)


def _versi(penilaian, kriteria):
    j = JawabanLke.objects.filter(penilaian=penilaian, kriteria=kriteria).first()
    return j.versi if j else None


def test_the_perencana_fills_a_component_page_with_a_note_a_file_and_a_link(client, kantor, penilaian):
    client.force_login(kantor.perencana)
    kriteria = _kriteria(penilaian)
    url = reverse("evaluasi:komponen", args=[penilaian.pk, 1])
    assert client.get(url).status_code == 200
    data = {f"k{kriteria[0].pk}-jawaban": "A", f"k{kriteria[0].pk}-catatan": "Ada Perwal pedoman.",
            f"k{kriteria[0].pk}-bukti": SimpleUploadedFile("pedoman.pdf", pdf_biasa(), "application/pdf"),
            f"k{kriteria[1].pk}-jawaban": "BB", f"k{kriteria[1].pk}-tautan": "/kinerja/renstra/"}
    response = client.post(url, data)
    assert response.status_code == 302
    j0, j1 = (JawabanLke.objects.get(penilaian=penilaian, kriteria=kr) for kr in kriteria[:2])
    assert (j0.usulan.kode, j0.catatan_usulan, bool(j0.bukti)) == ("A", "Ada Perwal pedoman.", True)
    assert (j1.usulan.kode, j1.tautan) == ("BB", "/kinerja/renstra/")
    assert JawabanLke.objects.filter(penilaian=penilaian).count() == 2  # blank rows are not created
    assert j0.history.first().history_user == kantor.perencana
    hasil = services.penilaian_hasil(penilaian, services.USULAN)
    assert hasil.komponen[0].terjawab == 2
    assert hasil.komponen[1].nilai is None
    assert client.get(reverse("evaluasi:bukti", args=[j0.pk])).status_code == 200


def test_a_bad_file_or_an_outside_link_is_refused_in_indonesian_and_nothing_is_saved(client, kantor, penilaian):
    client.force_login(kantor.perencana)
    kriteria = _kriteria(penilaian)
    url = reverse("evaluasi:komponen", args=[penilaian.pk, 1])
    response = client.post(url, {
        f"k{kriteria[0].pk}-jawaban": "A",
        f"k{kriteria[0].pk}-bukti": SimpleUploadedFile("x.pdf", b"MZ bukan pdf", "application/pdf"),
        f"k{kriteria[1].pk}-jawaban": "A", f"k{kriteria[1].pk}-tautan": "https://contoh.example/"})
    assert response.status_code == 200
    teks = response.content.decode()
    assert "Isi berkas bukan PDF yang sah" in teks
    assert "Tautan harus alamat halaman di portal ini" in teks
    assert not JawabanLke.objects.filter(penilaian=penilaian).exists()


def test_a_stale_page_is_refused_and_keeps_the_other_persons_answer(kantor, penilaian):
    kr = _kriteria(penilaian)[0]
    data = {"jawaban": _pilihan("A"), "catatan": "", "tautan": "", "versi": None}
    services.jawaban_simpan(penilaian=penilaian, user=kantor.perencana, sisi=services.USULAN, isian=[(kr, data)])
    versi_lama = _versi(penilaian, kr)
    services.jawaban_simpan(penilaian=penilaian, user=kantor.perencana, sisi=services.USULAN,
                            isian=[(kr, data | {"jawaban": _pilihan("B"), "versi": versi_lama})])
    with pytest.raises(EditConflict):
        services.jawaban_simpan(penilaian=penilaian, user=kantor.perencana, sisi=services.USULAN,
                                isian=[(kr, data | {"jawaban": _pilihan("C"), "versi": versi_lama})])
    assert JawabanLke.objects.get(penilaian=penilaian, kriteria=kr).usulan.kode == "B"


def test_the_page_says_a_conflict_in_indonesian(client, kantor, penilaian):
    kr = _kriteria(penilaian)[0]
    client.force_login(kantor.perencana)
    url = reverse("evaluasi:komponen", args=[penilaian.pk, 1])
    client.post(url, {f"k{kr.pk}-jawaban": "A"})
    response = client.post(url, {f"k{kr.pk}-jawaban": "B", f"k{kr.pk}-versi": ""}, follow=True)
    assert "sudah diubah oleh pengguna lain" in response.content.decode()
    assert JawabanLke.objects.get(penilaian=penilaian, kriteria=kr).usulan.kode == "A"


def test_submitted_answers_are_fixed_for_the_opd_and_open_to_the_evaluator(kantor, penilaian):
    kr = _kriteria(penilaian)[0]
    data = {"jawaban": _pilihan("A"), "catatan": "", "tautan": "", "versi": None}
    services.jawaban_simpan(penilaian=penilaian, user=kantor.perencana, sisi=services.USULAN, isian=[(kr, data)])
    with pytest.raises(AksiDitolak):  # the evaluator waits for the submission
        services.jawaban_simpan(penilaian=penilaian, user=kantor.evaluator, sisi=services.EVALUATOR,
                                isian=[(kr, data | {"versi": _versi(penilaian, kr)})])
    services.penilaian_ajukan(penilaian=penilaian, user=kantor.perencana, versi=penilaian.versi)
    with pytest.raises(AksiDitolak, match="tidak dapat diubah"):
        services.jawaban_simpan(penilaian=penilaian, user=kantor.perencana, sisi=services.USULAN,
                                isian=[(kr, data | {"jawaban": _pilihan("B"), "versi": _versi(penilaian, kr)})])
    services.jawaban_simpan(penilaian=penilaian, user=kantor.evaluator, sisi=services.EVALUATOR,
                            isian=[(kr, data | {"jawaban": _pilihan("BB"), "catatan": "Belum ditetapkan.",
                                                "versi": _versi(penilaian, kr)})])
    j = JawabanLke.objects.get(penilaian=penilaian, kriteria=kr)
    assert (j.usulan.kode, j.nilai_evaluator.kode, j.berbeda, j.selisih) == ("A", "BB", True, -10)


def test_the_evaluator_finishes_only_when_every_criterion_is_scored(kantor, penilaian):
    _isi_semua(penilaian, kantor.perencana, "A", services.USULAN)
    services.penilaian_ajukan(penilaian=penilaian, user=kantor.perencana, versi=penilaian.versi)
    with pytest.raises(AksiDitolak, match="dari 80 kriteria"):
        services.penilaian_selesai_dinilai(penilaian=penilaian, user=kantor.evaluator, versi=penilaian.versi)
    _isi_semua(penilaian, kantor.evaluator, "BB", services.EVALUATOR)
    services.penilaian_selesai_dinilai(penilaian=penilaian, user=kantor.evaluator, versi=penilaian.versi)
    assert penilaian.status == PenilaianLke.Status.DINILAI


def test_the_approval_needs_a_second_reviewer(kantor, penilaian):
    _isi_semua(penilaian, kantor.perencana, "A", services.USULAN)
    services.penilaian_ajukan(penilaian=penilaian, user=kantor.perencana, versi=penilaian.versi)
    _isi_semua(penilaian, kantor.evaluator, "BB", services.EVALUATOR)
    services.penilaian_selesai_dinilai(penilaian=penilaian, user=kantor.evaluator, versi=penilaian.versi)
    with pytest.raises(AksiDitolak, match="reviewer kedua"):
        services.penilaian_setujui(penilaian=penilaian, user=kantor.evaluator, versi=penilaian.versi)
    reviewer = UserFactory(username="reviewer-uji", role=kantor.evaluator.role, opd=None)
    services.penilaian_setujui(penilaian=penilaian, user=reviewer, versi=penilaian.versi, nomor_lhe="700/1-LHE")
    penilaian.refresh_from_db()
    assert penilaian.status == PenilaianLke.Status.FINAL and penilaian.penyetuju == reviewer
    hasil = services.penilaian_hasil(penilaian, services.EVALUATOR)
    evaluasi = penilaian.evaluasi_akip
    assert [k.nilai for k in evaluasi.komponen.all()] == [h.nilai for h in hasil.komponen]
    assert evaluasi.nilai_akhir() == hasil.total == 80
    assert evaluasi.predikat().predikat == hasil.predikat.predikat == "BB"


def test_the_differences_page_lists_only_the_criteria_answered_otherwise(client, kantor, penilaian):
    kriteria = _kriteria(penilaian)
    for kr in kriteria[:2]:
        services.jawaban_simpan(penilaian=penilaian, user=kantor.perencana, sisi=services.USULAN,
                                isian=[(kr, {"jawaban": _pilihan("A"), "catatan": "", "tautan": "", "versi": None})])
    services.penilaian_ajukan(penilaian=penilaian, user=kantor.perencana, versi=penilaian.versi)
    for kr, kode in zip(kriteria[:2], ("A", "C"), strict=True):
        data = {"jawaban": _pilihan(kode), "catatan": "", "versi": _versi(penilaian, kr)}
        services.jawaban_simpan(penilaian=penilaian, user=kantor.evaluator, sisi=services.EVALUATOR,
                                isian=[(kr, data)])
    client.force_login(kantor.evaluator)
    teks = client.get(reverse("evaluasi:selisih", args=[penilaian.pk])).content.decode()
    assert f"kriteria-{kriteria[1].kode}" in teks and f"kriteria-{kriteria[0].kode}\"" not in teks
    assert "-40" in teks


def test_the_worksheet_exports_every_criterion_to_xlsx(client, kantor, penilaian):
    import io

    from openpyxl import load_workbook

    kr = _kriteria(penilaian)[0]
    services.jawaban_simpan(penilaian=penilaian, user=kantor.perencana, sisi=services.USULAN,
                            isian=[(kr, {"jawaban": _pilihan("A"), "catatan": "=1+1", "tautan": "", "versi": None})])
    client.force_login(kantor.perencana)
    response = client.get(reverse("evaluasi:xlsx", args=[penilaian.pk]))
    wb = load_workbook(io.BytesIO(response.content))
    baris = list(wb["LKE"].iter_rows(min_row=2, values_only=True))
    assert len(baris) == 80
    assert baris[0][0] == kr.kode and baris[0][4] == "A"
    assert baris[0][6] != "=1+1" or wb["LKE"]["G2"].data_type != "f"  # no live formula from typed text
