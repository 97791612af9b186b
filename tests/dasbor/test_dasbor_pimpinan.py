"""The Kepala Dinas's first screen: each IKU as a card, the budget line against the anggaran kas, the late
units and the three things that need attention now — every figure from the rows the IKU table shows."""

import datetime
import io

import time_machine
from django.core.management import call_command
from django.urls import reverse

from anggaran.rekap import anggaran_opd_program
from indikator.models import Indikator, Realisasi
from indikator.pengukuran import capaian_indikator
from portal.angka import format_persen, format_rupiah
from portal.models import PerangkatDaerah, User
from tests.dasbor.conftest import TAHUN_KOTA
from tests.factories import UserFactory

TAHUN = TAHUN_KOTA
SESUDAH_TW3 = datetime.datetime(TAHUN, 10, 15, 9, tzinfo=datetime.UTC)
SELAMA_TW3 = datetime.datetime(TAHUN, 8, 1, 9, tzinfo=datetime.UTC)


def _halaman(client, opd, saat=SESUDAH_TW3, query=""):
    client.force_login(UserFactory(role=User.Role.PIMPINAN, opd=opd))
    with time_machine.travel(saat):
        response = client.get(reverse("dasbor:opd") + f"?tahun={TAHUN}{query}")
    assert response.status_code == 200
    return response.content.decode()


def _kartu(body, kode):
    return body.split(f'data-iku="{kode}"')[1].split("</article>")[0]


def _bagian(body, id_):
    return body.split(f'id="{id_}"')[1].split("</div>\n")[0]


def test_each_iku_card_shows_its_capaian_and_the_change_since_the_previous_quarter(client, gen):
    body = _halaman(client, gen)
    ikus = Indikator.objects.filter(opd=gen, is_iku=True)
    sekarang = capaian_indikator(ikus, TAHUN, 3)
    lalu = {r.indikator.pk: r for r in capaian_indikator(ikus, TAHUN, 2)}
    berubah = 0
    for r in sekarang:
        kartu = _kartu(body, r.indikator.kode)
        assert r.indikator.nama in kartu
        if r.capaian is not None:
            assert format_persen(r.capaian) in kartu.split('data-nilai="capaian"')[1].split("</span>")[0]
        perubahan = kartu.split('data-nilai="perubahan"')[1].split("</dd>")[0]
        if r.capaian is not None and lalu[r.indikator.pk].capaian is not None:
            beda = r.capaian - lalu[r.indikator.pk].capaian
            if round(beda, 2):
                assert format_persen(abs(beda)) in perubahan and ("▲" if beda > 0 else "▼") in perubahan
                berubah += 1
        else:
            assert "–" in perubahan
        if r.proyeksi_capaian is not None:
            assert format_persen(r.proyeksi_capaian) in kartu.split('data-nilai="proyeksi"')[1].split("</dd>")[0]
    assert berubah, "the generated data must move at least one IKU between TW II and TW III"


def test_the_budget_line_shows_the_gap_to_the_anggaran_kas_in_rupiah(client, gen):
    body = _halaman(client, gen)
    tree = anggaran_opd_program(gen, TAHUN)
    kas, realisasi = tree.kas_sd(3), tree.realisasi_sd(3)
    bagian = body.split('id="ringkas-anggaran"')[1].split('id="unit-terlambat"')[0]
    assert format_rupiah(kas) in bagian and format_rupiah(realisasi) in bagian
    assert format_rupiah(abs(realisasi - kas)) in bagian
    assert ("Tertinggal" if realisasi < kas else "Di atas rencana kas") in bagian


def test_a_unit_that_has_not_reported_a_due_quarter_is_listed_as_late(client, gen):
    ind = Indikator.objects.filter(opd=gen, penanggung_jawab__isnull=False,
                                   realisasi__tahun=TAHUN, realisasi__triwulan=3).first()
    Realisasi.objects.filter(indikator=ind, tahun=TAHUN, triwulan=3).delete()
    terlambat = _halaman(client, gen).split('id="unit-terlambat"')[1].split("</ul>")[0]
    assert ind.penanggung_jawab.nama in terlambat and "indikator belum diisi" in terlambat
    # While the quarter still runs nothing of it is late yet.
    berjalan = _halaman(client, gen, SELAMA_TW3).split('id="unit-terlambat"')[1].split("</div>")[0]
    assert "belum jatuh tempo" in berjalan and ind.penanggung_jawab.nama not in berjalan


def test_the_three_things_for_attention_put_a_kritis_iku_first_with_its_drill_down(client, gen):
    iku = Indikator.objects.filter(opd=gen, is_iku=True, agregasi=Indikator.Agregasi.NILAI_AKHIR).first()
    # Far below its target: capaian in the kritis band.
    Realisasi.objects.filter(indikator=iku, tahun=TAHUN).update(nilai=1, pembilang=None, penyebut=None)
    perhatian = _halaman(client, gen).split('id="perhatian"')[1].split("</ol>")[0]
    items = perhatian.split("<li")[1:]
    assert 1 <= len(items) <= 3
    assert iku.nama in items[0] and "Kritis" in items[0]
    assert reverse("dasbor:iku", args=[iku.pk]) in items[0]


def _grafik(body, nama):
    import json

    return json.loads(body.split(f'id="{nama}" type="application/json">')[1].split("</script>")[0])


def test_the_charts_are_labelled_with_names_and_mark_a_capaian_above_its_target(client, gen):
    iku = Indikator.objects.filter(opd=gen, is_iku=True, agregasi=Indikator.Agregasi.NILAI_AKHIR).first()
    # Twice the target: capaian far over 100 %, which the chart must set apart from "reached".
    Realisasi.objects.filter(indikator=iku, tahun=TAHUN).update(nilai=iku.target.get(tahun=TAHUN).nilai * 2,
                                                                 pembilang=None, penyebut=None)
    body = _halaman(client, gen)
    grafik = _grafik(body, "data-grafik-iku")
    rows = {r.indikator.nama: r for r in capaian_indikator(Indikator.objects.filter(opd=gen, is_iku=True), TAHUN, 3)
            if r.capaian is not None}
    assert grafik["nama"] == list(rows)
    assert not any(r.indikator.kode in " ".join(grafik["labels"]) for r in rows.values())
    assert all(label.rstrip("…") in nama for label, nama in zip(grafik["labels"], grafik["nama"], strict=True))
    assert grafik["lebih"] == [r.capaian > 100 for r in rows.values()] and grafik["lebih"][
        list(rows).index(iku.nama)]
    assert grafik["ambang_tercapai"] == str(round(gen.ambang_tercapai, 2))
    program = _grafik(body, "data-grafik-program")
    tree = anggaran_opd_program(gen, TAHUN)
    assert program["nama"] == [f"{p.kode} {p.nama}" for p in tree.anak]
    assert not any(p.kode in label for p in tree.anak for label in program["labels"])


def _rincian(client, opd, iku, query=""):
    client.force_login(UserFactory(role=User.Role.PIMPINAN, opd=opd))
    response = client.get(reverse("dasbor:iku", args=[iku.pk]) + f"?tahun={TAHUN}{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_the_drill_down_sets_each_quarters_target_beside_its_realisasi_as_the_dashboard_measured_it(client, gen):
    from portal.angka import format_nilai

    iku = Indikator.objects.filter(opd=gen, is_iku=True, agregasi=Indikator.Agregasi.JUMLAH).first()
    tabel = _rincian(client, gen, iku).split('id="tabel-triwulan"')[1].split("</table>")[0]
    for tw in (1, 2, 3):
        baris = tabel.split(f'data-tw="{tw}"')[1].split("</tr>")[0]
        row = capaian_indikator(Indikator.objects.filter(pk=iku.pk), TAHUN, tw)[0]
        cells = baris.split("<td")[1:]
        assert format_nilai(row.target) in cells[2] and format_nilai(row.realisasi) in cells[3]
        assert format_persen(row.capaian) in cells[4]
        # The LKIP's number format: a whole number plain, else two decimals; never "1,00".
        assert format_nilai(row.target_tw[tw]) in cells[0]


def test_the_drill_down_says_what_its_projection_assumes(client, gen):
    iku = Indikator.objects.filter(opd=gen, is_iku=True, agregasi=Indikator.Agregasi.JUMLAH).first()
    body = _rincian(client, gen, iku)
    assert "target s.d. TW n × target tahunan" in body.split('id="asumsi-proyeksi"')[1].split("</p>")[0]


def test_the_drill_down_sorts_its_budget_by_how_far_behind_the_anggaran_kas_as_it_says(client, gen):
    iku = Indikator.objects.filter(opd=gen, is_iku=True, sasaran__program_pendukung__isnull=False).first()
    body = _rincian(client, gen, iku)
    tree = anggaran_opd_program(gen, TAHUN)
    program_ids = set(iku.sasaran.program_pendukung.values_list("pk", flat=True))
    program = [p for p in tree.anak if p.obj is not None and p.obj.pk in program_ids]
    urutan = sorted(program, key=lambda p: p.realisasi_sd(3) - p.kas_sd(3))
    tabel = body.split('id="tabel-program-pendukung"')[1].split("</table>")[0]
    assert [x.split('"')[0] for x in tabel.split('data-program="')[1:]] == [p.kode for p in urutan]
    from anggaran.rekap import anggaran_opd

    baris = [b for p in anggaran_opd(gen, TAHUN).anak if p.obj is not None and p.obj.pk in program_ids
             for b in p.iter_rows() if b.level == "sub_kegiatan"]
    urutan_baris = sorted(baris, key=lambda b: b.realisasi_sd(3) - b.kas_sd(3))
    tabel = body.split('id="tabel-baris"')[1].split("</table>")[0]
    assert [x.split('"')[0] for x in tabel.split('data-baris="')[1:]] == [b.kode for b in urutan_baris]
    assert "paling tertinggal dari anggaran kas s.d. TW 3" in body.split('id="urutan-baris"')[1]


def test_a_blank_figure_of_the_drill_down_never_carries_a_unit(client, users, demo):
    iku = Indikator.objects.filter(opd=demo, is_iku=True, jenis_nilai=Indikator.JenisNilai.ANGKA).first()
    client.force_login(users["pimpinan"])
    body = client.get(reverse("dasbor:iku", args=[iku.pk]) + "?tahun=2026").content.decode()
    assert f"belum diisi</span> {iku.satuan}" not in body and "belum diisi</span>" in body


def test_without_an_anggaran_kas_the_drill_down_sorts_by_the_lowest_serapan_and_says_so(client, users, demo):
    from anggaran.rekap import anggaran_opd

    iku = Indikator.objects.filter(opd=demo, is_iku=True, sasaran__program_pendukung__isnull=False).first()
    client.force_login(users["pimpinan"])
    body = client.get(reverse("dasbor:iku", args=[iku.pk]) + "?tahun=2023").content.decode()
    program_ids = set(iku.sasaran.program_pendukung.values_list("pk", flat=True))
    program = [p for p in anggaran_opd(demo, 2023).anak if p.obj is not None and p.obj.pk in program_ids]
    assert program
    tabel = body.split('id="tabel-program-pendukung"')[1].split("</table>")[0]
    urutan = sorted(program, key=lambda p: (p.serapan is None, p.serapan or 0))
    assert [x.split('"')[0] for x in tabel.split('data-program="')[1:]] == [p.kode for p in urutan]
    assert "serapan setahun terendah" in body.split('id="urutan-program"')[1].split("</p>")[0]


def test_the_city_view_ranks_the_opds_by_iku_on_track_and_by_serapan_against_the_anggaran_kas(client, db, settings):
    from decimal import Decimal

    from anggaran.rekap import serapan, triwulan_anggaran
    from indikator.pengukuran import hitung_status

    settings.DASBOR_CACHE = False
    call_command("generate_city", "--opd=3", "--tahun-awal=2025", f"--tahun-akhir={TAHUN}", "--sub-kegiatan=8",
                 stdout=io.StringIO())
    client.force_login(UserFactory(role=User.Role.EVALUATOR, opd=None))
    sesuai, terhadap_kas = {}, {}
    for opd in PerangkatDaerah.objects.all():
        status = hitung_status(capaian_indikator(Indikator.objects.filter(opd=opd, is_iku=True), TAHUN))
        dinilai = status["tercapai"] + status["perhatian"] + status["kritis"]
        sesuai[opd.pk] = (Decimal(status["tercapai"]) / dinilai * 100 if dinilai else None, status["kritis"], opd.nama)
        tree = anggaran_opd_program(opd, TAHUN)
        n = triwulan_anggaran(tree)
        terhadap_kas[opd.pk] = (serapan(tree.realisasi_sd(n), tree.kas_sd(n)) if n else None, opd.nama)

    def urutan(body):
        daftar = body.split('id="peringkat-kota"')[1].split("</ol>")[0]
        return [int(x.split('"')[0]) for x in daftar.split('data-opd="')[1:]]

    body = client.get(reverse("dasbor:kota") + f"?tahun={TAHUN}").content.decode()
    assert urutan(body) == sorted(sesuai, key=lambda k: (sesuai[k][0] is None, -(sesuai[k][0] or 0), *sesuai[k][1:]))
    body = client.get(reverse("dasbor:kota") + f"?tahun={TAHUN}&urut=anggaran").content.decode()
    assert urutan(body) == sorted(terhadap_kas, key=lambda k: (terhadap_kas[k][0] is None, -(terhadap_kas[k][0] or 0),
                                                               terhadap_kas[k][1]))
    # Each card links into that OPD's dashboard.
    for pk in terhadap_kas:
        assert f'{reverse("dasbor:opd")}?opd={pk}&amp;tahun={TAHUN}' in body


def test_the_dashboard_xlsx_carries_the_cards_change_and_the_late_units(client, gen):
    from openpyxl import load_workbook

    ind = Indikator.objects.filter(opd=gen, penanggung_jawab__isnull=False,
                                   realisasi__tahun=TAHUN, realisasi__triwulan=3).first()
    Realisasi.objects.filter(indikator=ind, tahun=TAHUN, triwulan=3).delete()
    client.force_login(UserFactory(role=User.Role.PIMPINAN, opd=gen))
    with time_machine.travel(SESUDAH_TW3):
        response = client.get(reverse("dasbor:opd") + f"?tahun={TAHUN}&format=xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    iku = list(workbook["Capaian IKU"].iter_rows(values_only=True))
    kolom = iku[0].index("Perubahan capaian sejak triwulan lalu (poin)")
    rows = {r.indikator.kode: r for r in capaian_indikator(Indikator.objects.filter(opd=gen, is_iku=True), TAHUN, 3)}
    lalu = {r.indikator.kode: r for r in capaian_indikator(Indikator.objects.filter(opd=gen, is_iku=True), TAHUN, 2)}
    for baris in iku[1:]:
        r, s = rows[baris[1]], lalu[baris[1]]
        harap = None if r.capaian is None or s.capaian is None else round(r.capaian - s.capaian, 2)
        assert (baris[kolom] is None and harap is None) or abs(baris[kolom] - float(harap)) < 0.006
    terlambat = list(workbook["Unit terlambat"].iter_rows(values_only=True))[1:]
    assert any(t[0] == ind.penanggung_jawab.nama and ind.kode in (t[4] or "") for t in terlambat)
