"""What the portal's own records say about a criterion: a proposed answer, the fact behind it and a link.

Never an answer by itself: the worksheet shows the proposal beside the
criterion and a person confirms it (or answers otherwise). One function per
criterion code, registered in ATURAN; each reads the OPD's records of the
year evaluated and returns a Saran, or None when the records say nothing.
"""

from dataclasses import dataclass

ATURAN = {}


@dataclass
class Saran:
    jawaban: str  # the proposed answer's code on the criterion's scale (AA … E)
    keterangan: str  # what the records say, in a sentence
    tautan: str = ""  # the page of the record
    tautan_label: str = ""


def aturan(*kode):
    def daftar(fungsi):
        for k in kode:
            ATURAN[k] = fungsi
        return fungsi

    return daftar


def saran_untuk(penilaian, komponen):
    """{criterion code: Saran} for the criteria of `komponen` the records speak to."""
    hasil = {}
    for sub in komponen.sub.all():
        for kriteria in sub.kriteria.all():
            fungsi = ATURAN.get(kriteria.kode)
            if fungsi is not None:
                saran = fungsi(penilaian.opd, penilaian.tahun)
                if saran is not None:
                    hasil[kriteria.kode] = saran
    return hasil
