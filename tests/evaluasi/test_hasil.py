"""The approved evaluation flows into the IKU: the Nilai AKIP realisasi and the LKIP's AKIP table read it."""

import pytest

from evaluasi import services
from evaluasi.dokumen import penilaian_tahun
from evaluasi.models import EvaluasiAkip, JawabanLke, PilihanJawaban
from indikator.models import Realisasi, SkalaPredikat
from indikator.pengukuran import realisasi_tahun
from portal.models import AksiDitolak
from tests.factories import UserFactory

TAHUN = 2025  # performance year evaluated; its LHE is dated in 2026, inside the demo Renstra 2024–2026


def _isi(penilaian, user, sisi, kode_per_komponen):
    for k in penilaian.lke.struktur():
        pilihan = PilihanJawaban.objects.get(skala__kode="bertingkat", kode=kode_per_komponen[k.nomor - 1])
        isian = []
        for s in k.sub.all():
            for kr in s.kriteria.all():
                j = JawabanLke.objects.filter(penilaian=penilaian, kriteria=kr).first()
                isian.append((kr, {"jawaban": pilihan, "catatan": "", "tautan": "", "versi": j.versi if j else None}))
        services.jawaban_simpan(penilaian=penilaian, user=user, sisi=sisi, isian=isian)


@pytest.fixture
def final(demo, users, django_user_model):
    import datetime

    penilaian = services.penilaian_mulai(opd=demo, tahun=TAHUN, user=users["perencana"])[0]
    _isi(penilaian, users["perencana"], services.USULAN, ["A", "A", "A", "A"])
    services.penilaian_ajukan(penilaian=penilaian, user=users["perencana"], versi=penilaian.versi)
    _isi(penilaian, users["evaluator"], services.EVALUATOR, ["BB", "A", "B", "BB"])
    services.penilaian_selesai_dinilai(penilaian=penilaian, user=users["evaluator"], versi=penilaian.versi)
    penilaian.tanggal_lhe = datetime.date(TAHUN + 1, 7, 1)
    penilaian.save()
    reviewer = UserFactory(username="t-reviewer", role=django_user_model.Role.EVALUATOR, opd=None)
    realisasi = services.penilaian_setujui(penilaian=penilaian, user=reviewer, versi=penilaian.versi,
                                           nomor_lhe="700/9-LHE.SAKIP")
    return penilaian, realisasi, reviewer


def test_the_final_result_is_the_nilai_akip_realisasi_of_the_lhe_year(final):
    penilaian, realisasi, reviewer = final
    hasil = services.penilaian_hasil(penilaian, services.EVALUATOR)
    # Every criterion of a component got the same answer: the component is its weight × that answer's value.
    nilai = {p.kode: p.nilai for p in PilihanJawaban.objects.filter(skala__kode="bertingkat")}
    assert [h.nilai for h in hasil.komponen] == [h.komponen.bobot * nilai[kode] / 100 for h, kode in
                                                 zip(hasil.komponen, ("BB", "A", "B", "BB"), strict=True)]
    assert hasil.total == sum(h.nilai for h in hasil.komponen)
    assert realisasi.indikator == services.indikator_akip(penilaian.opd, TAHUN + 1)
    assert (realisasi.tahun, realisasi.triwulan) == (TAHUN + 1, 4)
    assert realisasi.predikat == hasil.predikat.predikat
    assert realisasi.status == Realisasi.Status.DIVERIFIKASI and realisasi.diverifikasi_oleh == reviewer
    assert "700/9-LHE.SAKIP" in realisasi.history.first().history_change_reason
    tahunan = realisasi_tahun(realisasi.indikator, list(realisasi.indikator.realisasi.filter(tahun=TAHUN + 1)))
    assert tahunan.predikat == hasil.predikat.predikat


def test_the_lkip_akip_table_of_that_year_is_built_from_it(final):
    penilaian, _, _ = final
    hasil = services.penilaian_hasil(penilaian, services.EVALUATOR)
    tabel = penilaian_tahun(penilaian.opd, TAHUN + 1, SkalaPredikat.for_tahun(TAHUN + 1))
    assert tabel.evaluasi == penilaian.evaluasi_akip
    assert [k.nilai for k in tabel.komponen] == [h.nilai for h in hasil.komponen]
    assert tabel.nilai_akip == hasil.total
    assert tabel.predikat_akip == hasil.predikat
    assert EvaluasiAkip.objects.get(opd=penilaian.opd, tahun_lhe=TAHUN + 1).nomor_lhe == "700/9-LHE.SAKIP"


def test_a_final_evaluation_takes_no_more_answers(final, users):
    penilaian, _, _ = final
    kr = penilaian.jawaban.first().kriteria
    for user, sisi in ((users["perencana"], services.USULAN), (users["evaluator"], services.EVALUATOR)):
        with pytest.raises(AksiDitolak):
            services.jawaban_simpan(penilaian=penilaian, user=user, sisi=sisi, isian=[(kr, {
                "jawaban": None, "catatan": "ubah", "tautan": "", "versi": penilaian.jawaban.first().versi})])
