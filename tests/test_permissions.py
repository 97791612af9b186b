"""The permission matrix: every page × every role, allowed and forbidden.

Roles (DESIGN.md): an operator edits only its unit's rows, a perencana its
OPD, a pimpinan reads its OPD, an evaluator reads all, an admin does all;
anonymous users go to the login page. An object of another OPD answers 404.
"""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from indikator.models import Jabatan, PerjanjianKinerja, PkIndikator, Realisasi, RencanaAksi
from lkip.models import BagianLkip, Lkip, VersiTerbit
from portal.models import BerkasDokumen, JendelaInput, PermintaanJendela
from tests.factories import (
    DpaFactory,
    IndikatorFactory,
    RealisasiFactory,
    RenstraFactory,
    SasaranFactory,
    TargetFactory,
    UserFactory,
)

TAHUN = 2030
ROLES = ["anonim", "admin", "perencana", "operator", "operator_lain", "pimpinan", "evaluator", "perencana_lain"]


@pytest.fixture
def obj(kantor):
    """An indicator of the operator's unit with a submitted realisasi carrying evidence."""
    rehab = kantor.unit
    sasaran = SasaranFactory(tujuan__renstra=RenstraFactory(opd=kantor.opd, tahun_awal=TAHUN, tahun_akhir=TAHUN))
    indikator = IndikatorFactory(sasaran=sasaran, opd=kantor.opd, penanggung_jawab=rehab)
    TargetFactory(indikator=indikator, tahun=TAHUN, nilai=Decimal(20))
    realisasi = RealisasiFactory(indikator=indikator, tahun=TAHUN, triwulan=2, nilai=Decimal(4),
                                 status=Realisasi.Status.DIAJUKAN)
    realisasi.bukti.save("bukti.pdf", ContentFile(b"%PDF-1.4 uji"), save=True)
    for tw in range(1, 5):
        JendelaInput.objects.create(tahun=TAHUN, triwulan=tw)
    dpa = DpaFactory(opd=kantor.opd, tahun=TAHUN, unit_kerja=rehab, pagu_perubahan=Decimal(1000))
    # A draft PK perubahan to save and set; the PK murni is left uncreated for "pk_buat".
    pk_perubahan = PerjanjianKinerja.objects.create(opd=kantor.opd, tahun=TAHUN,
                                                    jenis=PerjanjianKinerja.Jenis.PERUBAHAN)
    # A rencana aksi of the unit on that PK, for the rencana aksi pages.
    pk_item = PkIndikator.objects.create(perjanjian=pk_perubahan, indikator=indikator, nilai=Decimal(20))
    aksi = RencanaAksi.objects.create(pk_indikator=pk_item, uraian="Aksi uji", unit=rehab)
    return {"opd": kantor.opd, "unit": rehab, "indikator": indikator, "realisasi": realisasi, "dpa": dpa,
            "renstra": sasaran.tujuan.renstra, "sasaran": sasaran, "tujuan": sasaran.tujuan,
            "pk_perubahan": pk_perubahan, "pk_item": pk_item, "aksi": aksi, **_lkip_obj(kantor.opd, indikator)}


PDF_PALSU = b"%PDF-1.4 uji"


@pytest.fixture(autouse=True)
def _pdf_palsu(monkeypatch, settings, tmp_path):
    """No real PDF render in the matrix (a full LKIP takes seconds); files go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr("lkip.services.html_to_pdf", lambda html: PDF_PALSU)


def _lkip_obj(opd, indikator):
    """An LKIP (of the year before TAHUN, whose PK the PK views leave alone) with a section, the indikator
    as its IKU, a rendered file and a published version."""
    tahun = TAHUN - 1
    perjanjian = PerjanjianKinerja.objects.create(opd=opd, tahun=tahun)
    PkIndikator.objects.create(perjanjian=perjanjian, indikator=indikator, nilai=Decimal(20))
    lkip = Lkip.objects.create(opd=opd, tahun=tahun)
    bagian = BagianLkip.objects.create(lkip=lkip, kunci="bab4_kesimpulan", judul="4.1 Kesimpulan")
    berkas = BerkasDokumen(jenis=BerkasDokumen.Jenis.LKIP, opd=opd, tahun=tahun, sidik_html="a" * 64,
                           status=BerkasDokumen.Status.SELESAI)
    berkas.berkas.save("lkip.pdf", ContentFile(PDF_PALSU), save=True)
    versi = VersiTerbit(lkip=lkip, nomor=1, sha256="b" * 64, ukuran=len(PDF_PALSU),
                        diterbitkan_oleh=UserFactory(opd=opd), diterbitkan_pada=timezone.now())
    versi.berkas.save("v1.pdf", ContentFile(PDF_PALSU), save=True)
    return {"lkip": lkip, "bagian": bagian, "berkas": berkas, "versi": versi, "perjanjian": perjanjian}


def _indikator_post(o):
    ind = o["indikator"]
    return {"kode": ind.kode, "nama": "Nama baru", "satuan": ind.satuan, "jenis_nilai": ind.jenis_nilai,
            "polaritas": ind.polaritas, "rumus_negatif": ind.rumus_negatif, "agregasi": ind.agregasi,
            "penanggung_jawab": ind.penanggung_jawab_id, "is_iku": "on", f"target_{TAHUN}": "20",
            "versi": ind.versi}


def _pk_perubahan(o):
    return reverse("indikator:pk", kwargs={"opd": o["opd"].pk, "tahun": TAHUN}) + "?jenis=perubahan"


def _jabatan(o):
    """A position of the OPD (made when a view of the matrix needs one)."""
    if "jabatan" not in o:
        o["jabatan"] = Jabatan.objects.create(opd=o["opd"], eselon="II", nama="Kepala Dinas Uji Matriks")
    return o["jabatan"]


def _aksi_url(o):
    return reverse("indikator:rencana_aksi", kwargs={"opd": o["opd"].pk, "tahun": TAHUN})


def _tw(o, **extra):
    return {"opd": o["opd"].pk, "tahun": TAHUN, "triwulan": 3, **extra}


def _permintaan(o):
    """A waiting request of the unit to open TW III (made when a view of the matrix needs one)."""
    if "permintaan" not in o:
        o["permintaan"] = PermintaanJendela.objects.create(opd=o["opd"], unit_kerja=o["unit"], tahun=TAHUN,
                                                           triwulan=3)
    return o["permintaan"]


def _pembuatan(o):
    """A city-wide LKIP run (made when a view of the matrix needs one)."""
    from lkip.models import PembuatanKota

    if "pembuatan" not in o:
        o["pembuatan"] = PembuatanKota.objects.create(tahun=TAHUN - 1, dibuat_oleh=UserFactory(role="admin",
                                                                                              opd=None))
    return o["pembuatan"]


# name -> (method, url builder, POST data builder)
VIEWS = {
    "beranda": ("get", lambda o: reverse("beranda"), None),
    "indeks": ("get", lambda o: reverse("indikator:indeks"), None),
    "rekap": ("get", lambda o: reverse("indikator:realisasi_rekap", kwargs=_tw(o)), None),
    "rekap_xlsx": ("get", lambda o: reverse("indikator:realisasi_rekap", kwargs=_tw(o)) + "?format=xlsx", None),
    "unit": ("get", lambda o: reverse("indikator:realisasi_unit", kwargs=_tw(o, unit=o["unit"].pk)), None),
    "unit_xlsx": (
        "get", lambda o: reverse("indikator:realisasi_unit", kwargs=_tw(o, unit=o["unit"].pk)) + "?format=xlsx",
        None),
    "simpan": (
        "post",
        lambda o: reverse("indikator:realisasi_simpan",
                          kwargs={"tahun": TAHUN, "triwulan": 3, "indikator": o["indikator"].pk}),
        lambda o: {f"r{o['indikator'].pk}-nilai": "3,5", f"r{o['indikator'].pk}-versi": ""},
    ),
    "capaian": (
        "post",
        lambda o: reverse("indikator:realisasi_capaian",
                          kwargs={"tahun": TAHUN, "triwulan": 3, "indikator": o["indikator"].pk}),
        lambda o: {f"r{o['indikator'].pk}-nilai": "3,5"},
    ),
    "ajukan": ("post", lambda o: reverse("indikator:realisasi_ajukan", kwargs=_tw(o, unit=o["unit"].pk)),
               lambda o: {}),
    "verifikasi": ("post", lambda o: reverse("indikator:realisasi_verifikasi", args=[o["realisasi"].pk]),
                   lambda o: {"versi": o["realisasi"].versi}),
    "kembalikan": ("post", lambda o: reverse("indikator:realisasi_kembalikan", args=[o["realisasi"].pk]),
                   lambda o: {"versi": o["realisasi"].versi, "catatan": "Perbaiki."}),
    "bukti": ("get", lambda o: reverse("indikator:realisasi_bukti", args=[o["realisasi"].pk]), None),
    "pk_indeks": ("get", lambda o: reverse("indikator:pk_indeks"), None),
    "pk": ("get", lambda o: reverse("indikator:pk", kwargs={"opd": o["opd"].pk, "tahun": TAHUN}), None),
    "pk_buat": ("post", lambda o: reverse("indikator:pk", kwargs={"opd": o["opd"].pk, "tahun": TAHUN}),
                lambda o: {"aksi": "buat"}),
    "pk_xlsx": ("get", lambda o: reverse("indikator:pk", kwargs={"opd": o["opd"].pk, "tahun": TAHUN})
                + "?format=xlsx", None),
    "pk_simpan": ("post", _pk_perubahan, lambda o: {"aksi": "simpan", "versi": o["pk_perubahan"].versi,
                                                     f"t{o['indikator'].pk}_0": "20"}),
    "pk_tetapkan": ("post", _pk_perubahan, lambda o: {"aksi": "tetapkan", "versi": o["pk_perubahan"].versi}),
    "pk_berjenjang": ("get", lambda o: reverse("indikator:pk_berjenjang", kwargs={"opd": o["opd"].pk,
                                                                               "tahun": TAHUN}), None),
    "pk_versi": ("get", lambda o: reverse("indikator:pk_versi", args=[o["perjanjian"].pk]), None),
    "pk_revisi": ("post", lambda o: reverse("indikator:pk_revisi", args=[o["perjanjian"].pk]),
                  lambda o: {"versi": o["perjanjian"].versi, "alasan": "prioritas", "catatan": "Uji."}),
    "rencana_aksi": ("get", lambda o: _aksi_url(o), None),
    "rencana_aksi_xlsx": ("get", lambda o: _aksi_url(o) + "?format=xlsx", None),
    "rencana_aksi_simpan": ("post", lambda o: _aksi_url(o),
                            lambda o: {"pk_indikator": o["pk_item"].pk, "uraian": "Aksi baru", "unit": o["unit"].pk,
                                       "urutan": 0, "versi": ""}),
    "aksi_triwulan": ("get", lambda o: reverse("indikator:aksi_triwulan", kwargs=_tw(o)), None),
    "aksi_simpan": ("post", lambda o: reverse("indikator:aksi_triwulan", kwargs=_tw(o)),
                    lambda o: {"rencana": o["aksi"].pk, "aksi": "simpan", "versi": "", "realisasi": "1"}),
    "aksi_verifikasi": ("post", lambda o: reverse("indikator:aksi_triwulan", kwargs=_tw(o)),
                        lambda o: {"rencana": o["aksi"].pk, "aksi": "verifikasi", "versi": ""}),
    "jabatan_ubah_form": ("get", lambda o: reverse("indikator:jabatan_ubah", args=[_jabatan(o).pk]), None),
    "jabatan_ubah": ("post", lambda o: reverse("indikator:jabatan_ubah", args=[_jabatan(o).pk]),
                     lambda o: {"pemegang_nama": "Pejabat Baru", "pemegang_nip": "1", "pemegang_pangkat": "",
                                "versi": _jabatan(o).versi}),
    "crosscutting": ("get", lambda o: reverse("indikator:crosscutting", kwargs={"opd": o["opd"].pk}), None),
    "crosscutting_simpan": ("post", lambda o: reverse("indikator:crosscutting", kwargs={"opd": o["opd"].pk}),
                            lambda o: {"indikator": o["indikator"].pk, "versi": "", "mitra_teks": "BPS",
                                       "kontribusi": "Data"}),
    "renstra_indeks": ("get", lambda o: reverse("indikator:renstra_indeks"), None),
    "renstra_list": ("get", lambda o: reverse("indikator:renstra_list", args=[o["opd"].pk]), None),
    "renstra_list_xlsx": ("get", lambda o: reverse("indikator:renstra_list", args=[o["opd"].pk]) + "?format=xlsx",
                          None),
    "pilih_opd_xlsx": ("get", lambda o: reverse("anggaran:indeks") + "?format=xlsx", None),
    "renstra_detail": ("get", lambda o: reverse("indikator:renstra_detail", args=[o["renstra"].pk]), None),
    "renstra_xlsx": ("get", lambda o: reverse("indikator:renstra_detail", args=[o["renstra"].pk]) + "?format=xlsx",
                     None),
    "tujuan_tambah_form": ("get", lambda o: reverse("indikator:tujuan_tambah", args=[o["renstra"].pk]), None),
    "tujuan_tambah": ("post", lambda o: reverse("indikator:tujuan_tambah", args=[o["renstra"].pk]),
                      lambda o: {"urutan": 2, "uraian": "Tujuan baru", "versi": ""}),
    "tujuan_ubah_form": ("get", lambda o: reverse("indikator:tujuan_ubah", args=[o["tujuan"].pk]), None),
    "tujuan_ubah": ("post", lambda o: reverse("indikator:tujuan_ubah", args=[o["tujuan"].pk]),
                    lambda o: {"urutan": 1, "uraian": "Baru", "versi": o["tujuan"].versi}),
    "sasaran_tambah_form": ("get", lambda o: reverse("indikator:sasaran_tambah", args=[o["tujuan"].pk]), None),
    "sasaran_tambah": ("post", lambda o: reverse("indikator:sasaran_tambah", args=[o["tujuan"].pk]),
                       lambda o: {"urutan": 2, "uraian": "Sasaran baru", "versi": ""}),
    "indikator_tambah_tujuan": ("get", lambda o: reverse("indikator:indikator_tambah_tujuan",
                                                         args=[o["tujuan"].pk]), None),
    "indikator_tambah_sasaran": ("get", lambda o: reverse("indikator:indikator_tambah_sasaran",
                                                          args=[o["sasaran"].pk]), None),
    "indikator_ubah_form": ("get", lambda o: reverse("indikator:indikator_ubah", args=[o["indikator"].pk]), None),
    "indikator_ubah": ("post", lambda o: reverse("indikator:indikator_ubah", args=[o["indikator"].pk]),
                       _indikator_post),
    "sasaran_ubah_form": ("get", lambda o: reverse("indikator:sasaran_ubah", args=[o["sasaran"].pk]), None),
    "sasaran_ubah": ("post", lambda o: reverse("indikator:sasaran_ubah", args=[o["sasaran"].pk]),
                     lambda o: {"urutan": 1, "uraian": "Baru", "versi": o["sasaran"].versi}),
    "realisasi_templat": ("get", lambda o: reverse("indikator:realisasi_template",
                                                    kwargs=_tw(o, unit=o["unit"].pk)), None),
    "realisasi_impor": ("get", lambda o: reverse("indikator:realisasi_impor", kwargs=_tw(o, unit=o["unit"].pk)),
                        None),
    "realisasi_impor_kirim": ("post", lambda o: reverse("indikator:realisasi_impor",
                                                         kwargs=_tw(o, unit=o["unit"].pk)),
                              lambda o: {"aksi": "pratinjau"}),
    "indikator_riwayat_xlsx": ("get", lambda o: reverse("indikator:indikator_riwayat", args=[o["indikator"].pk])
                               + "?format=xlsx", None),
    "dpa_riwayat_xlsx": ("get", lambda o: reverse("anggaran:dpa_riwayat", args=[o["dpa"].pk]) + "?format=xlsx",
                         None),
    "dpa_impor_kirim": ("post", lambda o: reverse("anggaran:dpa_impor", kwargs={"opd": o["opd"].pk, "tahun": TAHUN}),
                        lambda o: {"aksi": "pratinjau"}),
    "anggaran_opd": ("get", lambda o: reverse("anggaran:opd", args=[o["opd"].pk]), None),
    "indikator_riwayat": ("get", lambda o: reverse("indikator:indikator_riwayat", args=[o["indikator"].pk]), None),
    "dpa_riwayat": ("get", lambda o: reverse("anggaran:dpa_riwayat", args=[o["dpa"].pk]), None),
    "dpa_templat": ("get", lambda o: reverse("anggaran:dpa_template", kwargs={"opd": o["opd"].pk, "tahun": TAHUN}),
                    None),
    "dpa_impor": ("get", lambda o: reverse("anggaran:dpa_impor", kwargs={"opd": o["opd"].pk, "tahun": TAHUN}), None),
    "anggaran_indeks": ("get", lambda o: reverse("anggaran:indeks"), None),
    "dpa_list": ("get", lambda o: reverse("anggaran:dpa_list", kwargs={"opd": o["opd"].pk, "tahun": TAHUN}), None),
    "dpa_xlsx": ("get", lambda o: reverse("anggaran:dpa_list", kwargs={"opd": o["opd"].pk, "tahun": TAHUN})
                 + "?format=xlsx", None),
    "dpa_detail": ("get", lambda o: reverse("anggaran:dpa_detail", args=[o["dpa"].pk]), None),
    "dpa_triwulan": ("post", lambda o: reverse("anggaran:dpa_detail", args=[o["dpa"].pk]),
                     lambda o: {"aksi": "triwulan", "versi": o["dpa"].versi, "realisasi_1": "10",
                                "kas_1": "1000"}),
    "dpa_pagu": ("post", lambda o: reverse("anggaran:dpa_detail", args=[o["dpa"].pk]),
                 lambda o: {"aksi": "pagu", "versi": o["dpa"].versi, "pagu_perubahan": "2.000"}),
    "lkip_indeks": ("get", lambda o: reverse("lkip:indeks"), None),
    "lkip_xlsx": ("get", lambda o: reverse("lkip:indeks") + "?format=xlsx", None),
    "lkip_baru": ("post", lambda o: reverse("lkip:baru"), lambda o: {"tahun": TAHUN + 1}),
    "lkip_detail": ("get", lambda o: reverse("lkip:detail", args=[o["lkip"].pk]), None),
    "lkip_bagian_form": ("get", lambda o: reverse("lkip:bagian", args=[o["lkip"].pk, o["bagian"].kunci]), None),
    "lkip_bagian": ("post", lambda o: reverse("lkip:bagian", args=[o["lkip"].pk, o["bagian"].kunci]),
                    lambda o: {"judul": "4.1 Kesimpulan", "markdown": "Baru.", "versi_dibaca": o["bagian"].versi}),
    "lkip_analisis_form": ("get", lambda o: reverse("lkip:analisis", args=[o["lkip"].pk, o["indikator"].pk]),
                           None),
    "lkip_analisis": ("post", lambda o: reverse("lkip:analisis", args=[o["lkip"].pk, o["indikator"].pk]),
                      lambda o: {"uraian": "", "faktor": "Faktor.", "solusi": "", "langkah": "", "versi_dibaca": 0}),
    "lkip_ttd_form": ("get", lambda o: reverse("lkip:penandatangan", args=[o["lkip"].pk]), None),
    "lkip_ttd": ("post", lambda o: reverse("lkip:penandatangan", args=[o["lkip"].pk]),
                 lambda o: {"tempat": "Bekasi", "penandatangan_nama": "Nama", "penandatangan_nip": "",
                            "versi_dibaca": o["lkip"].versi}),
    "lkip_buat_pdf": ("post", lambda o: reverse("lkip:buat_pdf", args=[o["lkip"].pk]), lambda o: {}),
    "lkip_status_pdf": ("get", lambda o: reverse("lkip:status_pdf", args=[o["lkip"].pk]), None),
    "lkip_pdf": ("get", lambda o: reverse("lkip:pdf", args=[o["lkip"].pk]), None),
    "lkip_berkas": ("get", lambda o: reverse("lkip:berkas", args=[o["lkip"].pk, o["berkas"].pk]), None),
    "lkip_terbitkan": ("post", lambda o: reverse("lkip:terbitkan", args=[o["lkip"].pk]), lambda o: {}),
    "lkip_versi_pdf": ("get", lambda o: reverse("lkip:versi_pdf", args=[o["versi"].pk]), None),
    "lkip_verifikasi": ("get", lambda o: reverse("lkip:verifikasi") + "?sha256=" + o["versi"].sha256, None),
    "lkip_verifikasi_pdf": ("get", lambda o: reverse("lkip:verifikasi_pdf", args=[o["versi"].sha256]), None),
    "lkip_pk_pdf": ("get", lambda o: reverse("lkip:pk_pdf", args=[o["perjanjian"].pk]), None),
    "lkip_kota": ("get", lambda o: reverse("lkip:kota"), None),
    "lkip_kota_mulai": ("post", lambda o: reverse("lkip:kota"), lambda o: {"tahun": TAHUN - 1}),
    "lkip_kota_detail": ("get", lambda o: reverse("lkip:kota_detail", args=[_pembuatan(o).pk]), None),
    "lkip_kota_ulangi": ("post", lambda o: reverse("lkip:kota_ulangi", args=[_pembuatan(o).pk]), lambda o: {}),
    "lkip_kota_zip": ("get", lambda o: reverse("lkip:kota_zip", args=[_pembuatan(o).pk]), None),
    "lkip_pratinjau": ("post", lambda o: reverse("lkip:pratinjau"),
                       lambda o: {"kolom": "markdown", "markdown": "*x*"}),
    # Input windows: the perencana (and admin) changes them, readers of the OPD read them, an operator
    # reads them on its unit page and asks for a closed triwulan there (TW III is open here: the answer
    # is a message and a redirect).
    "jendela": ("get", lambda o: reverse("jendela:halaman", kwargs={"opd": o["opd"].pk, "tahun": TAHUN}), None),
    "jendela_xlsx": ("get", lambda o: reverse("jendela:halaman", kwargs={"opd": o["opd"].pk, "tahun": TAHUN})
                     + "?format=xlsx", None),
    "jendela_simpan": ("post", lambda o: reverse("jendela:simpan", kwargs={"opd": o["opd"].pk}),
                       lambda o: {"tahun": TAHUN, "triwulan": 3, "aksi": "tutup", "versi": ""}),
    "jendela_minta": ("post", lambda o: reverse("jendela:minta", kwargs={"opd": o["opd"].pk, "unit": o["unit"].pk}),
                      lambda o: {"tahun": TAHUN, "triwulan": 3, "kembali": "/"}),
    "jendela_jawab": ("post", lambda o: reverse("jendela:jawab", args=[_permintaan(o).pk]),
                      lambda o: {"aksi": "tolak", "jawaban": "Belum waktunya."}),
}

# Expected status per role, in the order of ROLES (anonymous always goes to the login page: "L").
# 302 on an allowed POST is the redirect after saving; on "indeks"/"rekap" it sends an operator
# (or a reader of one OPD) to its own page.
MATRIX = {
    "beranda":    ["L", 200, 200, 200, 200, 200, 200, 200],
    "rekap_xlsx": ["L", 200, 200, 302, 302, 200, 200, 404],
    "pk_xlsx":    ["L", 200, 200, 200, 200, 200, 200, 404],
    "pk_simpan":  ["L", 302, 302, 403, 403, 403, 403, 404],
    "pk_tetapkan": ["L", 302, 302, 403, 403, 403, 403, 404],
    "renstra_xlsx":       ["L", 200, 200, 200, 200, 200, 200, 404],
    "tujuan_tambah_form": ["L", 200, 200, 403, 403, 403, 403, 404],
    "tujuan_tambah":      ["L", 302, 302, 403, 403, 403, 403, 404],
    "tujuan_ubah_form":   ["L", 200, 200, 403, 403, 403, 403, 404],
    "tujuan_ubah":        ["L", 302, 302, 403, 403, 403, 403, 404],
    "sasaran_tambah_form": ["L", 200, 200, 403, 403, 403, 403, 404],
    "sasaran_tambah":     ["L", 302, 302, 403, 403, 403, 403, 404],
    "indikator_tambah_tujuan":  ["L", 200, 200, 403, 403, 403, 403, 404],
    "indikator_tambah_sasaran": ["L", 200, 200, 403, 403, 403, 403, 404],
    "indikator_ubah_form": ["L", 200, 200, 403, 403, 403, 403, 404],
    "indikator_ubah":     ["L", 302, 302, 403, 403, 403, 403, 404],
    "realisasi_impor_kirim":  ["L", 200, 200, 200, 404, 403, 403, 404],
    "indikator_riwayat_xlsx": ["L", 200, 200, 200, 404, 200, 200, 404],
    "dpa_riwayat_xlsx":   ["L", 200, 200, 200, 404, 200, 200, 404],
    "dpa_impor_kirim":    ["L", 200, 200, 403, 403, 403, 403, 404],
    "anggaran_opd":       ["L", 302, 302, 302, 302, 302, 302, 404],
    "indeks":     ["L", 200, 302, 302, 302, 302, 200, 302],
    "rekap":      ["L", 200, 200, 302, 302, 200, 200, 404],
    "unit":       ["L", 200, 200, 200, 404, 200, 200, 404],
    "unit_xlsx":  ["L", 200, 200, 200, 404, 200, 200, 404],
    "simpan":     ["L", 302, 302, 302, 404, 403, 403, 404],
    "capaian":    ["L", 200, 200, 200, 404, 200, 200, 404],
    "ajukan":     ["L", 302, 302, 302, 404, 403, 403, 404],
    "verifikasi": ["L", 302, 302, 403, 403, 403, 403, 404],
    "kembalikan": ["L", 302, 302, 403, 403, 403, 403, 404],
    "bukti":      ["L", 200, 200, 200, 404, 200, 200, 404],
    "pk_indeks":  ["L", 200, 302, 302, 302, 302, 200, 302],
    "pk":         ["L", 200, 200, 200, 200, 200, 200, 404],
    "pk_buat":    ["L", 302, 302, 403, 403, 403, 403, 404],
    "pk_berjenjang": ["L", 200, 200, 200, 200, 200, 200, 404],
    # Rencana aksi: the perencana plans; the unit of an action records its progress (another unit
    # neither sees nor reaches it: 404), the perencana verifies; readers read.
    "jabatan_ubah_form":   ["L", 200, 200, 403, 403, 403, 403, 404],
    "jabatan_ubah":        ["L", 302, 302, 403, 403, 403, 403, 404],
    "crosscutting":        ["L", 200, 200, 200, 200, 200, 200, 404],
    "crosscutting_simpan": ["L", 302, 302, 403, 403, 403, 403, 404],
    "rencana_aksi":        ["L", 200, 200, 200, 200, 200, 200, 404],
    "rencana_aksi_xlsx":   ["L", 200, 200, 200, 200, 200, 200, 404],
    "rencana_aksi_simpan": ["L", 302, 302, 403, 403, 403, 403, 404],
    "aksi_triwulan":       ["L", 200, 200, 200, 200, 200, 200, 404],
    "aksi_simpan":         ["L", 302, 302, 302, 404, 403, 403, 404],
    "aksi_verifikasi":     ["L", 302, 302, 403, 404, 403, 403, 404],
    "pk_versi":   ["L", 200, 200, 200, 200, 200, 200, 404],
    # the draft PK of the matrix cannot be revised: the perencana is sent back with the reason
    "pk_revisi":  ["L", 302, 302, 403, 403, 403, 403, 404],
    "renstra_indeks":    ["L", 200, 302, 302, 302, 302, 200, 302],
    "renstra_list":      ["L", 200, 200, 200, 200, 200, 200, 404],
    "renstra_list_xlsx": ["L", 200, 200, 200, 200, 200, 200, 404],
    "pilih_opd_xlsx":    ["L", 200, 302, 302, 302, 302, 200, 302],
    "renstra_detail":    ["L", 200, 200, 200, 200, 200, 200, 404],
    "sasaran_ubah_form": ["L", 200, 200, 403, 403, 403, 403, 404],
    "sasaran_ubah":      ["L", 302, 302, 403, 403, 403, 403, 404],
    "realisasi_templat": ["L", 200, 200, 200, 404, 200, 200, 404],
    "realisasi_impor":   ["L", 200, 200, 200, 404, 403, 403, 404],
    "indikator_riwayat": ["L", 200, 200, 200, 404, 200, 200, 404],
    "dpa_riwayat":       ["L", 200, 200, 200, 404, 200, 200, 404],
    "dpa_templat":       ["L", 200, 200, 200, 200, 200, 200, 404],
    "dpa_impor":         ["L", 200, 200, 403, 403, 403, 403, 404],
    # Everyone in the OPD reads its budget, an operator only its unit's lines (another unit's: 404);
    # the perencana keeps the pagu and anggaran kas, the unit of the line enters its realisasi.
    "anggaran_indeks": ["L", 200, 302, 302, 302, 302, 200, 302],
    "dpa_list":     ["L", 200, 200, 200, 200, 200, 200, 404],
    "dpa_xlsx":     ["L", 200, 200, 200, 200, 200, 200, 404],
    "dpa_detail":   ["L", 200, 200, 200, 404, 200, 200, 404],
    "dpa_triwulan": ["L", 302, 302, 302, 404, 403, 403, 404],
    "dpa_pagu":     ["L", 302, 302, 403, 404, 403, 403, 404],
    # LKIP: everyone signed in sees the list (operators without preview links) and downloads the published
    # versions and the PK; perencana/pimpinan/evaluator read the draft; only the perencana of the OPD edits
    # and publishes (a perencana of another OPD creates its own). Verification is public.
    "lkip_indeks":         ["L", 200, 200, 200, 200, 200, 200, 200],
    "lkip_xlsx":           ["L", 200, 200, 200, 200, 200, 200, 200],
    "lkip_baru":           ["L", 302, 302, 403, 403, 403, 403, 302],
    "lkip_detail":         ["L", 200, 200, 403, 403, 200, 200, 404],
    "lkip_bagian_form":    ["L", 200, 200, 403, 403, 403, 403, 404],
    "lkip_bagian":         ["L", 302, 302, 403, 403, 403, 403, 404],
    "lkip_analisis_form":  ["L", 200, 200, 403, 403, 403, 403, 404],
    "lkip_analisis":       ["L", 302, 302, 403, 403, 403, 403, 404],
    "lkip_ttd_form":       ["L", 200, 200, 403, 403, 403, 403, 404],
    "lkip_ttd":            ["L", 302, 302, 403, 403, 403, 403, 404],
    "lkip_buat_pdf":       ["L", 302, 302, 403, 403, 403, 403, 404],
    "lkip_status_pdf":     ["L", 200, 200, 403, 403, 200, 200, 404],
    "lkip_pdf":            ["L", 200, 200, 403, 403, 302, 302, 404],
    "lkip_berkas":         ["L", 200, 200, 403, 403, 200, 200, 404],
    "lkip_terbitkan":      ["L", 302, 302, 403, 403, 403, 403, 404],
    "lkip_versi_pdf":      ["L", 200, 200, 200, 200, 200, 200, 404],
    "lkip_verifikasi":     [200, 200, 200, 200, 200, 200, 200, 200],
    "lkip_verifikasi_pdf": [200, 200, 200, 200, 200, 200, 200, 200],
    "lkip_pk_pdf":         ["L", 200, 200, 200, 200, 200, 200, 404],
    # LKIP semua OPD: the evaluator's and the admin's, nobody else's.
    "lkip_kota":           ["L", 200, 403, 403, 403, 403, 200, 403],
    "lkip_kota_mulai":     ["L", 302, 403, 403, 403, 403, 302, 403],
    "lkip_kota_detail":    ["L", 200, 403, 403, 403, 403, 200, 403],
    "lkip_kota_ulangi":    ["L", 302, 403, 403, 403, 403, 302, 403],
    "lkip_kota_zip":       ["L", 200, 403, 403, 403, 403, 200, 403],
    "lkip_pratinjau":      ["L", 200, 200, 403, 403, 200, 200, 200],
    "jendela":        ["L", 200, 200, 403, 403, 200, 200, 404],
    "jendela_xlsx":   ["L", 200, 200, 403, 403, 200, 200, 404],
    "jendela_simpan": ["L", 302, 302, 403, 403, 403, 403, 404],
    "jendela_minta":  ["L", 403, 403, 302, 404, 403, 403, 404],
    "jendela_jawab":  ["L", 302, 302, 403, 403, 403, 403, 404],
}

CASES = [(view, role, MATRIX[view][i]) for view in VIEWS for i, role in enumerate(ROLES)]


@pytest.mark.parametrize(("view", "role", "expected"), CASES, ids=[f"{v}-{r}" for v, r, _ in CASES])
def test_the_permission_matrix(client, kantor, obj, view, role, expected):
    method, url_for, data_for = VIEWS[view]
    if role != "anonim":
        client.force_login(getattr(kantor, role))
    url = url_for(obj)
    response = client.post(url, data_for(obj)) if method == "post" else client.get(url)
    if expected == "L":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected


def test_a_forbidden_post_changes_nothing(client, kantor, obj):
    realisasi = obj["realisasi"]
    simpan = reverse("indikator:realisasi_simpan",
                     kwargs={"tahun": TAHUN, "triwulan": 3, "indikator": obj["indikator"].pk})
    for role in ("pimpinan", "evaluator", "operator", "operator_lain", "perencana_lain"):
        client.force_login(getattr(kantor, role))
        client.post(reverse("indikator:realisasi_verifikasi", args=[realisasi.pk]), {"versi": realisasi.versi})
        if role != "operator":
            client.post(simpan, {f"r{obj['indikator'].pk}-nilai": "1", f"r{obj['indikator'].pk}-versi": ""})
    realisasi.refresh_from_db()
    assert realisasi.status == Realisasi.Status.DIAJUKAN
    assert not Realisasi.objects.filter(indikator=obj["indikator"], triwulan=3).exists()


def test_the_matrix_covers_every_view_of_indikator_anggaran_and_lkip(obj):
    """A new page must be added to VIEWS/MATRIX: this fails when a URL of these apps is missing."""
    from django.urls import resolve

    from anggaran import urls as anggaran_urls
    from indikator import urls as indikator_urls
    from lkip import urls as lkip_urls

    semua = {f"indikator:{p.name}" for p in indikator_urls.urlpatterns}
    semua |= {f"anggaran:{p.name}" for p in anggaran_urls.urlpatterns}
    semua |= {f"lkip:{p.name}" for p in lkip_urls.urlpatterns}
    diuji = {resolve(url_for(obj).split("?")[0]).view_name for _, url_for, _ in VIEWS.values()}
    assert semua - diuji == set()


def test_the_matrix_covers_every_view_of_the_input_windows(obj):
    """A new window page must be added to VIEWS/MATRIX too."""
    from django.urls import resolve

    from portal import jendela_urls

    diuji = {resolve(url_for(obj).split("?")[0]).view_name for _, url_for, _ in VIEWS.values()}
    assert {f"jendela:{p.name}" for p in jendela_urls.urlpatterns} - diuji == set()


def test_a_forbidden_change_of_a_window_or_request_changes_nothing(client, kantor, obj):
    permintaan = _permintaan(obj)
    for role in ("pimpinan", "evaluator", "operator", "operator_lain", "perencana_lain"):
        client.force_login(getattr(kantor, role))
        client.post(reverse("jendela:simpan", kwargs={"opd": obj["opd"].pk}),
                    {"tahun": TAHUN, "triwulan": 3, "aksi": "tutup", "versi": ""})
        client.post(reverse("jendela:jawab", args=[permintaan.pk]), {"aksi": "tolak", "jawaban": "Tidak."})
    permintaan.refresh_from_db()
    assert permintaan.status == PermintaanJendela.Status.MENUNGGU
    assert not JendelaInput.objects.filter(opd=obj["opd"]).exists()
