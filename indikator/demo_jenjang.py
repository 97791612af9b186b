"""Demo PK 2026 at every level of Dinas Sosial: positions from the LKIP's structure, indicators from the Renja.

What comes from the seeds and what is illustrative is listed in
fixtures/dinsos_bekasi/pk_berjenjang_2026.json and the fixture README; the
illustrative holders are flagged on the record (Jabatan.pemegang_ilustrasi)
and every PK printed with one says so.
"""

from decimal import Decimal

from anggaran.models import Program, SubKegiatan, VersiNomenklatur
from indikator.models import (
    AksiTriwulan,
    Indikator,
    Jabatan,
    PerjanjianKinerja,
    PkIndikator,
    RencanaAksi,
    Target,
    TargetTriwulan,
)
from portal.demo import dec
from portal.models import UnitKerja

BERKAS = "pk_berjenjang_2026.json"


def load(ctx):
    if not ctx.exists(BERKAS):
        return
    data = ctx.read(BERKAS)
    tahun = data["tahun"]
    rencana = ctx.read("renja_2026.json")["rencana"]
    jabatan = load_jabatan(ctx, data)
    versi = VersiNomenklatur.for_tahun(tahun)
    program = {p.kode_lengkap: p for p in Program.objects.filter(bidang__urusan__versi=versi)}
    sub = {s.kode_lengkap: s for s in SubKegiatan.objects.filter(kegiatan__program__bidang__urusan__versi=versi)}
    unit = {u.nama: u for u in UnitKerja.objects.filter(opd=ctx.opd)}
    opd_pk = load_pk_opd(ctx, tahun)
    per_unit = {j.unit_id: j for j in jabatan}
    urutan_pk = {}  # the order of a PK's rows is the order of the Renja's, the same at every load
    for row in rencana:
        for indikator, target in _indikator_renja(ctx, data, row, tahun, program, sub, unit):
            j = per_unit.get(indikator.penanggung_jawab_id)
            if j is None:
                continue
            pk = ctx.upsert(PerjanjianKinerja, {"opd": ctx.opd, "tahun": tahun, "jenis": "murni", "jabatan": j,
                                                "revisi_ke": 0}, _pihak(j))
            mendukung, triwulan = _dukungan(ctx, data, row, opd_pk)
            urutan = urutan_pk[pk.pk] = urutan_pk.get(pk.pk, 0) + 1
            item = ctx.upsert(PkIndikator, {"perjanjian": pk, "indikator": indikator},
                              {"nilai": target, "mendukung": mendukung, "urutan": urutan})
            for tw, nilai in enumerate(triwulan, start=1):
                ctx.upsert(TargetTriwulan, {"pk_indikator": item, "triwulan": tw}, {"nilai": nilai})
    load_rencana_aksi(ctx, data, tahun)


def load_rencana_aksi(ctx, data, tahun):
    """The illustrative rencana aksi of the PPKS and PSKS chains (plans and targets only; no progress)."""
    for urutan, item in enumerate(data["rencana_aksi"], start=1):
        pk_item = (PkIndikator.objects.select_related("perjanjian__jabatan", "indikator")
                   .filter(perjanjian__opd=ctx.opd, perjanjian__tahun=tahun, perjanjian__jabatan__isnull=False,
                           perjanjian__revisi_ke=0, indikator__kode=item["indikator"]).first())
        if pk_item is None:
            continue
        rencana = ctx.upsert(RencanaAksi, {"pk_indikator": pk_item, "uraian": item["uraian"]}, {
            "output": item["output"], "satuan": item["satuan"], "unit": pk_item.indikator.penanggung_jawab,
            "jabatan": pk_item.perjanjian.jabatan, "urutan": urutan})
        for tw, target in enumerate(item["target"], start=1):
            ctx.upsert(AksiTriwulan, {"rencana": rencana, "triwulan": tw}, {"target": dec(target)})


def load_jabatan(ctx, data):
    opd = ctx.opd
    kepala = ctx.upsert(Jabatan, {"opd": opd, "nama": opd.kepala_jabatan or "Kepala Dinas"}, {
        "eselon": Jabatan.Eselon.II, "pemegang_nama": opd.kepala_nama, "pemegang_nip": opd.kepala_nip,
        "pemegang_pangkat": opd.kepala_pangkat, "pemegang_ilustrasi": False, "urutan": 0})
    hasil = []
    for urutan, item in enumerate(data["jabatan"], start=1):
        unit = UnitKerja.objects.get(opd=opd, nama=item["unit"])
        j3 = ctx.upsert(Jabatan, {"opd": opd, "nama": item["nama"]}, {
            "eselon": Jabatan.Eselon.III, "unit": unit, "atasan": kepala, "pemegang_nama": item["pemegang"],
            "pemegang_nip": item["nip"], "pemegang_ilustrasi": True, "urutan": urutan})
        hasil.append(j3)
        for n, sub in enumerate(UnitKerja.objects.filter(induk=unit).order_by("urutan", "nama"), start=1):
            nama = f"Kepala {sub.nama}" if sub.nama.startswith("Sub Bagian") else sub.nama
            nomor = urutan * 10 + n
            hasil.append(ctx.upsert(Jabatan, {"opd": opd, "nama": nama}, {
                "eselon": Jabatan.Eselon.IV, "unit": sub, "atasan": j3,
                "pemegang_nama": f"{data['pemegang_eselon_iv']} {nomor:02d}",
                "pemegang_nip": f"00000000 000000 0 {nomor:03d}", "pemegang_ilustrasi": True, "urutan": n}))
    return hasil


def load_pk_opd(ctx, tahun):
    """The OPD's PK 2026 as a draft: its IKU with the Renstra 2025–2029 targets of the year (seed)."""
    pk = ctx.upsert(PerjanjianKinerja, {"opd": ctx.opd, "tahun": tahun, "jenis": "murni", "jabatan": None,
                                        "revisi_ke": 0},
                    {"pihak_pertama_nama": ctx.opd.kepala_nama, "pihak_pertama_nip": ctx.opd.kepala_nip,
                     "pihak_pertama_jabatan": ctx.opd.kepala_jabatan})
    iku = Indikator.objects.filter(opd=ctx.opd, is_iku=True, target__tahun=tahun).distinct().order_by("urutan")
    for urutan, indikator in enumerate(iku, start=1):
        target = Target.objects.get(indikator=indikator, tahun=tahun)
        ctx.upsert(PkIndikator, {"perjanjian": pk, "indikator": indikator},
                   {"nilai": target.nilai, "predikat": target.predikat, "urutan": urutan})
    return pk


def _pihak(jabatan):
    atasan = jabatan.atasan
    return {"pihak_pertama_nama": jabatan.pemegang_nama, "pihak_pertama_nip": jabatan.pemegang_nip,
            "pihak_pertama_jabatan": jabatan.nama, "pihak_kedua_nama": atasan.pemegang_nama,
            "pihak_kedua_nip": atasan.pemegang_nip, "pihak_kedua_jabatan": atasan.nama}


def _indikator_renja(ctx, data, row, tahun, program, sub, unit):
    """The portal indicators of one Renja row (program, or sub-kegiatan of the demo's chains) and their targets."""
    kode = row.get("kode") or ""
    if row["level"] == "program" and kode in data["program_unit"] and kode in program:
        parent, level, pj = {"program": program[kode]}, "PRG", unit[data["program_unit"][kode]["unit"]]
    elif row["level"] == "sub_kegiatan" and kode in data["sub_kegiatan_unit"] and kode in sub:
        parent, level, pj = {"sub_kegiatan": sub[kode]}, "SUB", unit[data["sub_kegiatan_unit"][kode]]
    else:
        return []
    hasil = []
    for n, item in enumerate(row["indikator"], start=1):
        satuan = item["satuan"] or ""
        persen = satuan.strip() == "%"
        kode_indikator = f"R26-{level}-{kode}" + (f"-{n}" if n > 1 else "")
        indikator = ctx.upsert(Indikator, {"opd": ctx.opd, "kode": kode_indikator}, {
            **dict.fromkeys(("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")), **parent,
            "nama": item["nama"], "satuan": "Persen" if persen else satuan, "penanggung_jawab": pj,
            # An output counted in people adds up over the quarters; a percentage is read at the last one.
            "agregasi": Indikator.Agregasi.NILAI_AKHIR if persen or level == "PRG" else Indikator.Agregasi.JUMLAH,
            "urutan": 500 + len(hasil)})
        target = dec(item["target"])
        if target is not None:
            ctx.upsert(Target, {"indikator": indikator, "tahun": tahun}, {"nilai": target})
        hasil.append((indikator, target))
    return hasil


def _dukungan(ctx, data, row, opd_pk):
    """(the indicator one level up, the illustrative triwulan targets) of a Renja row's indicator."""
    kode = row.get("kode") or ""
    if row["level"] == "program":
        aturan = data["program_unit"][kode]
        mendukung = (Indikator.objects.filter(opd=ctx.opd, kode=aturan["mendukung"]).first()
                     if aturan.get("mendukung") else None)
        return mendukung, [Decimal(v) for v in aturan.get("triwulan", [])]
    program_kode = kode[:7]
    mendukung = Indikator.objects.filter(opd=ctx.opd, kode=f"R26-PRG-{program_kode}").first()
    target = dec(row["indikator"][0]["target"])
    if target is None:
        return mendukung, []
    # Illustrative quarters of a sum: the year spread evenly, the remainder in TW IV.
    bagian = (target / 4).quantize(Decimal(1), rounding="ROUND_FLOOR")
    return mendukung, [bagian, bagian, bagian, target - 3 * bagian]
