"""Pengukuran kinerja: where a set of indicators stands in a year, to triwulan n or for the whole year.

The dashboard, the city overview, the trends, the LKIP and the Renja read
the figures of an indicator's year through `capaian_indikator`, which loads
a whole set of indicators (one OPD or every OPD of the city) in a fixed
number of queries and applies the rules of indikator.capaian to each one.
"""

from dataclasses import dataclass
from decimal import Decimal

from indikator.capaian import Status, capaian, capaian_predikat, kumulatif, proyeksi_realisasi, status_opd
from indikator.models import Indikator, PkIndikator, Realisasi, SkalaPredikat, Target
from portal.angka import ROMAWI, format_nilai


@dataclass(frozen=True)
class RealisasiTahun:
    """The realisasi of an indicator's year, or of the year so far: the one figure every output shows.

    - Quarters recorded: the year's figure comes from them under the
      indicator's aggregation rule, to triwulan n ("s.d. TW n"): sum Σ TW I..n
      (a missing quarter leaves it unknown: a blank is not a zero), last value
      TW n, year-end only TW IV (before it the indicator is not due).
    - No quarter recorded: the annual record (a year loaded from documents)
      is the year's figure.
    - Both recorded and disagreeing: `konflik` says so, and every output marks
      the figure; the documents' checks refuse to publish until it is resolved.
    - `belum_diverifikasi`: the triwulan (None: the annual record) counted in
      this figure that are not verified yet; documents publish only without them.
    """

    sumber: str = ""  # "triwulan", "tahunan", or "" when nothing is entered
    sampai_triwulan: int | None = None  # n of "s.d. TW n" when quarters count
    nilai: Decimal | None = None
    predikat: str = ""
    akhir_tahun_nanti: bool = False  # a year-end-only indicator before TW IV: not due, not missing
    konflik: str = ""
    belum_diverifikasi: tuple = ()
    sebagian: bool = False  # some quarters up to n entered, not all (a sum that cannot be made yet)
    triwulan_kosong: tuple = ()  # the quarters the figure to TW n needs that are not entered

    @property
    def kosong(self):
        return self.nilai is None and not self.predikat

    @property
    def nilai_eksak(self):
        """The figure is exact already; named like NilaiMixin's so capaian_nilai and printing read both alike."""
        return self.nilai

    @property
    def masalah(self):
        """What keeps this figure from a published document, as phrases (empty: ready)."""
        hasil = []
        if self.konflik:
            hasil.append(self.konflik)
        if self.sebagian:
            kosong = ", ".join(f"TW {ROMAWI[t]}" for t in self.triwulan_kosong)
            hasil.append(f"realisasi triwulan belum lengkap ({kosong} belum diisi)" if kosong
                         else "realisasi triwulan belum lengkap")
        if self.belum_diverifikasi:
            tw = ", ".join("setahun" if t is None else f"TW {ROMAWI[t]}" for t in self.belum_diverifikasi)
            hasil.append(f"belum diverifikasi ({tw})")
        return hasil

    @property
    def periode_teks(self):
        """How the figure's period is printed beside it."""
        if self.sumber == "tahunan":
            return "setahun"
        if self.sampai_triwulan:
            return "setahun" if self.sampai_triwulan == 4 else f"s.d. TW {ROMAWI[self.sampai_triwulan]}"
        return ""


def _nilai_triwulan(indikator, per_tw, n):
    """(number, predicate, quarters counted) of the year to TW n from the quarterly records."""
    if indikator.agregasi == Indikator.Agregasi.AKHIR_TAHUN and n < 4:
        return None, "", ()
    if indikator.is_predikat:
        item = per_tw.get(n)
        return None, (item.predikat if item else ""), ((n,) if item else ())
    values = {tw: r.nilai_eksak for tw, r in per_tw.items() if r.nilai_eksak is not None}
    nilai = kumulatif(indikator.agregasi, {}, values, n).realisasi
    if indikator.agregasi == Indikator.Agregasi.JUMLAH:
        return nilai, "", tuple(tw for tw in range(1, n + 1) if tw in values)
    return nilai, "", ((n,) if n in values else ())


def realisasi_tahun(indikator, realisasi_items, sampai_triwulan=None):
    """The RealisasiTahun of an indicator from its Realisasi records of one year.

    `sampai_triwulan`: the period asked for (None: the latest quarter recorded).
    """
    per_tw = {r.triwulan: r for r in realisasi_items if r.triwulan and not r.kosong}
    setahun = next((r for r in realisasi_items if r.triwulan is None and not r.kosong), None)
    if per_tw:
        n = sampai_triwulan or max(per_tw)
        nilai, predikat, dihitung = _nilai_triwulan(indikator, per_tw, n)
        konflik = _konflik(indikator, per_tw, setahun)
        belum = tuple(tw for tw in dihitung if per_tw[tw].status != per_tw[tw].Status.DIVERIFIKASI)
        sebagian = nilai is None and not predikat and any(tw <= n for tw in per_tw)
        # A sum needs every quarter to n; the other rules the quarter n itself.
        perlu = range(1, n + 1) if indikator.agregasi == Indikator.Agregasi.JUMLAH and not indikator.is_predikat \
            else (n,)
        return RealisasiTahun("triwulan", n, nilai, predikat, konflik=konflik, belum_diverifikasi=belum,
                              akhir_tahun_nanti=indikator.agregasi == Indikator.Agregasi.AKHIR_TAHUN and n < 4,
                              sebagian=sebagian,
                              triwulan_kosong=tuple(tw for tw in perlu if tw not in per_tw) if sebagian else ())
    if setahun is not None:
        belum = () if setahun.status == setahun.Status.DIVERIFIKASI else (None,)
        return RealisasiTahun("tahunan", None, setahun.nilai_eksak, setahun.predikat, belum_diverifikasi=belum)
    nanti = bool(sampai_triwulan and sampai_triwulan < 4 and indikator.agregasi == Indikator.Agregasi.AKHIR_TAHUN)
    return RealisasiTahun("", sampai_triwulan if nanti else None, akhir_tahun_nanti=nanti)


def _konflik(indikator, per_tw, setahun):
    """The sentence that marks a year recorded both ways with different figures ("" when they agree)."""
    if setahun is None:
        return ""
    nilai, predikat, _ = _nilai_triwulan(indikator, per_tw, 4)
    dari_tw = predikat or nilai
    tercatat = setahun.predikat or setahun.nilai_eksak
    if dari_tw is not None and dari_tw != "" and dari_tw == tercatat:
        return ""
    tw_teks = _teks(dari_tw) if dari_tw not in (None, "") else "belum lengkap"
    return (f"Realisasi setahun tercatat {_teks(tercatat)}, sedangkan dari realisasi triwulan "
            f"{tw_teks}: hapus salah satu atau samakan.")


def _teks(value):
    return value if isinstance(value, str) else format_nilai(value)


@dataclass
class CapaianIndikator:
    """Where one indicator stands in a year, to triwulan n or for the year as a whole."""

    indikator: Indikator
    tahun: int
    target_tahunan: Decimal | None = None
    target_predikat: str = ""
    sumber_target: str = ""
    target_tw: dict = None
    realisasi_tw: dict = None
    predikat_tw: dict = None
    realisasi_tahunan: Decimal | None = None
    predikat_tahunan: str = ""
    periode: str = ""  # "triwulan", "tahunan" or "" (nothing entered)
    sampai_triwulan: int | None = None
    target: Decimal | None = None  # cumulative target to sampai_triwulan (or annual)
    realisasi: Decimal | None = None
    target_teks: str = ""
    realisasi_teks: str = ""
    capaian: Decimal | None = None
    proyeksi: Decimal | None = None
    proyeksi_capaian: Decimal | None = None
    status: str = Status.KOSONG
    status_proyeksi: str = Status.KOSONG
    akhir_tahun_nanti: bool = False  # a year-end-only indicator before TW IV: not due, not missing
    nilai_tahun: RealisasiTahun = None  # the realisasi figure with its period and flags
    # With `per_triwulan=True`: the same indicator measured s.d. TW 1..4 (the dashboard's change
    # since the previous quarter and the drill-down's quarters), from the records already loaded.
    per_tw: dict = None

    @property
    def status_label(self):
        return Status.LABEL[self.status]

    @property
    def sebelumnya(self):
        """The row s.d. the previous triwulan (None at TW I, for an annual figure, or without `per_triwulan`)."""
        n = self.sampai_triwulan
        return self.per_tw.get(n - 1) if self.per_tw and self.periode == "triwulan" and n else None

    @property
    def perubahan(self):
        """Change of the capaian since the previous triwulan, in percentage points (None when either is blank)."""
        lalu = self.sebelumnya
        if lalu is None or lalu.capaian is None or self.capaian is None:
            return None
        return self.capaian - lalu.capaian

    @property
    def proyeksi_meleset(self):
        """The projection misses the target (only for a year still in progress)."""
        return self.proyeksi_capaian is not None and self.status_proyeksi != Status.TERCAPAI


def _target_tahunan(pk_item, target_item):
    """The annual target in force: the PK's (perubahan over murni), else the Renstra's."""
    if pk_item is not None and not pk_item.kosong:
        return pk_item, "PK"
    if target_item is not None and not target_item.kosong:
        return target_item, "Renstra"
    return None, ""


def _muat_capaian(indikator_ids, tahun_list):
    """Targets, PK targets and realisasi of a set of indicators over some years: 4 queries."""

    targets = {
        (t.indikator_id, t.tahun): t
        for t in Target.objects.filter(indikator_id__in=indikator_ids, tahun__in=tahun_list)
    }
    pk_items = {}
    pk_qs = (
        PkIndikator.objects.tingkat_opd().filter(indikator_id__in=indikator_ids, perjanjian__tahun__in=tahun_list)
        .select_related("perjanjian")
        .prefetch_related("triwulan")
    )
    for item in pk_qs:
        key = (item.indikator_id, item.perjanjian.tahun)
        current = pk_items.get(key)
        # The PK perubahan replaces the murni for the same year.
        if current is None or item.perjanjian.jenis == item.perjanjian.Jenis.PERUBAHAN:
            pk_items[key] = item
    realisasi = {}
    realisasi_qs = Realisasi.objects.filter(
        indikator_id__in=indikator_ids, tahun__in=tahun_list
    ).only("indikator_id", "tahun", "triwulan", "nilai", "predikat", "pembilang", "penyebut", "status")
    for item in realisasi_qs:
        realisasi.setdefault((item.indikator_id, item.tahun), []).append(item)
    return targets, pk_items, realisasi


def skala_untuk(skala_list, tahun):
    """The predicate scale in force in a year, from scales loaded once."""
    berlaku = [s for s in skala_list if s.tahun_mulai <= tahun]
    return max(berlaku, key=lambda s: s.tahun_mulai) if berlaku else None


def muat_skala():
    """Every predicate scale with its bands: 2 queries, whatever the number of years."""

    return list(SkalaPredikat.objects.prefetch_related("predikat"))


def _hitung_capaian(indikator, tahun, sampai_triwulan, target_item, pk_item, realisasi_items, skala):
    row = CapaianIndikator(indikator=indikator, tahun=tahun, target_tw={}, realisasi_tw={}, predikat_tw={})
    annual, row.sumber_target = _target_tahunan(pk_item, target_item)
    if annual is not None:
        row.target_tahunan = annual.nilai_eksak
        row.target_predikat = annual.predikat
    target_predikat_tw = {}
    if pk_item is not None:
        for tw in pk_item.triwulan.all():
            if tw.nilai_eksak is not None:
                row.target_tw[tw.triwulan] = tw.nilai_eksak
            if tw.predikat:
                target_predikat_tw[tw.triwulan] = tw.predikat
    for item in realisasi_items:
        if item.triwulan is None:
            row.realisasi_tahunan, row.predikat_tahunan = item.nilai_eksak, item.predikat
        elif item.nilai_eksak is not None:
            row.realisasi_tw[item.triwulan] = item.nilai_eksak
        elif item.predikat:
            row.predikat_tw[item.triwulan] = item.predikat

    tahunan = row.nilai_tahun = realisasi_tahun(indikator, realisasi_items, sampai_triwulan)
    row.periode, row.sampai_triwulan = tahunan.sumber, tahunan.sampai_triwulan
    row.akhir_tahun_nanti = tahunan.akhir_tahun_nanti
    row.realisasi, row.realisasi_teks = tahunan.nilai, tahunan.predikat
    n = tahunan.sampai_triwulan
    if tahunan.sumber == "triwulan" and indikator.is_predikat:
        row.target_teks = target_predikat_tw.get(n) or (row.target_predikat if n == 4 else "")
        if skala is not None and tahunan.predikat and row.target_teks:
            row.capaian = capaian_predikat(skala.peringkat(row.target_teks), skala.peringkat(tahunan.predikat))
    elif tahunan.sumber == "triwulan":
        targets = row.target_tw
        if not targets and row.target_tahunan is not None and indikator.agregasi != Indikator.Agregasi.JUMLAH:
            # Same rule as capaian_triwulan (the realisasi page): without quarterly
            # targets a last-value indicator is measured against the annual target;
            # a sum indicator is not, since the split of its target is unknown.
            targets = {n: row.target_tahunan}
        kum = kumulatif(indikator.agregasi, targets, row.realisasi_tw, n)
        row.target = kum.target
        row.capaian = capaian(kum.target, tahunan.nilai, indikator.polaritas, indikator.rumus_negatif)
        if n < 4:
            row.proyeksi = proyeksi_realisasi(indikator.agregasi, row.target_tahunan, kum)
            row.proyeksi_capaian = capaian(
                row.target_tahunan, row.proyeksi, indikator.polaritas, indikator.rumus_negatif
            )
    elif tahunan.sumber == "tahunan" and indikator.is_predikat:
        # An annual figure without a quarterly split is the year's figure: shown as
        # such, never spread over quarters.
        row.target_teks = row.target_predikat
        if skala is not None and tahunan.predikat and row.target_predikat:
            row.capaian = capaian_predikat(skala.peringkat(row.target_predikat), skala.peringkat(tahunan.predikat))
    elif tahunan.sumber == "tahunan":
        row.target = row.target_tahunan
        row.capaian = capaian(row.target, tahunan.nilai, indikator.polaritas, indikator.rumus_negatif)
    elif tahunan.akhir_tahun_nanti:
        # What it will be measured against at year end.
        row.target, row.target_teks = row.target_tahunan, row.target_predikat
    row.status = status_opd(row.capaian, indikator.opd)
    row.status_proyeksi = status_opd(row.proyeksi_capaian, indikator.opd)
    return row


def triwulan_terakhir(realisasi_items):
    """The latest triwulan with any quarterly realisasi (None when only annual figures exist)."""
    values = [r.triwulan for r in realisasi_items if r.triwulan]
    return max(values) if values else None


def capaian_indikator(indikators, tahun, sampai_triwulan=None, skala_list=None, per_triwulan=False):
    """Capaian of every indicator in `indikators` for `tahun`, in a fixed number of queries.

    `indikators` is a queryset (any number of OPDs). Without `sampai_triwulan`,
    each OPD is measured to its own latest triwulan with a quarterly realisasi.
    Returns CapaianIndikator rows in the queryset's order. 7 queries (5 when
    `skala_list` is given). `per_triwulan`: each row also carries itself
    measured s.d. TW 1..4 in `per_tw` (no extra query; only for a year recorded by quarters).
    """
    return capaian_indikator_tahunan(indikators, [tahun], sampai_triwulan, skala_list, per_triwulan)[tahun]


def capaian_indikator_tahunan(indikators, tahun_list, sampai_triwulan=None, skala_list=None, per_triwulan=False):
    """`capaian_indikator` for several years at once (trends): {tahun: [rows]}, same queries."""
    indikator_list = list(indikators.select_related("opd"))
    ids = [i.pk for i in indikator_list]
    targets, pk_items, realisasi = _muat_capaian(ids, list(tahun_list))
    skala_list = muat_skala() if skala_list is None else skala_list
    hasil = {}
    for tahun in tahun_list:
        n_per_opd = {}
        if sampai_triwulan is None:
            for ind in indikator_list:
                n = triwulan_terakhir(realisasi.get((ind.pk, tahun), []))
                if n and n > n_per_opd.get(ind.opd_id, 0):
                    n_per_opd[ind.opd_id] = n
        skala = skala_untuk(skala_list, tahun)
        rows = []
        for ind in indikator_list:
            data = (targets.get((ind.pk, tahun)), pk_items.get((ind.pk, tahun)), realisasi.get((ind.pk, tahun), []),
                    skala)
            row = _hitung_capaian(ind, tahun, sampai_triwulan or n_per_opd.get(ind.opd_id), *data)
            if per_triwulan:
                # Each quarter to the row's own n, through the same rules: a quarter's figure on the
                # drill-down is the figure the dashboard showed when that quarter was the latest.
                # Quarters after n carry their targets (the rest of the year's plan) and no realisasi yet.
                sampai = row.sampai_triwulan if row.periode == "triwulan" else 0
                row.per_tw = {tw: row if tw == sampai else _hitung_capaian(ind, tahun, tw, *data)
                              for tw in range(1, 5)} if sampai else {}
            rows.append(row)
        hasil[tahun] = rows
    return hasil


def hitung_status(rows):
    """How many indicators are in each status band: {status: count} with every band present.

    "akhir_tahun" counts year-end-only indicators that are not due yet.
    """
    counts = dict.fromkeys([*Status.URUTAN, "akhir_tahun"], 0)
    for row in rows:
        # A year-end-only indicator before TW IV is not due yet: not "belum diisi".
        counts["akhir_tahun" if row.akhir_tahun_nanti else row.status] += 1
    return counts
