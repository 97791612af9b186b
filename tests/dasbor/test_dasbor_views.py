"""Dashboard pages: who may see what, and that they answer the three questions on the demo."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from indikator.models import Indikator
from tests.factories import IndikatorFactory


def _login(client, user):
    client.force_login(user)
    return client


def test_the_pimpinan_sees_the_own_opd_dashboard(client, users):
    response = _login(client, users["pimpinan"]).get(reverse("dasbor:opd") + "?tahun=2023")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Persentase PPKS binaan yang mandiri" in body
    assert "Yang berisiko" in body
    # Serapan 2023 of the demo (DOMAIN.md §10.2), printed the Indonesian way.
    assert "85,62" in body
    # Bencana absorbed 72,38%: below 75, the budget risk the Kepala Dinas must see.
    assert "72,38" in body


def test_it_shows_an_annual_only_realisasi_as_the_years_figure(client, users):
    body = _login(client, users["perencana"]).get(reverse("dasbor:opd") + "?tahun=2024").content.decode()
    assert "tanpa rincian triwulan" in body
    assert "242,83" in body


def test_the_pimpinan_cannot_open_another_opds_dashboard(client, kantor):
    other = kantor.perencana_lain.opd
    response = _login(client, kantor.pimpinan).get(reverse("dasbor:opd") + f"?opd={other.pk}")
    assert response.status_code == 404


def test_it_answers_404_for_an_iku_of_another_opd(client, kantor):
    other_iku = IndikatorFactory(sasaran__tujuan__renstra__opd=kantor.perencana_lain.opd)
    response = _login(client, kantor.pimpinan).get(reverse("dasbor:iku", args=[other_iku.pk]))
    assert response.status_code == 404


def test_the_dashboards_are_not_for_operators(client, kantor):
    """An operator is scoped to its unit; the drill-down shows every unit's notes."""
    iku = IndikatorFactory(sasaran=kantor.sasaran, opd=kantor.opd, is_iku=True)
    _login(client, kantor.operator)
    for url in (reverse("dasbor:opd"), reverse("dasbor:iku", args=[iku.pk]), reverse("dasbor:pohon"),
                reverse("dasbor:tren")):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("role", ["pimpinan", "perencana", "operator"])
def test_it_refuses_the_city_overview_to_opd_roles(client, kantor, role):
    assert _login(client, getattr(kantor, role)).get(reverse("dasbor:kota")).status_code == 403


def test_the_evaluator_without_an_opd_lands_on_the_city_overview(client, kantor):
    response = _login(client, kantor.evaluator).get(reverse("dasbor:opd"))
    assert response.status_code == 302
    assert response.url == reverse("dasbor:kota")


def test_the_evaluator_opens_any_opd_dashboard(client, kantor):
    url = reverse("dasbor:opd") + f"?opd={kantor.opd.pk}&tahun=2026"
    response = _login(client, kantor.evaluator).get(url)
    assert response.status_code == 200
    assert kantor.opd.nama in response.content.decode()


def test_a_malformed_parameter_answers_404_not_500(client, kantor):
    assert _login(client, kantor.pimpinan).get(reverse("dasbor:opd") + "?tahun=abc").status_code == 404


def test_the_city_overview_lists_every_opd_with_its_figures(client, users, demo):
    response = _login(client, users["evaluator"]).get(reverse("dasbor:kota") + "?tahun=2023")
    assert response.status_code == 200
    body = response.content.decode()
    assert demo.nama in body
    assert users["perencana_lain"].opd.nama in body
    assert "85,62" in body


def test_the_city_overview_exports_every_row_to_xlsx(client, users, demo):
    response = _login(client, users["admin"]).get(reverse("dasbor:kota") + "?tahun=2023&format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Perangkat daerah"
    demo_row = next(r for r in rows if r[0] == demo.nama)
    assert demo_row[8] == 32019890719  # pagu, exact rupiah
    assert demo_row[9] == 27416231841
    assert len(rows) == 1 + 2  # header + the demo + the other OPD


def test_the_drill_down_explains_an_iku_with_its_programs_and_budget_lines(client, users, demo):
    ppks = Indikator.objects.get(opd=demo, kode="IKU-PPKS")
    response = _login(client, users["pimpinan"]).get(reverse("dasbor:iku", args=[ppks.pk]) + "?tahun=2023")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Indikator program pendukung" in body
    # Budget of the PPKS sasaran, LKIP Tabel 3.9: pagu 10.862.021.300, serapan 82,42 exact.
    assert "10.862.021.300" in body
    assert "82,42" in body


def test_the_pohon_kinerja_shows_sasaran_programs_and_sub_kegiatan(client, users):
    response = _login(client, users["pimpinan"]).get(reverse("dasbor:pohon") + "?tahun=2023")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Sasaran" in body
    assert "Sub kegiatan" in body
    assert "1.06.04" in body


def test_the_trends_show_akip_and_ikm_by_year(client, users):
    response = _login(client, users["pimpinan"]).get(reverse("dasbor:tren"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "77,29" in body  # AKIP 2024 LHE
    assert "92,06" in body  # IKM 2024, mutu A
    assert "Sangat Baik" in body


@pytest.mark.django_db
def test_the_dashboard_warns_of_every_projection_that_misses_its_target(client, settings):
    """Generated data filled to TW III: the warnings shown are the projections that miss, computed."""
    from django.core.management import call_command

    from indikator.pengukuran import capaian_indikator
    from portal.models import PerangkatDaerah, User
    from tests.factories import UserFactory

    settings.DASBOR_CACHE = False
    call_command("generate_city", "--opd=1", "--tahun-awal=2025", "--tahun-akhir=2025", "--sub-kegiatan=8",
                 stdout=io.StringIO())
    opd = PerangkatDaerah.objects.get(kode="GEN-01")
    rows = capaian_indikator(Indikator.objects.filter(opd=opd, is_iku=True), 2025)
    meleset = [r for r in rows if r.proyeksi_meleset]
    client.force_login(UserFactory(role=User.Role.EVALUATOR, opd=None))
    body = client.get(reverse("dasbor:opd") + f"?opd={opd.pk}&tahun=2025").content.decode()
    assert body.count("meleset dari target") == len(meleset)
    for row in meleset:
        # Each at-risk IKU links to its drill-down ("kenapa?").
        assert reverse("dasbor:iku", args=[row.indikator.pk]) in body
    assert "Yang berisiko" in body


def test_a_year_without_realisasi_shows_belum_diisi_never_zero(client, users):
    body = _login(client, users["pimpinan"]).get(reverse("dasbor:opd") + "?tahun=2026").content.decode()
    tabel = body.split('id="tabel-iku"')[1].split("</table>")[0]
    rows = tabel.split("<tr")[2:]  # after the header row
    assert rows and all('class="status-kosong"' in r for r in rows)
    for row in rows:
        cells = row.split("<td")
        # Capaian (beside the name, so a phone shows it) and realisasi cells say so, never a number.
        assert "belum diisi" in cells[3] and "belum diisi" in cells[6]
        assert "0,00" not in cells[3] + cells[6]


def test_the_opd_dashboard_exports_its_tables_to_xlsx(client, users, demo):
    from anggaran.rekap import anggaran_opd_program
    from indikator.models import Renstra

    response = _login(client, users["pimpinan"]).get(reverse("dasbor:opd") + "?tahun=2023&format=xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Capaian IKU", "Anggaran per program", "Rencana kas OPD", "Unit terlambat"]
    iku = list(workbook["Capaian IKU"].iter_rows(values_only=True))
    renstra = Renstra.berlaku(list(Renstra.objects.filter(opd=demo)), 2023)
    assert len(iku) == 1 + Indikator.objects.filter(is_iku=True, sasaran__tujuan__renstra=renstra).count()
    program = list(workbook["Anggaran per program"].iter_rows(values_only=True))
    tree = anggaran_opd_program(demo, 2023)
    assert len(program) == 1 + len(tree.anak) + 1  # header, one row per program, the total
    assert program[-1][1] == "Jumlah"
    assert program[-1][2] == tree.pagu
    assert [r[2] for r in program[1:-1]] == [p.pagu for p in tree.anak]


def test_the_drill_down_exports_its_tables_to_xlsx(client, users, demo):
    from anggaran.rekap import anggaran_opd_program, anggaran_program

    ppks = Indikator.objects.get(opd=demo, kode="IKU-PPKS")
    response = _login(client, users["pimpinan"]).get(
        reverse("dasbor:iku", args=[ppks.pk]) + "?tahun=2023&format=xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Per triwulan", "Indikator pendukung", "Program pendukung", "Baris anggaran"]
    programs = list(ppks.sasaran.program_pendukung.all())
    rows = list(workbook["Program pendukung"].iter_rows(values_only=True))[1:]
    assert len(rows) == len(programs)
    total = anggaran_program(anggaran_opd_program(demo, 2023), programs)
    assert sum(r[2] for r in rows) == total.pagu


def test_the_trends_export_their_tables_to_xlsx(client, users, demo):
    from evaluasi.models import EvaluasiAkip, SurveiKepuasan

    response = _login(client, users["pimpinan"]).get(reverse("dasbor:tren") + "?format=xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["IKU per tahun", "AKIP", "IKM"]
    assert workbook["AKIP"].max_row == 1 + EvaluasiAkip.objects.filter(opd=demo).count()
    assert workbook["IKM"].max_row == 1 + SurveiKepuasan.objects.filter(opd=demo).count()


def test_the_pohon_kinerja_labels_every_program_whose_serapan_is_kritis(client, users, demo):
    from anggaran.rekap import anggaran_opd

    tree = anggaran_opd(demo, 2023)
    kritis = [p for p in tree.anak if p.serapan is not None and p.serapan < demo.ambang_perhatian]
    assert kritis  # Penanganan Bencana in the demo
    body = _login(client, users["pimpinan"]).get(reverse("dasbor:pohon") + "?tahun=2023").content.decode()
    assert body.count("Serapan kritis") == len(kritis)


def test_a_survey_whose_unsur_are_still_being_entered_has_no_ikm_and_breaks_no_page(client, kantor):
    """The admin adds a survey's unsur one by one: until the ninth, its IKM is unknown, not an error."""
    from decimal import Decimal

    from evaluasi.models import SurveiKepuasan, UnsurSkm

    survei = SurveiKepuasan.objects.create(opd=kantor.opd, tahun=2026, nilai_ikm=Decimal("85.1"))
    for nomor in (1, 2, 3):
        UnsurSkm.objects.create(survei=survei, nomor=nomor, nama=f"Unsur {nomor}", nrr=Decimal("3.5"))
    assert survei.ikm() is None
    client.force_login(kantor.evaluator)
    assert client.get(reverse("dasbor:kota") + "?tahun=2026").status_code == 200
    assert client.get(reverse("dasbor:tren") + f"?opd={kantor.opd.pk}").status_code == 200


def test_the_drill_down_lists_the_units_rencana_aksi_behind_the_iku_and_flags_those_off_track(client, kantor):
    from decimal import Decimal

    from indikator.models import AksiTriwulan, PerjanjianKinerja, PkIndikator, RencanaAksi
    from tests.factories import IndikatorFactory
    from tests.kantor import TAHUN

    iku = IndikatorFactory(sasaran=kantor.sasaran, penanggung_jawab=kantor.unit, nama="Persentase PPKS mandiri")
    pk = PkIndikator.objects.create(perjanjian=PerjanjianKinerja.objects.create(opd=kantor.opd, tahun=TAHUN),
                                    indikator=iku, nilai=Decimal(20))
    tertinggal = RencanaAksi.objects.create(pk_indikator=pk, uraian="Pendampingan PPKS di panti", unit=kantor.unit)
    AksiTriwulan.objects.create(rencana=tertinggal, triwulan=1, target=Decimal(10), realisasi=Decimal(6))
    sesuai = RencanaAksi.objects.create(pk_indikator=pk, uraian="Pelatihan vokasional", unit=kantor.unit_lain)
    AksiTriwulan.objects.create(rencana=sesuai, triwulan=1, target=Decimal(5), realisasi=Decimal(5))
    lain = IndikatorFactory(sasaran=kantor.sasaran)
    RencanaAksi.objects.create(uraian="Aksi indikator lain", unit=kantor.unit, pk_indikator=PkIndikator.objects.create(
        perjanjian=pk.perjanjian, indikator=lain, nilai=Decimal(1)))

    page = _login(client, kantor.pimpinan).get(reverse("dasbor:iku", args=[iku.pk]) + f"?tahun={TAHUN}")
    teks = page.content.decode()
    bagian = teks[teks.index('id="tabel-rencana-aksi"'):teks.index("Indikator program pendukung")]
    assert "Pendampingan PPKS di panti" in bagian and "Pelatihan vokasional" in bagian
    assert "Aksi indikator lain" not in bagian
    assert bagian.count("tertinggal") == 1  # 6 of a target of 10; 5 of 5 is on track
