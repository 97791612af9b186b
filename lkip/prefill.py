"""The LKIP's facts for the LKE worksheet (evaluasi.prefill asks LkipConfig.prefill_lke).

Criteria 3.1.1–3.1.6 ask whether the LKIP of the year evaluated was drafted,
formalised (signed), published and on time; the LKIP's own records say so.
A proposal only: the perencana confirms it on the worksheet.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from evaluasi.prefill import Saran
from lkip.models import Lkip, VersiTerbit

# [choice] The LKIP of year Y is on time when first published by 31 March of Y+1; a setting here, not a rule
# from LKE-88-2021.md, which only says "disampaikan tepat waktu".
BATAS_TERBIT = (3, 31)


def saran_lkip(opd, tahun, kode):
    if not kode & {"3.1.1", "3.1.3", "3.1.5", "3.1.6"}:
        return {}
    lkip = Lkip.objects.filter(opd=opd, tahun=tahun).first()
    if lkip is None:
        tidak = Saran("E", f"LKIP {tahun} belum dibuat di portal", reverse("lkip:indeks"), "Daftar LKIP")
        return {"3.1.1": tidak, "3.1.5": tidak}
    versi = VersiTerbit.objects.filter(lkip=lkip).order_by("diterbitkan_pada").first()
    tautan, label = lkip.get_absolute_url(), f"LKIP {tahun}"
    hasil = {"3.1.1": Saran("AA", f"LKIP {tahun} disusun di portal", tautan, label)}
    if lkip.tanggal and lkip.penandatangan_nama:
        hasil["3.1.3"] = Saran("AA", f"LKIP {tahun} ditandatangani {lkip.penandatangan_nama} tanggal "
                                     f"{date_format(lkip.tanggal, 'j F Y')}", tautan, label)
    else:
        hasil["3.1.3"] = Saran("D", f"LKIP {tahun} belum mencatat tanggal dan penandatangan", tautan, label)
    if versi is None:
        hasil["3.1.5"] = Saran("E", f"LKIP {tahun} belum diterbitkan", tautan, label)
        return hasil
    terbit = timezone.localdate(versi.diterbitkan_pada)
    tautan_versi = reverse("lkip:versi_pdf", args=[versi.pk])
    hasil["3.1.5"] = Saran("AA", f"LKIP {tahun} diterbitkan {date_format(terbit, 'j F Y')}, SHA-256 "
                                 f"{versi.sha256[:16]}…", tautan_versi, f"LKIP {tahun} versi {versi.nomor}")
    batas = datetime.date(tahun + 1, *BATAS_TERBIT)
    tepat = terbit <= batas
    hasil["3.1.6"] = Saran("AA" if tepat else "C",
                           f"LKIP {tahun} pertama diterbitkan {date_format(terbit, 'j F Y')}, "
                           f"{'sebelum' if tepat else 'melewati'} batas {date_format(batas, 'j F Y')}",
                           tautan_versi, f"LKIP {tahun} versi {versi.nomor}")
    return hasil
