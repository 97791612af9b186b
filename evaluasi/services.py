"""Workflows of the AKIP evaluation: start, save answers, submit, score, approve (which issues the result).

Each takes the rows' optimistic locks (portal.models.Versioned) and leaves its
trail in simple_history; who may act, and when, is PenilaianLke's rule.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from evaluasi.lhe import lhe_terbitkan
from evaluasi.models import JawabanLke, Lke, PenilaianLke
from evaluasi.models.penilaian import EVALUATOR, USULAN
from indikator.models import SkalaPredikat
from portal.access import can_edit_opd_data
from portal.angka import format_angka
from portal.models import AksiDitolak


@dataclass
class BarisLke:
    """One criterion of a worksheet page: the criterion, its answer row (or None) and the pre-fill, if any."""

    kriteria: object
    jawaban: object
    saran: object = None


def penilaian_mulai(*, opd, tahun, user):
    """Open the self-assessment of `tahun` for the OPD, on the worksheet in force for that year."""
    if not can_edit_opd_data(user, opd):
        raise AksiDitolak("Hanya perencana perangkat daerah ini yang memulai penilaian mandiri.")
    lke = Lke.for_tahun(tahun)
    if lke is None:
        raise AksiDitolak(f"Belum ada LKE yang berlaku untuk evaluasi kinerja tahun {tahun}.")
    penilaian, baru = PenilaianLke.objects.get_or_create(opd=opd, tahun=tahun, defaults={"lke": lke})
    return penilaian, baru


def penilaian_struktur(penilaian):
    """The worksheet and its answers (PenilaianLke.struktur_dan_jawaban), for the pages and the export."""
    return penilaian.struktur_dan_jawaban()


def penilaian_hasil(penilaian, sisi, struktur=None, jawaban=None):
    """One side's scores (PenilaianLke.hasil): the one computation every page, export and the LHE read."""
    return penilaian.hasil(sisi, struktur, jawaban)


def jawaban_simpan(*, penilaian, user, sisi, isian):
    """Save a page of answers: `isian` is [(kriteria, cleaned form data)], all or nothing.

    A row whose posted values are what it holds now is left alone; any other
    row written from a stale form raises EditConflict and nothing is saved.
    """
    ada = {j.kriteria_id: j for j in penilaian.jawaban.select_related("usulan", "nilai_evaluator")}
    tersimpan = 0
    with transaction.atomic():
        for kriteria, data in isian:
            jawaban = ada.get(kriteria.pk) or JawabanLke(penilaian=penilaian, kriteria=kriteria)
            jawaban.penilaian = penilaian  # its rule is read on the page's copy, not a query per row
            if _sama(jawaban, sisi, data):
                continue
            if sisi == USULAN:
                jawaban.simpan_usulan(user=user, versi=data["versi"], pilihan=data["jawaban"],
                                      catatan=data["catatan"], tautan=data["tautan"],
                                      tautan_label=data.get("tautan_label", ""), bukti=data.get("bukti"),
                                      dari_prefill=data.get("dari_prefill", False))
            else:
                jawaban.simpan_nilai_evaluator(user=user, versi=data["versi"], pilihan=data["jawaban"],
                                               catatan=data["catatan"])
            tersimpan += 1
    return tersimpan


def _sama(jawaban, sisi, data):
    if jawaban.pk is None:
        return data["jawaban"] is None and not data["catatan"] and not data.get("tautan") and not data.get("bukti")
    if sisi == USULAN:
        return (jawaban.usulan == data["jawaban"] and jawaban.catatan_usulan == data["catatan"]
                and jawaban.tautan == data["tautan"] and not data.get("bukti")
                and jawaban.dari_prefill == data.get("dari_prefill", False))
    return jawaban.nilai_evaluator == data["jawaban"] and jawaban.catatan_evaluator == data["catatan"]


def penilaian_ajukan(*, penilaian, user, versi):
    """The perencana submits the self-assessment to the evaluator; the OPD's answers are then fixed."""
    penilaian.periksa(penilaian.alasan_isian_ditolak(user))
    if not penilaian.jawaban.filter(usulan__isnull=False).exists():
        raise AksiDitolak("Isi sedikitnya satu kriteria sebelum mengajukan penilaian mandiri.")
    _ganti_status(penilaian, versi, PenilaianLke.Status.DIAJUKAN, diajukan_oleh=user, diajukan_pada=timezone.now())


def penilaian_kembalikan(*, penilaian, user, versi, catatan):
    """The evaluator returns the self-assessment to the OPD, with what to complete."""
    penilaian.periksa(penilaian.alasan_penilaian_ditolak(user))
    catatan = (catatan or "").strip()
    if not catatan:
        raise AksiDitolak("Tuliskan catatan: apa yang harus dilengkapi OPD.")
    _ganti_status(penilaian, versi, PenilaianLke.Status.DIISI, catatan_umum=catatan)


def rekomendasi_simpan(*, penilaian, user, versi, teks):
    """The evaluator's recommendations, one per line, replacing the earlier list (the LHE prints them)."""
    from evaluasi.models import Rekomendasi

    penilaian.periksa(penilaian.alasan_penilaian_ditolak(user))
    baris = [b.strip() for b in (teks or "").splitlines() if b.strip()]
    with transaction.atomic():
        penilaian.klaim_versi(versi)
        ada = list(penilaian.rekomendasi.all())
        for urutan, uraian in enumerate(baris, start=1):
            r = ada.pop(0) if ada else Rekomendasi(penilaian=penilaian)
            if (r.urutan, r.uraian) != (urutan, uraian):
                r.urutan, r.uraian = urutan, uraian
                r.save()
        for sisa in ada:
            sisa.delete()
    return len(baris)


def penilaian_selesai_dinilai(*, penilaian, user, versi):
    """The evaluator closes its review: every criterion must have the evaluator's answer."""
    penilaian.periksa(penilaian.alasan_penilaian_ditolak(user))
    hasil = penilaian_hasil(penilaian, EVALUATOR)
    if not hasil.lengkap:
        raise AksiDitolak(f"Nilai evaluator baru {hasil.terjawab} dari {hasil.jumlah} kriteria; lengkapi dulu.")
    _ganti_status(penilaian, versi, PenilaianLke.Status.DINILAI, evaluator=user, dinilai_pada=timezone.now())


def _ganti_status(penilaian, versi, status, **fields):
    for name, value in fields.items():
        setattr(penilaian, name, value)
    penilaian.status = status
    penilaian.save_versioned(versi)


def penilaian_setujui(*, penilaian, user, versi, nomor_lhe="", penandatangan_nama="", penandatangan_nip=""):
    """A second evaluator approves: the result becomes final and is issued where the portal reads it.

    It becomes the EvaluasiAkip of the LHE's year (components from the
    worksheet, so the LKIP's AKIP table is built from it) and the realisasi
    of the OPD's "Nilai AKIP" IKU for that year (Realisasi.catat_dari_dokumen).
    The realisasi year is the LHE's, as the portal records every AKIP result
    (fixtures/dinsos_bekasi/realisasi_iku.json: the LHE issued in Y is the
    realisasi of Y) and as lkip.tabel reads EvaluasiAkip by tahun_lhe.
    """
    penilaian.periksa(penilaian.alasan_persetujuan_ditolak(user))
    hasil = penilaian_hasil(penilaian, EVALUATOR)
    if not hasil.lengkap:
        raise AksiDitolak(f"Nilai evaluator baru {hasil.terjawab} dari {hasil.jumlah} kriteria.")
    with transaction.atomic():
        penilaian.tanggal_lhe = penilaian.tanggal_lhe or timezone.localdate()
        penilaian.nomor_lhe = nomor_lhe or penilaian.nomor_lhe
        penilaian.penandatangan_nama = penandatangan_nama or penilaian.penandatangan_nama
        penilaian.penandatangan_nip = penandatangan_nip or penilaian.penandatangan_nip
        evaluasi = _terbitkan_hasil(penilaian, hasil)
        _ganti_status(penilaian, versi, PenilaianLke.Status.FINAL, penyetuju=user, disetujui_pada=timezone.now(),
                      evaluasi_akip=evaluasi)
        realisasi = _realisasi_akip(penilaian, hasil, user)
    # Rendered after the result is committed: the LHE shows what was approved, and a failed render
    # leaves a final result whose LHE is issued again from its page (lhe_terbitkan).
    lhe_terbitkan(penilaian)
    return realisasi


def lhe_terbitkan_ulang(*, penilaian, user, versi):
    """Issue the LHE of a final evaluation whose render failed at approval (the result itself stands)."""
    from evaluasi.models.penilaian import adalah_evaluator
    from portal.models import EditConflict

    if not adalah_evaluator(user):
        raise AksiDitolak("Hanya evaluator yang menerbitkan LHE.")
    if penilaian.status != PenilaianLke.Status.FINAL or penilaian.lhe_pdf:
        raise AksiDitolak("LHE diterbitkan sekali, untuk hasil evaluasi yang sudah final.")
    if versi != penilaian.versi:
        raise EditConflict()
    return lhe_terbitkan(penilaian)


def _terbitkan_hasil(penilaian, hasil):
    from evaluasi.models import EvaluasiAkip, KomponenAkip

    evaluasi = EvaluasiAkip.objects.filter(opd=penilaian.opd, tahun_lhe=penilaian.tahun_lhe).first()
    evaluasi = evaluasi or EvaluasiAkip(opd=penilaian.opd, tahun_lhe=penilaian.tahun_lhe)
    evaluasi.tahun_dievaluasi, evaluasi.nilai = penilaian.tahun, None
    evaluasi.nomor_lhe, evaluasi.tanggal_lhe = penilaian.nomor_lhe, penilaian.tanggal_lhe
    evaluasi._change_reason = f"Hasil LKE {penilaian.tahun} disetujui"
    evaluasi.save()
    ada = {k.urutan: k for k in evaluasi.komponen.all()}
    for h in hasil.komponen:
        k = ada.pop(h.komponen.nomor, None) or KomponenAkip(evaluasi=evaluasi, urutan=h.komponen.nomor)
        k.nama, k.bobot, k.nilai = h.komponen.nama, h.komponen.bobot, h.nilai
        k.save()
    for sisa in ada.values():
        sisa.delete()
    return evaluasi


def indikator_akip(opd, tahun):
    """The OPD's "Nilai AKIP" IKU reported in `tahun`: a predicate IKU, the one named AKIP when there are more."""
    from indikator.models import Indikator

    calon = [i for i in Indikator.objects.filter(opd=opd, is_iku=True, jenis_nilai=Indikator.JenisNilai.PREDIKAT)
             if i.alasan_tahun_ditolak(tahun) is None]
    bernama = [i for i in calon if "akip" in i.nama.lower() or "akuntabilitas" in i.nama.lower()]
    pilihan = bernama or calon
    return pilihan[0] if len(pilihan) == 1 else None


def _realisasi_akip(penilaian, hasil, user):
    """The predicate as the realisasi of the Nilai AKIP IKU; None when the OPD has no such IKU for that year."""
    from indikator.models import Realisasi

    indikator = indikator_akip(penilaian.opd, penilaian.tahun_lhe)
    if indikator is None:
        return None
    triwulan = 4 if indikator.agregasi == indikator.Agregasi.AKHIR_TAHUN else None
    realisasi = (Realisasi.objects.filter(indikator=indikator, tahun=penilaian.tahun_lhe, triwulan=triwulan).first()
                 or Realisasi(indikator=indikator, tahun=penilaian.tahun_lhe, triwulan=triwulan))
    nilai = format_angka(hasil.total, 2)
    analisis = (f"Nilai AKIP {nilai}, predikat {hasil.predikat.predikat} ({hasil.predikat.keterangan}), "
                f"LHE {penilaian.nomor_lhe or 'tanpa nomor'} tanggal {date_format(penilaian.tanggal_lhe, 'j F Y')} "
                f"atas kinerja tahun {penilaian.tahun}.")
    realisasi.indikator = indikator
    sumber = f"LHE AKIP {penilaian.tahun_lhe} ({penilaian.nomor_lhe or 'tanpa nomor'})"
    return realisasi.catat_dari_dokumen(user=user, versi=realisasi.versi if realisasi.pk else None,
                                        nilai=hasil.predikat.predikat, analisis=analisis, sumber=sumber)


STATUS_BELUM = "belum mulai"


def status_per_opd(opds, tahun):
    """(OPD, evaluation or None, status label) of every OPD for the year evaluated: the evaluator's home."""
    penilaian = {p.opd_id: p for p in PenilaianLke.objects.filter(opd__in=opds, tahun=tahun)}
    return [(opd, penilaian.get(opd.pk),
             penilaian[opd.pk].get_status_display() if opd.pk in penilaian else STATUS_BELUM) for opd in opds]


def tabel_akip_kota(opds):
    """The city table: years (LHE) × OPD with each result's score and predicate, from EvaluasiAkip."""
    from evaluasi.models import EvaluasiAkip

    hasil = list(EvaluasiAkip.objects.filter(opd__in=opds).select_related("opd").prefetch_related("komponen"))
    tahun = sorted({e.tahun_lhe for e in hasil})
    skala = {t: SkalaPredikat.for_tahun(t) for t in tahun}
    per = {(e.opd_id, e.tahun_lhe): e for e in hasil}
    baris = []
    for opd in opds:
        sel = []
        for t in tahun:
            e = per.get((opd.pk, t))
            nilai = e.nilai_akhir() if e else None
            band = skala[t].predikat_untuk(nilai) if nilai is not None and skala[t] else None
            sel.append((nilai, band.predikat if band else ""))
        if any(n is not None for n, _ in sel):
            baris.append((opd, sel))
    return {"tahun": tahun, "baris": baris}
