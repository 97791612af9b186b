"""Perjanjian Kinerja at every level: making one for a position, revising it, and checking the cascade.

The cascade (PermenPANRB 53/2014, LKE 88/2021 criteria 1.1.5 and 1.2.8): each
indicator of an eselon III or IV agreement names the indicator one level up
that it supports; every IKU must be supported by some eselon III agreement;
where the rule of the upper indicator is a sum, the quarters of the lower
ones must add up to it.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch

from indikator.capaian import JUMLAH, selisih_target_triwulan
from indikator.models import Jabatan, PerjanjianKinerja, PkIndikator, TargetTriwulan
from portal.angka import format_angka
from portal.models import AksiDitolak


def pk_berlaku(*, opd, tahun, jenis, jabatan=None, terbaru=False):
    """The agreement in force of a position (None: the OPD's own) for a year and jenis, or None.

    terbaru: the latest version instead, a revision being drafted included (the one the grid edits).
    """
    qs = PerjanjianKinerja.objects.terbaru() if terbaru else PerjanjianKinerja.objects.berlaku()
    return qs.select_related("jabatan__atasan").filter(opd=opd, tahun=tahun, jenis=jenis, jabatan=jabatan).first()


def pk_buat(*, opd, tahun, jenis, jabatan=None):
    """Make the draft agreement of a position (or of the OPD) for a year; (pk, made) like get_or_create.

    A second click finds the first one: the agreement of a year is unique.
    """
    ada = pk_berlaku(opd=opd, tahun=tahun, jenis=jenis, jabatan=jabatan, terbaru=True)
    if ada is not None:
        return ada, False
    pk = PerjanjianKinerja(opd=opd, tahun=tahun, jenis=jenis, jabatan=jabatan)
    if jabatan is None:
        pk.pihak_pertama_nama, pk.pihak_pertama_nip = opd.kepala_nama, opd.kepala_nip
        pk.pihak_pertama_jabatan = opd.kepala_jabatan
    else:
        pk.isi_pihak()
    try:
        with transaction.atomic():
            pk.save()
    except Exception:  # the unique constraint: someone made it at the same moment
        ada = pk_berlaku(opd=opd, tahun=tahun, jenis=jenis, jabatan=jabatan, terbaru=True)
        if ada is None:
            raise
        return ada, False
    return pk, True


def pk_revisi(*, perjanjian, versi, alasan, catatan):
    """Start a revision of a signed agreement: a new draft with the same targets, naming why.

    Only the reasons of PerjanjianKinerja.AlasanRevisi are accepted, with a
    note; the earlier agreement is kept as it was signed (readable and
    printable) and stops being the one in force. A change of official takes
    the new holder's name into the revision.
    """
    pesan = perjanjian.alasan_revisi_ditolak(alasan)
    catatan = (catatan or "").strip()
    if pesan is None and not catatan:
        pesan = "Tuliskan catatan revisi: apa yang berubah dan dasarnya."
    if pesan:
        raise AksiDitolak(pesan)
    with transaction.atomic():
        # Taking the old one's version refuses a second revision started from the same page.
        perjanjian.klaim_versi(versi, status=PerjanjianKinerja.Status.DITETAPKAN)
        baru = PerjanjianKinerja(
            opd=perjanjian.opd, tahun=perjanjian.tahun, jenis=perjanjian.jenis, jabatan=perjanjian.jabatan,
            revisi_dari=perjanjian, revisi_ke=perjanjian.revisi_ke + 1, alasan_revisi=alasan,
            catatan_revisi=catatan, tanggal_dpa=perjanjian.tanggal_dpa,
            **{f"pihak_{p}_{k}": getattr(perjanjian, f"pihak_{p}_{k}")
               for p in ("pertama", "kedua") for k in ("nama", "nip", "jabatan")})
        if perjanjian.jabatan_id:
            baru.isi_pihak()
        elif alasan == PerjanjianKinerja.AlasanRevisi.PEJABAT:
            opd = perjanjian.opd
            baru.pihak_pertama_nama, baru.pihak_pertama_nip = opd.kepala_nama, opd.kepala_nip
        baru._change_reason = f"Revisi: {baru.get_alasan_revisi_display()}"
        baru.save()
        for item in PkIndikator.objects.filter(perjanjian=perjanjian).prefetch_related("triwulan"):
            salinan = PkIndikator.objects.create(
                perjanjian=baru, indikator_id=item.indikator_id, urutan=item.urutan, mendukung_id=item.mendukung_id,
                nilai=item.nilai, predikat=item.predikat, pembilang=item.pembilang, penyebut=item.penyebut)
            TargetTriwulan.objects.bulk_create([
                TargetTriwulan(pk_indikator=salinan, triwulan=t.triwulan, nilai=t.nilai, predikat=t.predikat,
                               pembilang=t.pembilang, penyebut=t.penyebut) for t in item.triwulan.all()])
    return baru


def jabatan_ganti_pemegang(*, jabatan, versi):
    """Record who holds a position now (under its lock, in its audit trail).

    The head of the OPD is also the OPD's kepala, whom the OPD's own PK and
    every document name: both change together.
    """
    jabatan._change_reason = "Pergantian pejabat"
    with transaction.atomic():
        jabatan.simpan_atau_buat(versi)
        if jabatan.kepala_opd:
            opd = jabatan.opd
            opd.kepala_nama, opd.kepala_nip = jabatan.pemegang_nama, jabatan.pemegang_nip
            opd.kepala_pangkat = jabatan.pemegang_pangkat
            opd.save(update_fields=["kepala_nama", "kepala_nip", "kepala_pangkat"])
    return jabatan


def riwayat_versi(perjanjian):
    """Every version of an agreement, the first one first (a chain through revisi_dari)."""
    semua = {p.pk: p for p in PerjanjianKinerja.objects.filter(
        opd_id=perjanjian.opd_id, tahun=perjanjian.tahun, jenis=perjanjian.jenis, jabatan_id=perjanjian.jabatan_id)}
    return sorted(semua.values(), key=lambda p: p.revisi_ke)


# --- The cascade check --------------------------------------------------------------


@dataclass
class Temuan:
    """One finding of the cascade check: how serious, what, and which agreement it is about."""

    tingkat: str  # "danger" or "warning"
    pesan: str
    perjanjian: object = None


@dataclass
class Jenjang:
    """The agreements in force of an OPD's year at every level, loaded once for the check and the tree."""

    opd: object
    tahun: int
    jabatan: list
    pk_opd: object = None
    pk_jabatan: dict = field(default_factory=dict)  # jabatan id -> PerjanjianKinerja
    item: dict = field(default_factory=dict)  # perjanjian id -> [PkIndikator]

    def pendukung(self, perjanjian_list):
        """indikator id -> [PkIndikator] of these agreements that support it."""
        hasil = {}
        for p in perjanjian_list:
            for i in self.item.get(p.pk, []):
                if i.mendukung_id:
                    hasil.setdefault(i.mendukung_id, []).append(i)
        return hasil

    def pk_dari(self, jabatan):
        return self.pk_opd if jabatan is None or jabatan.kepala_opd else self.pk_jabatan.get(jabatan.pk)


def jenjang_muat(opd, tahun, jenis=PerjanjianKinerja.Jenis.MURNI):
    """Positions, agreements in force and their indicators with targets: four queries whatever their number."""
    jabatan = list(Jabatan.objects.filter(opd=opd).select_related("unit", "atasan"))
    pks = list(PerjanjianKinerja.objects.berlaku().filter(opd=opd, tahun=tahun, jenis=jenis))
    items = (PkIndikator.objects.filter(perjanjian__in=[p.pk for p in pks])
             .select_related("indikator", "mendukung")
             .prefetch_related(Prefetch("triwulan", queryset=TargetTriwulan.objects.order_by("triwulan")))
             .order_by("urutan", "pk"))
    per_jabatan = {j.pk: j for j in jabatan}
    hasil = Jenjang(opd, tahun, jabatan)
    for p in pks:
        p.opd = opd  # the OPD already loaded: the checks read its kepala
        if p.jabatan_id is None:
            hasil.pk_opd = p
        else:
            p.jabatan = per_jabatan.get(p.jabatan_id)
            hasil.pk_jabatan[p.jabatan_id] = p
    for i in items:
        hasil.item.setdefault(i.perjanjian_id, []).append(i)
    return hasil


def _tw(item):
    return {t.triwulan: t.nilai_eksak for t in item.triwulan.all() if not t.kosong}


def _selisih(item):
    if item.kosong:
        return None
    return selisih_target_triwulan(item.indikator.agregasi, item.nilai_eksak, _tw(item))


def periksa_jenjang(jenjang):
    """What the cascade lacks, as Temuan, the most serious first."""
    temuan = []
    temuan += _periksa_dukungan(jenjang)
    temuan += _periksa_jumlah(jenjang)
    for p in [jenjang.pk_opd, *jenjang.pk_jabatan.values()]:
        if p is None:
            continue
        nama = p.jabatan or "PK perangkat daerah"
        terlambat = p.terlambat_dari_dpa()
        if terlambat:
            temuan.append(Temuan("warning", f"{nama}: PK ditetapkan {terlambat} hari lewat dari sebulan "
                                            f"setelah DPA ({p.tanggal_dpa:%d-%m-%Y}).", p))
        if p.pejabat_berganti():
            temuan.append(Temuan("warning", f"{nama}: pejabat penanda tangan sudah berganti; "
                                            "buat revisi PK karena pergantian pejabat.", p))
    for j in jenjang.jabatan:
        if not j.kepala_opd and j.pk not in jenjang.pk_jabatan:
            temuan.append(Temuan("warning", f"{j.nama} belum memiliki PK {jenjang.tahun}."))
    return sorted(temuan, key=lambda t: t.tingkat != "danger")


def _periksa_dukungan(jenjang):
    temuan = []
    iku = {i.indikator_id: i for i in jenjang.item.get(jenjang.pk_opd.pk, [])} if jenjang.pk_opd else {}
    for p in jenjang.pk_jabatan.values():
        atasan = p.jabatan.atasan if p.jabatan else None
        pk_atas = jenjang.pk_dari(atasan)
        di_atas = {i.indikator_id for i in jenjang.item.get(pk_atas.pk, [])} if pk_atas else set()
        for i in jenjang.item.get(p.pk, []):
            if i.mendukung_id is None:
                temuan.append(Temuan("danger", f"{p.jabatan}: {i.indikator.kode} tidak mendukung "
                                               "indikator mana pun di atasnya.", p))
            elif i.mendukung_id not in di_atas:
                temuan.append(Temuan("danger", f"{p.jabatan}: {i.indikator.kode} mendukung {i.mendukung.kode}, "
                                               f"yang tidak ada di PK {atasan or 'atasan'} yang berlaku.", p))
    eselon3 = [p for p in jenjang.pk_jabatan.values() if p.jabatan and p.jabatan.eselon == Jabatan.Eselon.III]
    didukung = jenjang.pendukung(eselon3)
    for indikator_id, item in iku.items():
        if indikator_id not in didukung:
            temuan.append(Temuan("danger", f"IKU {item.indikator.kode} tidak didukung PK eselon III mana pun.",
                                 jenjang.pk_opd))
    return temuan


def _periksa_jumlah(jenjang):
    """Where the upper indicator is a sum of quarters, its lower indicators of the same unit must add up to it."""
    temuan = []
    semua = [p for p in [jenjang.pk_opd, *jenjang.pk_jabatan.values()] if p is not None]
    for p in semua:
        salah = [i.indikator.kode for i in jenjang.item.get(p.pk, []) if _selisih(i) not in (None, 0)]
        if salah:
            temuan.append(Temuan("danger", f"{p.jabatan or 'PK perangkat daerah'}: target triwulan "
                                           f"{', '.join(salah)} belum sama dengan target tahunan.", p))
    for p in semua:
        bawahan = [b for b in jenjang.pk_jabatan.values()
                   if b.jabatan and (b.jabatan.atasan_id == getattr(p.jabatan, "pk", None)
                                     or (p.jabatan_id is None and b.jabatan.eselon == Jabatan.Eselon.III))]
        pendukung = jenjang.pendukung(bawahan)
        for atas in jenjang.item.get(p.pk, []):
            sama = [b for b in pendukung.get(atas.indikator_id, [])
                    if b.indikator.agregasi == JUMLAH and b.indikator.satuan == atas.indikator.satuan]
            if atas.indikator.agregasi != JUMLAH or not sama:
                continue
            target_atas = _tw(atas)
            for tw, nilai in sorted(target_atas.items()):
                jumlah = sum((_tw(b).get(tw) or 0) for b in sama)
                if jumlah != nilai:
                    temuan.append(Temuan("danger", f"{atas.indikator.kode} TW {tw}: target {format_angka(nilai)} "
                                                   "tidak sama dengan jumlah target pendukungnya "
                                                   f"({format_angka(jumlah)}).", p))
    return temuan


# --- The cascade as a tree (pohon kinerja) ------------------------------------------


def pohon_pk(jenjang, anggaran=None):
    """IKU of the OPD's PK → the eselon III indicators supporting each → the eselon IV ones under those.

    Each node: {"item": PkIndikator, "jabatan": Jabatan or None, "pagu": the
    budget of the program/kegiatan/sub-kegiatan it measures (from `anggaran`,
    the OPD's budget tree) or None, "anak": [...]}. Returns (roots, loose):
    loose are the lower-level indicators that support nothing in force above.
    """
    pagu = _pagu_per_node(anggaran)
    jabatan_pk = {p.pk: p.jabatan for p in jenjang.pk_jabatan.values()}

    def node(item):
        ind = item.indikator
        kunci = next(((lv, getattr(ind, f"{lv}_id")) for lv in ("program", "kegiatan", "sub_kegiatan")
                      if getattr(ind, f"{lv}_id")), None)
        return {"item": item, "jabatan": jabatan_pk.get(item.perjanjian_id), "pagu": pagu.get(kunci), "anak": []}

    per_tingkat = {"III": [], "IV": []}
    for p in jenjang.pk_jabatan.values():
        if p.jabatan is not None:
            per_tingkat[p.jabatan.eselon].extend(node(i) for i in jenjang.item.get(p.pk, []))
    roots = [node(i) for i in jenjang.item.get(jenjang.pk_opd.pk, [])] if jenjang.pk_opd else []
    loose = []
    _gantung(roots, per_tingkat["III"], loose, lambda atas, bawah: True)
    # An eselon IV indicator hangs under the indicator it supports in its own superior's PK.
    _gantung([a for r in roots for a in r["anak"]] + [n for n in loose if n["jabatan"].eselon == "III"],
             per_tingkat["IV"], loose, lambda atas, bawah: bawah["jabatan"].atasan_id == atas["jabatan"].pk)
    return roots, loose


def _gantung(atas_list, bawah_list, loose, cocok):
    for bawah in bawah_list:
        atas = next((a for a in atas_list if a["item"].indikator_id == bawah["item"].mendukung_id
                     and cocok(a, bawah)), None)
        (atas["anak"] if atas else loose).append(bawah)


def _pagu_per_node(anggaran):
    hasil = {}

    def turun(baris):
        for anak in baris.anak:
            if anak.obj is not None:
                hasil[(anak.level, anak.obj.pk)] = anak.pagu
            turun(anak)

    if anggaran is not None:
        turun(anggaran)
    return hasil


# --- Crosscutting ---------------------------------------------------------------------


def crosscutting_opd(opd):
    """(contributions of others to this OPD's indicators, this OPD's to others'): two queries."""
    from indikator.models import Crosscutting

    kolom = ("indikator__opd", "opd_mitra", "indikator_mitra")
    masuk = list(Crosscutting.objects.filter(indikator__opd=opd).select_related(*kolom).order_by("indikator__urutan",
                                                                                                  "pk"))
    keluar = list(Crosscutting.objects.filter(opd_mitra=opd).select_related(*kolom).order_by("indikator__opd__nama",
                                                                                               "pk"))
    return masuk, keluar
