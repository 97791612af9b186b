"""The evaluation's lines on the home page's "Tugas saya"."""

import datetime

import time_machine
from django.urls import reverse

from evaluasi import services
from evaluasi.models import PilihanJawaban
from evaluasi.tugas import tugas_evaluasi

HARI = datetime.date(2026, 3, 2)  # the self-assessment of 2025 is due


def _teks(tugas):
    return [t.teks for t in tugas]


def test_the_perencana_is_asked_to_start_then_to_submit(kantor):
    assert _teks(tugas_evaluasi(kantor.perencana, HARI)) == ["Penilaian mandiri AKIP 2025 belum dimulai"]
    penilaian = services.penilaian_mulai(opd=kantor.opd, tahun=2025, user=kantor.perencana)[0]
    kr = penilaian.lke.struktur()[0].sub.all()[0].kriteria.all()[0]
    services.jawaban_simpan(penilaian=penilaian, user=kantor.perencana, sisi=services.USULAN, isian=[(kr, {
        "jawaban": PilihanJawaban.objects.get(skala=kr.skala, kode="A"), "catatan": "", "tautan": "", "versi": None})])
    tugas = tugas_evaluasi(kantor.perencana, HARI)
    assert _teks(tugas) == ["Penilaian mandiri AKIP 2025: 1 kriteria terisi, belum diajukan"]
    assert tugas[0].url == penilaian.get_absolute_url()
    assert tugas_evaluasi(kantor.operator, HARI) == [] and tugas_evaluasi(kantor.pimpinan, HARI) == []


def test_the_evaluator_sees_what_was_submitted_and_the_perencana_a_return(kantor):
    penilaian = services.penilaian_mulai(opd=kantor.opd, tahun=2025, user=kantor.perencana)[0]
    kr = penilaian.lke.struktur()[0].sub.all()[0].kriteria.all()[0]
    services.jawaban_simpan(penilaian=penilaian, user=kantor.perencana, sisi=services.USULAN, isian=[(kr, {
        "jawaban": PilihanJawaban.objects.get(skala=kr.skala, kode="A"), "catatan": "", "tautan": "", "versi": None})])
    services.penilaian_ajukan(penilaian=penilaian, user=kantor.perencana, versi=penilaian.versi)
    tugas = tugas_evaluasi(kantor.evaluator, HARI)
    assert _teks(tugas) == ["Penilaian mandiri menunggu nilai evaluator: 1"]
    assert tugas[0].rincian == (f"{kantor.opd.nama} 2025",)
    assert tugas_evaluasi(kantor.perencana, HARI) == []
    services.penilaian_kembalikan(penilaian=penilaian, user=kantor.evaluator, versi=penilaian.versi,
                                  catatan="Lengkapi bukti komponen 2.")
    tugas = tugas_evaluasi(kantor.perencana, HARI)
    assert tugas[0].warna == "danger" and tugas[0].rincian == ("Lengkapi bukti komponen 2.",)


@time_machine.travel(datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC), tick=False)
def test_the_home_page_shows_the_line(client, kantor):
    client.force_login(kantor.perencana)
    teks = client.get(reverse("beranda")).content.decode()
    assert "Penilaian mandiri AKIP 2025 belum dimulai" in teks
