"""Renja pages: who may read and change what, edits, tahap history, copy forward, query counts."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from renja.models import BagianNarasi, BarisRencana, IndikatorRencana, Renja, RiwayatTahap
from renja.services import renja_salin_ke_tahun
from renja.tabel import kategori_realisasi, tingkat_realisasi
from tests.factories import PerangkatDaerahFactory


@pytest.fixture
def renja(demo):
    return Renja.objects.get(opd=demo, tahun=2026)


@pytest.fixture
def renja_lain(db):
    return Renja.objects.create(opd=PerangkatDaerahFactory(), tahun=2026)


def _baris_sub(renja):
    return BarisRencana.objects.filter(renja=renja, level="sub_kegiatan").order_by("urutan").first()


@pytest.mark.parametrize("role", ["perencana", "pimpinan", "evaluator", "operator", "admin"])
def test_it_shows_the_preview_to_every_reader_of_the_opd(client, users, renja, role):
    client.force_login(users[role])
    response = client.get(reverse("renja:detail", args=[renja.pk]))
    assert response.status_code == 200
    assert "26.736.518.416" in response.content.decode()
    assert "Pemeriksaan konsistensi" in response.content.decode()


def test_it_answers_404_for_a_renja_of_another_opd(client, users, renja_lain, renja):
    client.force_login(users["perencana"])
    assert client.get(reverse("renja:detail", args=[renja_lain.pk])).status_code == 404
    client.force_login(users["perencana_lain"])
    assert client.get(reverse("renja:detail", args=[renja.pk])).status_code == 404
    assert client.get(reverse("renja:xlsx", args=[renja.pk])).status_code == 404
    baris = _baris_sub(renja)
    assert client.get(reverse("renja:baris", args=[baris.pk])).status_code == 404


@pytest.mark.parametrize("role", ["pimpinan", "evaluator", "operator"])
def test_it_refuses_edits_by_readers(client, users, renja, role):
    client.force_login(users[role])
    baris = _baris_sub(renja)
    assert client.get(reverse("renja:baris", args=[baris.pk])).status_code == 403
    response = client.post(reverse("renja:tahap", args=[renja.pk]),
                           {"tahap": "penetapan", "versi_dibaca": renja.versi})
    assert response.status_code == 403
    renja.refresh_from_db()
    assert renja.tahap == Renja.Tahap.RANCANGAN_AKHIR


def test_the_perencana_edits_a_row_with_a_decimal_comma_free_rupiah(client, users, renja):
    client.force_login(users["perencana"])
    baris = _baris_sub(renja)
    url = reverse("renja:baris", args=[baris.pk])
    page = client.get(url)
    assert page.status_code == 200
    ind = baris.indikator.get()
    data = {
        "versi_dibaca": baris.versi, "kode": baris.kode, "nama": baris.nama, "pagu": "20.000.000",
        "pagu_maju": "", "target_akhir_renstra": "", "lokasi": "Kota Bekasi", "sumber_dana": "PAD",
        "prioritas_nasional": "", "prioritas_daerah": "", "kelompok_sasaran": "", "penanggung_jawab": "",
        "unit_kerja": "", "catatan": "",
        "indikator-TOTAL_FORMS": "2", "indikator-INITIAL_FORMS": "1", "indikator-MIN_NUM_FORMS": "0",
        "indikator-MAX_NUM_FORMS": "1000",
        "indikator-0-id": ind.pk, "indikator-0-baris": baris.pk, "indikator-0-nama": ind.nama,
        "indikator-0-target": "5", "indikator-0-satuan": "Laporan",
        "indikator-0-target_maju": "", "indikator-0-satuan_maju": "",
        "indikator-1-nama": "", "indikator-1-target": "", "indikator-1-satuan": "",
        "indikator-1-target_maju": "", "indikator-1-satuan_maju": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    baris.refresh_from_db()
    assert baris.pagu == D("20000000")
    assert baris.pagu_maju is None
    assert baris.indikator.get().target == "5"
    # The same form sent again carries the old version: refused, nothing overwritten.
    data["pagu"] = "1"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "sudah diubah oleh pengguna lain" in response.content.decode()
    baris.refresh_from_db()
    assert baris.pagu == D("20000000")


def test_it_refuses_a_negative_or_textual_pagu_naming_the_field(client, users, renja):
    client.force_login(users["perencana"])
    baris = _baris_sub(renja)
    for value, message in (("-5", "tidak boleh negatif"), ("lima juta", "Pagu indikatif")):
        response = client.post(reverse("renja:baris", args=[baris.pk]), {
            "versi_dibaca": baris.versi, "nama": baris.nama, "pagu": value,
            "indikator-TOTAL_FORMS": "0", "indikator-INITIAL_FORMS": "0",
        })
        assert response.status_code == 200
        assert message in response.content.decode()


def test_a_tahap_change_is_kept_in_the_history(client, users, renja):
    client.force_login(users["perencana"])
    before = RiwayatTahap.objects.filter(renja=renja).count()
    response = client.post(reverse("renja:tahap", args=[renja.pk]),
                           {"tahap": "penetapan", "versi_dibaca": renja.versi, "keterangan": "Ditetapkan"})
    assert response.status_code == 302
    renja.refresh_from_db()
    assert renja.tahap == Renja.Tahap.PENETAPAN
    last = RiwayatTahap.objects.filter(renja=renja).last()
    assert (last.dari, last.ke, last.oleh) == ("rancangan_akhir", "penetapan", users["perencana"])
    assert RiwayatTahap.objects.filter(renja=renja).count() == before + 1


def test_copy_forward_starts_the_next_year_from_the_prakiraan_maju(renja, users):
    baru = renja_salin_ke_tahun(renja_sumber=renja, tahun=2027, user=users["perencana"])
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
        renja_salin_ke_tahun(renja_sumber=renja, tahun=2027, user=users["perencana"])


def test_the_narrative_never_passes_html_through(client, users, renja):
    bagian = BagianNarasi.objects.get(renja=renja, kunci="bab5_penutup")
    bagian.isi = "Teks **tebal** <img src=file:///etc/passwd><script>alert(1)</script>"
    bagian.save()
    client.force_login(users["pimpinan"])
    html = client.get(reverse("renja:detail", args=[renja.pk])).content.decode()
    assert "<strong>tebal</strong>" in html
    assert "<img src=file" not in html and "<script>alert" not in html


def test_the_list_page_uses_a_fixed_number_of_queries(client, users, renja, django_assert_num_queries):
    client.force_login(users["evaluator"])
    url = reverse("renja:indeks")
    client.get(url)
    # session, user, count for the paginator, the page of Renja with their OPD
    with django_assert_num_queries(4):
        client.get(url)
    for _ in range(4):
        Renja.objects.create(opd=PerangkatDaerahFactory(), tahun=2026)
    with django_assert_num_queries(4):
        assert client.get(url).content.decode().count("Renja 2026") == 5


def test_the_list_is_paginated(client, users, renja):
    from renja.views import PER_HALAMAN

    for _ in range(PER_HALAMAN):
        Renja.objects.create(opd=PerangkatDaerahFactory(), tahun=2026)
    client.force_login(users["evaluator"])
    first = client.get(reverse("renja:indeks")).content.decode()
    assert first.count("Renja 2026</a>") == PER_HALAMAN
    assert "Halaman 1 dari 2" in first
    second = client.get(reverse("renja:indeks") + "?halaman=2").content.decode()
    assert second.count("Renja 2026</a>") == 1


def test_the_preview_query_count_does_not_grow_with_rows(client, users, renja, django_assert_num_queries):
    client.force_login(users["perencana"])
    url = reverse("renja:detail", args=[renja.pk])
    client.get(url)
    with django_assert_num_queries(28) as first:
        client.get(url)
    program = BarisRencana.objects.filter(renja=renja, level="program").first()
    kegiatan = BarisRencana.objects.create(renja=renja, induk=program, level="kegiatan", nama="Baru", urutan=15)
    for i in range(5):
        sub = BarisRencana.objects.create(renja=renja, induk=kegiatan, level="sub_kegiatan", nama=f"Sub {i}",
                                          urutan=16 + i, pagu=D(1000))
        IndikatorRencana.objects.create(baris=sub, nama=f"Indikator {i}", target="10", satuan="Orang")
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(url)


@pytest.mark.parametrize(("persen", "kategori"), [
    ("100", "Sangat Tinggi"), ("242.83", "Sangat Tinggi"), ("91", "Sangat Tinggi"), ("90.99", "Tinggi"),
    ("76", "Tinggi"), ("75.994", "Sedang"), ("66", "Sedang"), ("65", "Rendah"), ("51", "Rendah"),
    ("50.999", "Rendah"), ("50", "Sangat Rendah"), ("0", "Sangat Rendah"),
])
def test_the_permendagri_86_band_of_a_tingkat_realisasi(persen, kategori):
    assert kategori_realisasi(D(persen)) == kategori


def test_tingkat_realisasi_is_exact_and_blank_when_unknown():
    assert tingkat_realisasi(D("6266"), D("15216")).quantize(D("0.01")) == D("242.83")
    assert tingkat_realisasi(None, D(5)) is None
    assert tingkat_realisasi(D(0), D(5)) is None
    assert kategori_realisasi(None) is None


def test_rows_link_to_the_nomenclature_version_where_their_code_exists(client, users, renja):
    from tests.factories import (
        BidangUrusanFactory,
        KegiatanFactory,
        ProgramFactory,
        SubKegiatanFactory,
        UrusanFactory,
        VersiFactory,
    )

    versi = VersiFactory(kode="versi-renja-uji", tahun_mulai=2000)
    bidang = BidangUrusanFactory(urusan=UrusanFactory(versi=versi, kode="1"), kode="06")
    program = ProgramFactory(bidang=bidang, kode="01")
    kegiatan = KegiatanFactory(program=program, kode="2.01")
    sub = SubKegiatanFactory(kegiatan=kegiatan, kode="0006")
    client.force_login(users["perencana"])
    response = client.post(reverse("renja:nomenklatur", args=[renja.pk]), {"versi": versi.pk})
    assert response.status_code == 302
    renja.refresh_from_db()
    assert renja.versi_nomenklatur == versi
    linked = BarisRencana.objects.get(renja=renja, kode="1.06.01.2.01.0006")
    assert linked.sub_kegiatan == sub
    assert BarisRencana.objects.get(renja=renja, kode="1.06.01").program == program
    assert BarisRencana.objects.get(renja=renja, kode="1.06.02").program is None
    from renja.pemeriksaan import pemeriksaan

    pesan = " | ".join(t.pesan for t in pemeriksaan(renja))
    assert "baris dengan kode yang tidak ada di versi nomenklatur Renja" in pesan
    assert "1.06.02 PROGRAM PEMBERDAYAAN SOSIAL" in pesan


def test_the_demo_renja_says_its_codes_are_not_linked_yet(renja):
    from renja.pemeriksaan import pemeriksaan

    assert any("Versi nomenklatur Renja belum ditetapkan" in t.pesan for t in pemeriksaan(renja))


def _formset_data(prefix, rows, initial=0):
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def test_the_perencana_adds_an_usulan_that_t_c_32_then_prints(client, users, renja):
    from renja.models import Usulan
    from renja.services import renja_context

    client.force_login(users["perencana"])
    url = reverse("renja:kelola", args=[renja.pk, "usulan"])
    assert client.get(url).status_code == 200
    response = client.post(url, _formset_data("usulan", [{
        "program_kegiatan": "Rehabilitasi rumah tidak layak huni", "lokasi": "Kel. Margahayu",
        "indikator": "Jumlah rumah", "volume": "10 unit", "pengusul": "Musrenbang Kecamatan", "catatan": "",
    }]))
    assert response.status_code == 302
    usulan = Usulan.objects.get(renja=renja)
    assert usulan.urutan == 1
    assert renja_context(renja)["usulan"] == [usulan]


def test_spm_targets_accept_a_decimal_comma_and_refuse_text(client, users, renja):
    from renja.models import TargetSpm

    client.force_login(users["perencana"])
    url = reverse("renja:kelola", args=[renja.pk, "spm"])
    spm = list(TargetSpm.objects.filter(renja=renja).order_by("urutan"))
    rows = [{"id": s.pk, "versi_dibaca": s.versi, "jenis_pelayanan": s.jenis_pelayanan, "indikator": s.indikator,
             "target": str(int(s.target)), "satuan": s.satuan} for s in spm]
    rows[0]["target"] = "1.250,5"
    assert client.post(url, _formset_data("spm", rows, initial=len(rows))).status_code == 302
    assert TargetSpm.objects.get(pk=spm[0].pk).target == D("1250.5")
    rows[0]["target"] = "tiga ratus"
    response = client.post(url, _formset_data("spm", rows, initial=len(rows)))
    assert response.status_code == 200
    assert "Target:" in response.content.decode()


def test_a_review_line_gets_its_catatan_and_the_check_follows_the_corrected_cell(client, users, renja):
    from renja.models import BarisReview
    from renja.pemeriksaan import pemeriksaan

    client.force_login(users["perencana"])
    url = reverse("renja:review", args=[renja.pk, 1])
    lines = list(BarisReview.objects.filter(tabel__renja=renja, tabel__nomor=1).order_by("urutan"))
    rows = []
    for b in lines:
        pagu = b.analisis_pagu
        if b.analisis_pagu_tercetak:
            pagu = D("1350000000")
        rows.append({"id": b.pk, "versi_dibaca": b.versi, "analisis_indikator": b.analisis_indikator,
                     "analisis_target": b.analisis_target,
                     "analisis_satuan": b.analisis_satuan,
                     "analisis_pagu": "" if pagu is None else str(int(pagu)), "catatan": ""})
    rows[0]["catatan"] = "Sesuai RKPD"
    response = client.post(url, _formset_data("review", rows, initial=len(rows)))
    assert response.status_code == 302
    assert BarisReview.objects.get(pk=lines[0].pk).catatan == "Sesuai RKPD"
    pesan = " | ".join(t.pesan for t in pemeriksaan(renja))
    assert '(Tabel 2.19), program III "PROGRAM REHABILITASI SOSIAL"' not in pesan
    assert 'dicatat Rp 1.350.000.000' in pesan


def test_a_new_sub_kegiatan_goes_under_its_kegiatan_and_counts_in_the_total(client, users, renja):
    from renja.services import renja_context

    client.force_login(users["perencana"])
    kegiatan = BarisRencana.objects.get(renja=renja, kode="1.06.07.2.01")
    response = client.post(reverse("renja:baris_tambah", args=[renja.pk]), {
        "level": "sub_kegiatan", "induk": kegiatan.pk, "kode": "1.06.07.2.01.0003",
        "nama": "Pengamanan Taman Makam Pahlawan", "pagu": "1.000.000",
    })
    assert response.status_code == 302
    ctx = renja_context(renja)
    assert ctx["total_pagu"].dari_baris == D("26737518416")
    rows = [n.baris.kode for n in ctx["rencana_rows"]]
    assert rows[-1] == "1.06.07.2.01.0003"
    response = client.post(reverse("renja:baris_tambah", args=[renja.pk]), {
        "level": "sub_kegiatan", "induk": BarisRencana.objects.get(renja=renja, kode="1.06.07").pk,
        "nama": "Salah induk",
    })
    assert response.status_code == 200
    assert "Induk sub kegiatan harus sebuah kegiatan" in response.content.decode()


def test_readers_cannot_open_the_editing_pages(client, users, renja):
    client.force_login(users["pimpinan"])
    for url in (reverse("renja:kelola", args=[renja.pk, "spm"]), reverse("renja:review", args=[renja.pk, 1]),
                reverse("renja:baris_tambah", args=[renja.pk])):
        assert client.get(url).status_code == 403
    client.force_login(users["perencana_lain"])
    assert client.get(reverse("renja:kelola", args=[renja.pk, "usulan"])).status_code == 404


def test_deleting_a_kegiatan_removes_its_sub_kegiatan_and_the_total_follows(client, users, renja):
    from renja.services import renja_context

    kegiatan = BarisRencana.objects.get(renja=renja, kode="1.06.07.2.01")
    url = reverse("renja:baris_hapus", args=[kegiatan.pk])
    client.force_login(users["pimpinan"])
    assert client.post(url).status_code == 403
    client.force_login(users["perencana"])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not BarisRencana.objects.filter(renja=renja, kode__startswith="1.06.07.2.01").exists()
    ctx = renja_context(renja)
    # Program 07 has no rows left below it: its recorded figure stands in, labelled as recorded.
    program = next(p for p in ctx["pohon"] if p.baris.kode == "1.06.07")
    assert program.pagu == D("792000000")
    assert ctx["total_pagu"].dari_baris == D("26736518416")


def test_render_renja_refuses_an_unknown_opd_or_year(demo):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("render_renja", opd="TIDAKADA", tahun=2026, out="/tmp/x.pdf")
    with pytest.raises(CommandError, match="belum ada"):
        call_command("render_renja", opd="DINSOS", tahun=2031, out="/tmp/x.pdf")


# --- Permission matrix of every Renja page --------------------------------
# Roles as in tests/test_permissions.py: the perencana of the OPD and the admin change a Renja;
# the other roles of the OPD and the evaluator read it; a perencana of another OPD gets 404;
# anonymous users go to the login page.

ROLES = ["anonim", "admin", "perencana", "operator", "operator_lain", "pimpinan", "evaluator", "perencana_lain"]
BACA = ["L", 200, 200, 200, 200, 200, 200, 404]
UBAH_GET = ["L", 200, 200, 403, 403, 403, 403, 404]
UBAH_POST = ["L", 302, 302, 403, 403, 403, 403, 404]


def _sub(renja):
    return _baris_sub(renja)


def _narasi(renja):
    return BagianNarasi.objects.filter(renja=renja).order_by("urutan").first()


RENJA_VIEWS = {
    # name -> (method, url builder, POST data builder, expected per role)
    "indeks": ("get", lambda r: reverse("renja:indeks"), None, ["L", 200, 200, 200, 200, 200, 200, 200]),
    "indeks_xlsx": ("get", lambda r: reverse("renja:indeks") + "?format=xlsx", None,
                    ["L", 200, 200, 200, 200, 200, 200, 200]),
    "detail": ("get", lambda r: reverse("renja:detail", args=[r.pk]), None, BACA),
    "pdf": ("get", lambda r: reverse("renja:pdf", args=[r.pk]), None, BACA),
    "xlsx": ("get", lambda r: reverse("renja:xlsx", args=[r.pk]), None, BACA),
    "docx": ("get", lambda r: reverse("renja:docx", args=[r.pk]), None, BACA),
    "pemeriksaan": ("get", lambda r: reverse("renja:pemeriksaan", args=[r.pk]), None, BACA),
    "pemeriksaan_pdf": ("get", lambda r: reverse("renja:pemeriksaan_pdf", args=[r.pk]), None, BACA),
    "xlsx_semua": ("get", lambda r: reverse("renja:xlsx", args=[r.pk]) + "?tabel=semua", None, BACA),
    "baris": ("get", lambda r: reverse("renja:baris", args=[_sub(r).pk]), None, UBAH_GET),
    "baris_tambah": ("get", lambda r: reverse("renja:baris_tambah", args=[r.pk]), None, UBAH_GET),
    "narasi": ("get", lambda r: reverse("renja:narasi", args=[_narasi(r).pk]), None, UBAH_GET),
    "kelola_spm": ("get", lambda r: reverse("renja:kelola", args=[r.pk, "spm"]), None, UBAH_GET),
    "kelola_usulan": ("get", lambda r: reverse("renja:kelola", args=[r.pk, "usulan"]), None, UBAH_GET),
    "kelola_evaluasi": ("get", lambda r: reverse("renja:kelola", args=[r.pk, "evaluasi"]), None, UBAH_GET),
    "kelola_kinerja": ("get", lambda r: reverse("renja:kelola", args=[r.pk, "kinerja"]), None, UBAH_GET),
    "review": ("get", lambda r: reverse("renja:review", args=[r.pk, 1]), None, UBAH_GET),
    "tahap": ("post", lambda r: reverse("renja:tahap", args=[r.pk]),
              lambda r: {"tahap": "penetapan", "versi_dibaca": r.versi, "keterangan": "uji"}, UBAH_POST),
    "salin": ("post", lambda r: reverse("renja:salin", args=[r.pk]), lambda r: {"tahun": 2027}, UBAH_POST),
    "nomenklatur": ("post", lambda r: reverse("renja:nomenklatur", args=[r.pk]), lambda r: {"versi": ""},
                    UBAH_POST),
    "pratinjau_narasi": ("post", lambda r: reverse("renja:pratinjau_narasi"), lambda r: {"isi": "**uji**"},
                         ["L", 200, 200, 403, 403, 403, 403, 200]),
    "baris_hapus": ("post", lambda r: reverse("renja:baris_hapus", args=[_sub(r).pk]), lambda r: {}, UBAH_POST),
}
RENJA_CASES = [(v, role, RENJA_VIEWS[v][3][i]) for v in RENJA_VIEWS for i, role in enumerate(ROLES)]


@pytest.mark.parametrize(("view", "role", "expected"), RENJA_CASES, ids=[f"{v}-{r}" for v, r, _ in RENJA_CASES])
def test_the_permission_matrix_of_the_renja_pages(client, users, renja, monkeypatch, view, role, expected):
    from renja import services

    # The PDF itself is rendered once in test_dokumen; here only who may get it matters.
    monkeypatch.setattr(services, "renja_pdf", lambda renja: b"%PDF-1.4 uji")
    monkeypatch.setattr(services, "renja_pemeriksaan_pdf", lambda renja: b"%PDF-1.4 uji")
    monkeypatch.setattr(services, "renja_docx", lambda renja: b"PK uji")
    monkeypatch.setattr("renja.views.docx_tersedia", lambda: True)
    method, url_for, data_for, _ = RENJA_VIEWS[view]
    if role != "anonim":
        client.force_login(users[role])
    url = url_for(renja)
    response = client.post(url, data_for(renja)) if method == "post" else client.get(url)
    if expected == "L":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected


def test_the_list_is_exported_to_xlsx_with_every_renja_the_user_reads(client, users, renja, renja_lain):
    import io

    from openpyxl import load_workbook

    client.force_login(users["perencana"])
    response = client.get(reverse("renja:indeks") + "?format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True))
    assert rows == [(renja.opd.nama, 2026, renja.get_tahap_display())]


def test_copy_forward_through_the_page_gives_an_editable_renja_of_the_next_year(client, users, renja):
    from renja.services import renja_context

    client.force_login(users["perencana"])
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


def _isian_formset(prefix, forms, extra_fields):
    """POST data of a model formset page: the shown forms with their values plus `extra_fields`."""
    data = {f"{prefix}-TOTAL_FORMS": len(forms), f"{prefix}-INITIAL_FORMS": len(forms) - (1 if forms and
            forms[-1].instance.pk is None else 0), f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000}
    for form in forms:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if name == "id":
                value = form.instance.pk or ""
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    data.update(extra_fields)
    return data


def test_the_perencana_corrects_a_t_c_29_row_and_the_tingkat_realisasi_follows(client, users, renja):
    from renja.models import EvaluasiRenja
    from renja.tabel import evaluasi_renja

    client.force_login(users["perencana"])
    url = reverse("renja:kelola", args=[renja.pk, "evaluasi"])
    response = client.get(url)
    assert response.status_code == 200
    forms = list(response.context["formset"])
    baris = next(b for b in EvaluasiRenja.objects.filter(renja=renja).order_by("urutan", "id")
                 if b.target_n2 == "42")
    index = next(i for i, f in enumerate(forms) if f.instance.pk == baris.pk)
    data = _isian_formset("evaluasi", forms, {f"evaluasi-{index}-realisasi_n2": "21"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["formset"].errors
    row = next(r for r in evaluasi_renja(renja) if r.baris.pk == baris.pk)
    assert row.tingkat_realisasi == D(21) / D(42) * 100
    assert row.kategori_realisasi == "Sangat Rendah"
    assert "50,00" in client.get(renja.get_absolute_url()).content.decode()


def test_the_perencana_adds_a_t_c_30_row(client, users, renja):
    client.force_login(users["perencana"])
    url = reverse("renja:kelola", args=[renja.pk, "kinerja"])
    forms = list(client.get(url).context["formset"])
    sebelum = renja.kinerja_pelayanan.count()
    n = len(forms) - 1
    data = _isian_formset("kinerja", forms, {f"kinerja-{n}-indikator": "Persentase uji", f"kinerja-{n}-satuan": "%",
                                            f"kinerja-{n}-target_n": "100"})
    assert client.post(url, data).status_code == 302
    assert renja.kinerja_pelayanan.count() == sebelum + 1
    assert renja.kinerja_pelayanan.order_by("-urutan").first().indikator == "Persentase uji"


def test_long_tables_are_edited_a_page_at_a_time(client, users, renja):
    from renja.views import PER_HALAMAN_KELOLA

    client.force_login(users["perencana"])
    url = reverse("renja:kelola", args=[renja.pk, "evaluasi"])
    jumlah = renja.evaluasi.count()
    halaman = -(-jumlah // PER_HALAMAN_KELOLA)
    assert halaman > 1
    response = client.get(url + f"?halaman={halaman}")
    forms = list(response.context["formset"])
    assert len(forms) == jumlah - (halaman - 1) * PER_HALAMAN_KELOLA + 1  # plus the blank row
    assert f"Halaman {halaman} dari {halaman}" in response.content.decode()
    response = client.post(url + f"?halaman={halaman}", _isian_formset("evaluasi", forms, {}))
    assert response.status_code == 302 and response["Location"] == f"{url}?halaman={halaman}"
    assert renja.evaluasi.count() == jumlah


def test_the_narrative_preview_renders_markdown_through_the_sanitiser(client, users):
    client.force_login(users["perencana"])
    url = reverse("renja:pratinjau_narasi")
    assert client.get(url).status_code == 405
    html = client.post(url, {"isi": "Teks **tebal** <script>alert(1)</script>"}).content.decode()
    assert "<strong>tebal</strong>" in html
    assert "<script" not in html
    assert "Kosong" in client.post(url, {"isi": ""}).content.decode()


def test_t_c_29_of_a_copied_year_starts_from_the_renja_of_n_minus_2(renja, users):
    from renja.models import EvaluasiRenja

    renja_2027 = renja_salin_ke_tahun(renja_sumber=renja, tahun=2027, user=users["perencana"])
    assert not renja_2027.evaluasi.exists()  # the portal holds no Renja 2025
    renja_2028 = renja_salin_ke_tahun(renja_sumber=renja_2027, tahun=2028, user=users["perencana"])
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


def test_the_renja_matrix_covers_every_renja_view(renja):
    """A new Renja page must be added to RENJA_VIEWS: this fails when one of its URLs is missing."""
    from django.urls import resolve

    from renja import urls as renja_urls

    semua = {f"renja:{p.name}" for p in renja_urls.urlpatterns}
    diuji = {resolve(url_for(renja).split("?")[0]).view_name for _, url_for, _, _ in RENJA_VIEWS.values()}
    assert semua - diuji == set()


def test_a_second_save_of_the_same_table_row_is_refused_and_nothing_is_overwritten(client, users, renja):
    from renja.models import TargetSpm

    client.force_login(users["perencana"])
    url = reverse("renja:kelola", args=[renja.pk, "spm"])
    forms = list(client.get(url).context["formset"])  # both users read the page at the same time
    first = _isian_formset("spm", forms, {"spm-0-target": "310"})
    second = _isian_formset("spm", forms, {"spm-0-target": "320", "spm-1-target": "360"})
    assert client.post(url, first).status_code == 302
    response = client.post(url, second)
    assert response.status_code == 200
    assert "sudah diubah oleh pengguna lain" in response.content.decode()
    spm = list(TargetSpm.objects.filter(renja=renja).order_by("urutan", "id"))
    assert spm[0].target == D(310)
    assert spm[1].target == D(350)  # the refused save changed nothing, not even the other row
    # Deleting a row someone changed meanwhile is refused too.
    hapus = _isian_formset("spm", forms, {"spm-0-DELETE": "on"})
    assert client.post(url, hapus).status_code == 200
    assert TargetSpm.objects.filter(pk=spm[0].pk).exists()


def test_edits_of_review_lines_and_service_rows_are_in_the_audit_trail(client, users, renja):
    from renja.models import BarisReview, KinerjaPelayanan

    client.force_login(users["perencana"])
    url = reverse("renja:review", args=[renja.pk, 1])
    forms = list(client.get(url).context["formset"])
    assert client.post(url, _isian_formset("review", forms, {"review-0-catatan": "Sesuai"})).status_code == 302
    baris = BarisReview.objects.get(pk=forms[0].instance.pk)
    assert baris.history.first().catatan == "Sesuai"
    assert baris.history.first().history_user == users["perencana"]
    url = reverse("renja:kelola", args=[renja.pk, "kinerja"])
    forms = list(client.get(url).context["formset"])
    assert client.post(url, _isian_formset("kinerja", forms, {"kinerja-0-catatan": "Uji"})).status_code == 302
    assert KinerjaPelayanan.objects.get(pk=forms[0].instance.pk).history.first().catatan == "Uji"


def test_a_renja_in_penetapan_is_locked_until_its_tahap_goes_back(client, users, renja):
    client.force_login(users["perencana"])
    tahap = reverse("renja:tahap", args=[renja.pk])
    assert client.post(tahap, {"tahap": "penetapan", "versi_dibaca": renja.versi}).status_code == 302
    renja.refresh_from_db()
    baris = _baris_sub(renja)
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
