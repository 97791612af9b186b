"""The shape of one line of the home page's "Tugas saya", shared by every app that contributes one.

dasbor.tugas assembles the list; the document apps above it (lkip, renja)
add their own lines through the `tugas_saya` function their AppConfig names,
and build them with this type so that they need not import dasbor.
"""

import datetime
from typing import NamedTuple


class Tugas(NamedTuple):
    warna: str  # Bootstrap colour of the list item: danger for what is late or returned
    teks: str
    url: str
    rincian: tuple = ()  # lines under the task: each returned item with the verifier's note
    # What the daily reminder (dasbor.pengingat) picks by: DIKEMBALIKAN, VERIFIKASI, PERMINTAAN, BELUM_DIISI.
    jenis: str = ""
    tenggat: datetime.date | None = None  # the last day of entry, for BELUM_DIISI


DIKEMBALIKAN = "dikembalikan"
VERIFIKASI = "verifikasi"
PERMINTAAN = "permintaan"
BELUM_DIISI = "belum_diisi"
