"""Editing a Renja: rows, their pagu and indicators, the tables (usulan, SPM, review, T-C.29, T-C.30),
the nomenclature link, the optimistic lock and the audit trail."""

from decimal import Decimal as D

from django.urls import reverse

from renja.models import BarisRencana
from tests.renja.bangun import RENCANA, SPM, baris_sub, formset_data, isian_formset, total_pagu


def test_the_perencana_edits_a_row_with_a_decimal_comma_free_rupiah(client, kantor, renja):
    client.force_login(kantor.perencana)
    baris = baris_sub(renja)
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


def test_it_refuses_a_negative_or_textual_pagu_naming_the_field(client, kantor, renja):
    client.force_login(kantor.perencana)
    baris = baris_sub(renja)
    for value, message in (("-5", "tidak boleh negatif"), ("lima juta", "Pagu indikatif")):
        response = client.post(reverse("renja:baris", args=[baris.pk]), {
            "versi_dibaca": baris.versi, "nama": baris.nama, "pagu": value,
            "indikator-TOTAL_FORMS": "0", "indikator-INITIAL_FORMS": "0",
        })
        assert response.status_code == 200
        assert message in response.content.decode()


def test_a_new_sub_kegiatan_goes_under_its_kegiatan_and_counts_in_the_total(client, kantor, renja):
    from renja.services import renja_context

    client.force_login(kantor.perencana)
    kegiatan = BarisRencana.objects.get(renja=renja, kode="1.06.02.2.01")
    response = client.post(reverse("renja:baris_tambah", args=[renja.pk]), {
        "level": "sub_kegiatan", "induk": kegiatan.pk, "kode": "1.06.02.2.01.0003",
        "nama": "Pengamanan Taman Makam Pahlawan", "pagu": "1.000.000",
    })
    assert response.status_code == 302
    ctx = renja_context(renja)
    assert ctx["total_pagu"].dari_baris == total_pagu() + D(1_000_000)
    rows = [n.baris.kode for n in ctx["rencana_rows"]]
    assert rows[-1] == "1.06.02.2.01.0003"
    response = client.post(reverse("renja:baris_tambah", args=[renja.pk]), {
        "level": "sub_kegiatan", "induk": BarisRencana.objects.get(renja=renja, kode="1.06.02").pk,
        "nama": "Salah induk",
    })
    assert response.status_code == 200
    assert "Induk sub kegiatan harus sebuah kegiatan" in response.content.decode()


def test_deleting_a_kegiatan_removes_its_sub_kegiatan_and_the_total_follows(client, kantor, renja):
    from renja.services import renja_context

    kegiatan = BarisRencana.objects.get(renja=renja, kode="1.06.02.2.01")
    url = reverse("renja:baris_hapus", args=[kegiatan.pk])
    client.force_login(kantor.pimpinan)
    assert client.post(url).status_code == 403
    client.force_login(kantor.perencana)
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not BarisRencana.objects.filter(renja=renja, kode__startswith="1.06.02.2.01").exists()
    ctx = renja_context(renja)
    # Program 02 has no rows left below it: its recorded figure stands in, labelled as recorded.
    program = next(p for p in ctx["pohon"] if p.baris.kode == "1.06.02")
    assert program.pagu == RENCANA["1.06.02"][2]
    assert ctx["total_pagu"].dari_baris == total_pagu("1.06.01") + RENCANA["1.06.02"][2]


def test_rows_link_to_the_nomenclature_version_where_their_code_exists(client, kantor, renja):
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
    client.force_login(kantor.perencana)
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


def test_the_perencana_adds_an_usulan_that_t_c_32_then_prints(client, kantor, renja):
    from renja.models import Usulan
    from renja.services import renja_context

    client.force_login(kantor.perencana)
    url = reverse("renja:kelola", args=[renja.pk, "usulan"])
    assert client.get(url).status_code == 200
    response = client.post(url, formset_data("usulan", [{
        "program_kegiatan": "Rehabilitasi rumah tidak layak huni", "lokasi": "Kel. Margahayu",
        "indikator": "Jumlah rumah", "volume": "10 unit", "pengusul": "Musrenbang Kecamatan", "catatan": "",
    }]))
    assert response.status_code == 302
    usulan = Usulan.objects.get(renja=renja)
    assert usulan.urutan == 1
    assert renja_context(renja)["usulan"] == [usulan]


def test_spm_targets_accept_a_decimal_comma_and_refuse_text(client, kantor, renja):
    from renja.models import TargetSpm

    client.force_login(kantor.perencana)
    url = reverse("renja:kelola", args=[renja.pk, "spm"])
    spm = list(TargetSpm.objects.filter(renja=renja).order_by("urutan"))
    rows = [{"id": s.pk, "versi_dibaca": s.versi, "jenis_pelayanan": s.jenis_pelayanan, "indikator": s.indikator,
             "target": str(int(s.target)), "satuan": s.satuan} for s in spm]
    rows[0]["target"] = "1.250,5"
    assert client.post(url, formset_data("spm", rows, initial=len(rows))).status_code == 302
    assert TargetSpm.objects.get(pk=spm[0].pk).target == D("1250.5")
    rows[0]["target"] = "tiga ratus"
    response = client.post(url, formset_data("spm", rows, initial=len(rows)))
    assert response.status_code == 200
    assert "Target:" in response.content.decode()


def test_a_review_line_gets_its_catatan_and_the_check_follows_the_corrected_cell(client, users, renja_demo):
    from renja.models import BarisReview
    from renja.pemeriksaan import pemeriksaan

    client.force_login(users["perencana"])
    url = reverse("renja:review", args=[renja_demo.pk, 1])
    lines = list(BarisReview.objects.filter(tabel__renja=renja_demo, tabel__nomor=1).order_by("urutan"))
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
    response = client.post(url, formset_data("review", rows, initial=len(rows)))
    assert response.status_code == 302
    assert BarisReview.objects.get(pk=lines[0].pk).catatan == "Sesuai RKPD"
    pesan = " | ".join(t.pesan for t in pemeriksaan(renja_demo))
    assert '(Tabel 2.19), program III "PROGRAM REHABILITASI SOSIAL"' not in pesan
    assert 'dicatat Rp 1.350.000.000' in pesan


def test_the_perencana_corrects_a_t_c_29_row_and_the_tingkat_realisasi_follows(client, kantor, renja):
    from renja.models import EvaluasiRenja
    from renja.tabel import evaluasi_renja

    client.force_login(kantor.perencana)
    url = reverse("renja:kelola", args=[renja.pk, "evaluasi"])
    response = client.get(url)
    assert response.status_code == 200
    forms = list(response.context["formset"])
    baris = next(b for b in EvaluasiRenja.objects.filter(renja=renja).order_by("urutan", "id")
                 if b.target_n2 == "42")
    index = next(i for i, f in enumerate(forms) if f.instance.pk == baris.pk)
    data = isian_formset("evaluasi", forms, {f"evaluasi-{index}-realisasi_n2": "21"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["formset"].errors
    row = next(r for r in evaluasi_renja(renja) if r.baris.pk == baris.pk)
    assert row.tingkat_realisasi == D(21) / D(42) * 100
    assert row.kategori_realisasi == "Sangat Rendah"
    assert "50,00" in client.get(renja.get_absolute_url()).content.decode()


def test_the_perencana_adds_a_t_c_30_row(client, kantor, renja):
    client.force_login(kantor.perencana)
    url = reverse("renja:kelola", args=[renja.pk, "kinerja"])
    forms = list(client.get(url).context["formset"])
    sebelum = renja.kinerja_pelayanan.count()
    n = len(forms) - 1
    data = isian_formset("kinerja", forms, {f"kinerja-{n}-indikator": "Persentase uji", f"kinerja-{n}-satuan": "%",
                                            f"kinerja-{n}-target_n": "100"})
    assert client.post(url, data).status_code == 302
    assert renja.kinerja_pelayanan.count() == sebelum + 1
    assert renja.kinerja_pelayanan.order_by("-urutan").first().indikator == "Persentase uji"


def test_long_tables_are_edited_a_page_at_a_time(client, kantor, renja):
    from renja.models import EvaluasiRenja
    from renja.views import PER_HALAMAN_KELOLA

    EvaluasiRenja.objects.bulk_create(EvaluasiRenja(renja=renja, urutan=1000 + i, level="sub_kegiatan",
                                                    nama=f"Baris {i}") for i in range(PER_HALAMAN_KELOLA))
    client.force_login(kantor.perencana)
    url = reverse("renja:kelola", args=[renja.pk, "evaluasi"])
    jumlah = renja.evaluasi.count()
    halaman = -(-jumlah // PER_HALAMAN_KELOLA)
    assert halaman > 1
    response = client.get(url + f"?halaman={halaman}")
    forms = list(response.context["formset"])
    assert len(forms) == jumlah - (halaman - 1) * PER_HALAMAN_KELOLA + 1  # plus the blank row
    assert f"Halaman {halaman} dari {halaman}" in response.content.decode()
    response = client.post(url + f"?halaman={halaman}", isian_formset("evaluasi", forms, {}))
    assert response.status_code == 302 and response["Location"] == f"{url}?halaman={halaman}"
    assert renja.evaluasi.count() == jumlah


def test_a_second_save_of_the_same_table_row_is_refused_and_nothing_is_overwritten(client, kantor, renja):
    from renja.models import TargetSpm

    client.force_login(kantor.perencana)
    url = reverse("renja:kelola", args=[renja.pk, "spm"])
    forms = list(client.get(url).context["formset"])  # both users read the page at the same time
    first = isian_formset("spm", forms, {"spm-0-target": "310"})
    second = isian_formset("spm", forms, {"spm-0-target": "320", "spm-1-target": "360"})
    assert client.post(url, first).status_code == 302
    response = client.post(url, second)
    assert response.status_code == 200
    assert "sudah diubah oleh pengguna lain" in response.content.decode()
    spm = list(TargetSpm.objects.filter(renja=renja).order_by("urutan", "id"))
    assert spm[0].target == D(310)
    assert spm[1].target == SPM[1][2]  # the refused save changed nothing, not even the other row
    # Deleting a row someone changed meanwhile is refused too.
    hapus = isian_formset("spm", forms, {"spm-0-DELETE": "on"})
    assert client.post(url, hapus).status_code == 200
    assert TargetSpm.objects.filter(pk=spm[0].pk).exists()


def test_edits_of_review_lines_and_service_rows_are_in_the_audit_trail(client, kantor, renja):
    from renja.models import BarisReview, KinerjaPelayanan

    client.force_login(kantor.perencana)
    url = reverse("renja:review", args=[renja.pk, 1])
    forms = list(client.get(url).context["formset"])
    assert client.post(url, isian_formset("review", forms, {"review-0-catatan": "Sesuai"})).status_code == 302
    baris = BarisReview.objects.get(pk=forms[0].instance.pk)
    assert baris.history.first().catatan == "Sesuai"
    assert baris.history.first().history_user == kantor.perencana
    url = reverse("renja:kelola", args=[renja.pk, "kinerja"])
    forms = list(client.get(url).context["formset"])
    assert client.post(url, isian_formset("kinerja", forms, {"kinerja-0-catatan": "Uji"})).status_code == 302
    assert KinerjaPelayanan.objects.get(pk=forms[0].instance.pk).history.first().catatan == "Uji"
