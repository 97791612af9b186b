"""Workflows of the SKM: a survey per OPD and period, its respondents' answers, its IKM set as the IKU's realisasi.

The survey keeps its IKM (two decimals) computed from the respondents by
evaluasi.ikm on every change, so every reader (LKIP, dasbor) reads the one
stored figure; a survey whose IKM was recorded from a report (the seeds) takes
no respondents, since its answers are not in the portal.
"""

from django.db import transaction
from django.utils.formats import date_format

from evaluasi.ikm import hasil_ikm
from evaluasi.models import RespondenSkm, SurveiKepuasan
from portal.access import can_edit_opd_data
from portal.angka import format_angka
from portal.models import AksiDitolak


def _periksa(user, survei):
    if not can_edit_opd_data(user, survei.opd):
        raise AksiDitolak("Hanya perencana perangkat daerah ini yang mengisi survei kepuasan masyarakat.")


def survei_buat(*, opd, tahun, periode, user):
    if not can_edit_opd_data(user, opd):
        raise AksiDitolak("Hanya perencana perangkat daerah ini yang membuat survei kepuasan masyarakat.")
    survei, _ = SurveiKepuasan.objects.get_or_create(opd=opd, tahun=tahun, periode=periode)
    return survei


def survei_tambah_responden(*, survei, user, data):
    """Add one respondent (nine scores 1–4, optional profile) and recompute the survey's IKM, all or nothing."""
    return survei_tambah_banyak(survei=survei, user=user, daftar=[data])[0]


PESAN_DICATAT = ("IKM survei ini dicatat dari laporan SKM; jawaban respondennya tidak ada di portal. "
                 "Buat survei (periode) baru untuk mengisi jawaban responden.")


def survei_menerima_responden(survei):
    """A survey recorded from a report (IKM or NRR typed in, no respondents) takes no answers."""
    return survei.responden.exists() or (survei.nilai_ikm is None and not survei.unsur.exists())


def survei_tambah_banyak(*, survei, user, daftar):
    """Add respondents (the form's one, or an import's rows) numbered after the last, and recompute once."""
    _periksa(user, survei)
    with transaction.atomic():
        survei = SurveiKepuasan.objects.select_for_update().get(pk=survei.pk)
        if not survei_menerima_responden(survei):
            raise AksiDitolak(PESAN_DICATAT)
        ada = list(survei.responden.all())
        nomor = max((r.nomor for r in ada), default=0)
        baru = []
        for i, data in enumerate(daftar, start=1):
            responden = RespondenSkm(survei=survei, nomor=nomor + i, **data)
            responden.full_clean(exclude=["survei"])
            responden.save()
            baru.append(responden)
        _hitung_ulang(survei, ada + baru)
    return baru


def _hitung_ulang(survei, responden):
    hasil = hasil_ikm("", responden)
    survei.nilai_ikm, survei.jumlah_responden = hasil.ikm, hasil.responden
    survei._change_reason = f"IKM dihitung dari {hasil.responden} responden"
    survei.save()


def indikator_ikm(opd, tahun):
    """The OPD's "Nilai IKM" IKU reported in `tahun`: a numeric IKU named IKM / kepuasan masyarakat."""
    from indikator.models import Indikator

    calon = [i for i in Indikator.objects.filter(opd=opd, is_iku=True, jenis_nilai=Indikator.JenisNilai.ANGKA)
             if ("ikm" in i.nama.lower() or "kepuasan" in i.nama.lower()) and i.alasan_tahun_ditolak(tahun) is None]
    return calon[0] if len(calon) == 1 else None


def survei_tetapkan(*, survei, user):
    """The survey's IKM becomes the realisasi of the Nilai IKM IKU of its year (Realisasi.catat_dari_dokumen)."""
    from django.utils import timezone

    from indikator.models import Realisasi

    _periksa(user, survei)
    responden = list(survei.responden.all())
    if not responden:
        raise AksiDitolak("Survei ini belum memiliki responden.")
    indikator = indikator_ikm(survei.opd, survei.tahun)
    if indikator is None:
        raise AksiDitolak(f"Tidak ditemukan satu IKU 'Nilai IKM' untuk tahun {survei.tahun} di Renstra.")
    hasil = hasil_ikm("", responden)
    triwulan = 4 if indikator.agregasi == indikator.Agregasi.AKHIR_TAHUN else None
    realisasi = (Realisasi.objects.filter(indikator=indikator, tahun=survei.tahun, triwulan=triwulan).first()
                 or Realisasi(indikator=indikator, tahun=survei.tahun, triwulan=triwulan))
    analisis = (f"IKM {format_angka(hasil.ikm, 2)} (mutu {hasil.mutu[0]}, {hasil.mutu[1]}) dari {hasil.responden} "
                f"responden SKM {survei.periode or survei.tahun}, ditetapkan {date_format(timezone.localdate())}.")
    return realisasi.catat_dari_dokumen(user=user, versi=realisasi.versi if realisasi.pk else None, nilai=hasil.ikm,
                                        analisis=analisis, sumber=f"SKM {survei.tahun} {survei.periode}".strip())
