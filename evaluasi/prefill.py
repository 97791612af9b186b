"""What the portal's own records say about a criterion: a proposed answer, the fact behind it and a link.

Never an answer by itself: the worksheet shows the proposal beside the
criterion and a person confirms it (or answers otherwise). One function per
criterion code, registered in ATURAN; each reads the OPD's records of the
year evaluated and returns a Saran, or None when the records say nothing.
The document apps above this one (lkip) name their own rules on their
AppConfig (`prefill_lke`, a function (opd, tahun) -> {kode: Saran}), as they
name their home-page tasks.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.module_loading import import_string

from indikator.models import Indikator, PerjanjianKinerja, Realisasi, Renstra

ATURAN = {}

# A share (%) of records that meet a criterion → the proposed answer: the bands of the graded scale.
PITA_JAWABAN = [(100, "AA"), (90, "A"), (80, "BB"), (70, "B"), (60, "CC"), (50, "C")]


@dataclass
class Saran:
    jawaban: str  # the proposed answer's code on the criterion's scale (AA … E)
    keterangan: str  # what the records say, in a sentence
    tautan: str = ""  # the page of the record
    tautan_label: str = ""


def jawaban_dari_bagian(jumlah, dari):
    """The graded answer a share proposes: all → AA, ≥ 90 % → A … ≥ 50 % → C, some → D, none → E."""
    if not dari or not jumlah:
        return "E"
    persen = jumlah * 100 / dari
    return next((kode for batas, kode in PITA_JAWABAN if persen >= batas), "D")


def aturan(*kode):
    def daftar(fungsi):
        for k in kode:
            ATURAN[k] = fungsi
        return fungsi

    return daftar


def saran_untuk(penilaian, komponen):
    """{criterion code: Saran} for the criteria of `komponen` the records speak to."""
    kode = {kr.kode for sub in komponen.sub.all() for kr in sub.kriteria.all()}
    hasil = {}
    for k in sorted(kode & ATURAN.keys()):
        saran = ATURAN[k](penilaian.opd, penilaian.tahun)
        if saran is not None:
            hasil[k] = saran
    for app in apps.get_app_configs():
        if getattr(app, "prefill_lke", None):
            lain = import_string(app.prefill_lke)(penilaian.opd, penilaian.tahun, kode)
            hasil.update({k: s for k, s in lain.items() if k in kode and s is not None})
    return hasil


def _tanggal(hari):
    return date_format(hari, "j F Y")


@aturan("1.1.3")
def renstra_ada(opd, tahun):
    renstra = Renstra.objects.filter(opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun).first()
    if renstra is None:
        return Saran("E", f"Tidak ada Renstra di portal yang mencakup tahun {tahun}.",
                     reverse("indikator:renstra_list", args=[opd.pk]), "Daftar Renstra")
    return Saran("AA", f"{renstra.nama} ({renstra.tahun_awal}–{renstra.tahun_akhir}) tercatat di portal",
                 reverse("indikator:renstra_detail", args=[renstra.pk]), renstra.nama)


def _pk(opd, tahun):
    """The PK of the year as in force: the perubahan when there is one, else the murni."""
    # The OPD's own agreement in force (a position's PK is not the OPD's); "perubahan" sorts after "murni".
    return (PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun).tingkat_opd().berlaku()
            .order_by("-jenis").first())


@aturan("1.1.4")
def pk_ada(opd, tahun):
    pk = _pk(opd, tahun)
    tautan = reverse("indikator:pk", kwargs={"opd": opd.pk, "tahun": tahun})
    if pk is None:
        return Saran("E", f"Perjanjian Kinerja {tahun} belum ada di portal.", tautan, f"PK {tahun}")
    return Saran("AA", f"Perjanjian Kinerja {tahun} ({pk.get_jenis_display().lower()}) ada di portal, "
                       f"status {pk.get_status_display().lower()}", tautan, f"PK {tahun}")


@aturan("1.2.1")
def pk_ditetapkan(opd, tahun):
    pk = _pk(opd, tahun)
    if pk is None:
        return None
    tautan = reverse("indikator:pk", kwargs={"opd": opd.pk, "tahun": tahun})
    if pk.status != PerjanjianKinerja.Status.DITETAPKAN:
        return Saran("D", f"Perjanjian Kinerja {tahun} masih draf (belum ditetapkan)", tautan, f"PK {tahun}")
    kapan = f" {_tanggal(pk.tanggal)}" if pk.tanggal else " (tanggal tidak dicatat)"
    return Saran("AA", f"Perjanjian Kinerja {tahun} ditetapkan{kapan}", tautan, f"PK {tahun}")


@aturan("1.2.5")
def indikator_lengkap(opd, tahun):
    """Indicators of the year with both a formula (cara pengukuran) and a data source."""
    daftar = list(Indikator.objects.dilaporkan(opd, tahun).only("formula", "sumber_data"))
    if not daftar:
        return None
    lengkap = sum(1 for i in daftar if i.formula.strip() and i.sumber_data.strip())
    return Saran(jawaban_dari_bagian(lengkap, len(daftar)),
                 f"{lengkap} dari {len(daftar)} indikator tahun {tahun} memiliki formula dan sumber data",
                 reverse("indikator:renstra_list", args=[opd.pk]), "Renstra dan indikatornya")


@aturan("2.1.2")
def definisi_operasional_iku(opd, tahun):
    iku = list(Indikator.objects.dilaporkan(opd, tahun).filter(is_iku=True).only("formula"))
    if not iku:
        return None
    ada = sum(1 for i in iku if i.formula.strip())
    return Saran(jawaban_dari_bagian(ada, len(iku)),
                 f"{ada} dari {len(iku)} IKU tahun {tahun} memiliki definisi operasional (formula/cara pengukuran)",
                 reverse("indikator:renstra_list", args=[opd.pk]), "Renstra dan indikatornya")


def _triwulan_diharapkan(opd, tahun):
    """(indicator, triwulan) pairs a realisasi is due for in the year, and the quarterly records there are."""
    daftar = list(Indikator.objects.dilaporkan(opd, tahun).only("agregasi"))
    harus = {(i.pk, tw) for i in daftar for tw in range(1, 5) if i.diisi_pada(tw)}
    ada = [r for r in Realisasi.objects.filter(indikator__in=daftar, tahun=tahun, triwulan__isnull=False)
           if not r.kosong and (r.indikator_id, r.triwulan) in harus]
    return harus, ada


@aturan("2.2.4")
def diukur_tiap_triwulan(opd, tahun):
    harus, ada = _triwulan_diharapkan(opd, tahun)
    if not harus:
        return None
    return Saran(jawaban_dari_bagian(len(ada), len(harus)),
                 f"realisasi triwulan tahun {tahun} terisi: {len(ada)} dari {len(harus)}",
                 reverse("indikator:realisasi_rekap", kwargs={"opd": opd.pk, "tahun": tahun, "triwulan": 4}),
                 f"Rekap realisasi {tahun}")


@aturan("2.2.5")
def diverifikasi_berjenjang(opd, tahun):
    _, ada = _triwulan_diharapkan(opd, tahun)
    if not ada:
        return None
    terverifikasi = sum(1 for r in ada if r.status == Realisasi.Status.DIVERIFIKASI)
    return Saran(jawaban_dari_bagian(terverifikasi, len(ada)),
                 f"{terverifikasi} dari {len(ada)} realisasi triwulan tahun {tahun} diverifikasi perencana",
                 reverse("indikator:realisasi_rekap", kwargs={"opd": opd.pk, "tahun": tahun, "triwulan": 4}),
                 f"Rekap realisasi {tahun}")


@aturan("2.2.6", "2.2.7")
def memakai_aplikasi(opd, tahun):
    """Realisasi entered in the portal (diisi_pada set) rather than loaded from a document."""
    qs = Realisasi.objects.filter(indikator__opd=opd, tahun=tahun)
    di_portal = qs.filter(~Q(diisi_pada=None)).values("indikator").distinct().count()
    semua = qs.values("indikator").distinct().count()
    if not semua:
        return None
    return Saran(jawaban_dari_bagian(di_portal, semua),
                 f"realisasi {di_portal} dari {semua} indikator tahun {tahun} diisi dan dihitung di Portal SAKIP",
                 reverse("indikator:realisasi_rekap", kwargs={"opd": opd.pk, "tahun": tahun, "triwulan": 4}),
                 f"Rekap realisasi {tahun}")



@aturan("4.3.1")
def rekomendasi_ditindaklanjuti(opd, tahun):
    """The recommendations of the previous LHE (on the year before) and how many were followed up to the end."""
    from evaluasi.models import PenilaianLke, TindakLanjut

    sebelumnya = PenilaianLke.objects.filter(opd=opd, tahun=tahun - 1, status=PenilaianLke.Status.FINAL).first()
    if sebelumnya is None:
        return None
    jumlah = sebelumnya.rekomendasi.count()
    if not jumlah:
        return None
    selesai = TindakLanjut.objects.filter(rekomendasi__penilaian=sebelumnya,
                                          status=TindakLanjut.Status.SELESAI).count()
    return Saran(jawaban_dari_bagian(selesai, jumlah),
                 f"{selesai} dari {jumlah} rekomendasi LHE atas kinerja {tahun - 1} selesai ditindaklanjuti",
                 reverse("evaluasi:tindak_lanjut", args=[sebelumnya.pk]), f"Tindak lanjut LHE {tahun - 1}")
