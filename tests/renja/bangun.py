"""A small Renja built from records, for the Renja tests that are not about the seed document's figures.

Every figure the tests read is set here (or by the test): two programs, each with one kegiatan; the
first kegiatan has two sub-kegiatan (one without a prakiraan maju), the second one. Programs carry
a recorded pagu equal to the sum of their rows, as a transcribed document does.
"""

from decimal import Decimal as D

from renja.models import (
    BagianNarasi,
    BarisRencana,
    BarisReview,
    EvaluasiRenja,
    IndikatorRencana,
    KinerjaPelayanan,
    Renja,
    RiwayatTahap,
    TabelReview,
    TargetSpm,
)

# kode -> (level, nama, pagu, prakiraan maju); the order is the document's.
RENCANA = {
    "1.06.01": ("program", "PROGRAM PENUNJANG URUSAN", D(3_000_000), None),
    "1.06.01.2.01": ("kegiatan", "Perencanaan Perangkat Daerah", None, None),
    "1.06.01.2.01.0006": ("sub_kegiatan", "Koordinasi Penyusunan Laporan Kinerja", D(1_000_000),
                          D(1_100_000)),
    "1.06.01.2.01.0007": ("sub_kegiatan", "Evaluasi Kinerja Perangkat Daerah", D(2_000_000), None),
    "1.06.02": ("program", "PROGRAM PEMBERDAYAAN SOSIAL", D(500_000), None),
    "1.06.02.2.01": ("kegiatan", "Pemberdayaan Sosial KAT", None, None),
    "1.06.02.2.01.0001": ("sub_kegiatan", "Pemberdayaan Sosial Komunitas Adat", D(500_000), D(600_000)),
}
SPM = [("Rehabilitasi sosial dasar", "Persentase PPKS terlayani", D(300), "Orang"),
       ("Perlindungan sosial korban bencana", "Persentase korban bencana terlayani", D(350), "Orang")]
NARASI = [("kata_pengantar", "KATA PENGANTAR", "Renja disusun setiap tahun."),
          ("bab5_penutup", "BAB V PENUTUP", "Renja ini menjadi pedoman.")]


def total_pagu(kode_awal=""):
    """The sum of the sub-kegiatan pagu under a code (all of them by default)."""
    return sum(p for k, (level, _, p, _m) in RENCANA.items() if level == "sub_kegiatan" and k.startswith(kode_awal))


def renja_uji(opd, tahun=2026, tahap=Renja.Tahap.RANCANGAN_AKHIR, evaluasi=3):
    """The Renja of `opd` for `tahun` with rows, indicators, one review table, SPM targets, a
    service-performance row, `evaluasi` T-C.29 rows (the first with target n-2 "42") and two narrative
    sections; its tahap history starts at `tahap`."""
    renja = Renja.objects.create(opd=opd, tahun=tahun, tahap=tahap)
    RiwayatTahap.objects.create(renja=renja, dari="", ke=tahap, keterangan="Dibuat untuk uji.")
    induk = {}
    for urutan, (kode, (level, nama, pagu, maju)) in enumerate(RENCANA.items(), start=1):
        atas = None if level == "program" else induk[kode.rsplit(".", 2 if level == "kegiatan" else 1)[0]]
        baris = BarisRencana.objects.create(renja=renja, induk=atas, level=level, urutan=urutan * 10, kode=kode,
                                            nama=nama, pagu=pagu, pagu_maju=maju, lokasi="Kota Uji")
        induk[kode] = baris
        if level == "sub_kegiatan":
            IndikatorRencana.objects.create(baris=baris, urutan=1, nama=f"Jumlah laporan {nama.lower()}",
                                            target="4", satuan="Laporan", target_maju="4", satuan_maju="Laporan")
    tabel = TabelReview.objects.create(renja=renja, nomor=1, judul="Review terhadap Rancangan Awal RKPD")
    for urutan, (kode, (level, nama, pagu, _maju)) in enumerate(RENCANA.items(), start=1):
        BarisReview.objects.create(tabel=tabel, urutan=urutan * 10, level=level, kode=kode, nama=nama,
                                   rkpd_pagu=pagu if level == "sub_kegiatan" else None,
                                   analisis_pagu=pagu if level == "sub_kegiatan" else None,
                                   analisis_indikator="Jumlah laporan", analisis_target="4",
                                   analisis_satuan="Laporan")
    for urutan, (jenis, indikator, target, satuan) in enumerate(SPM, start=1):
        TargetSpm.objects.create(renja=renja, urutan=urutan, jenis_pelayanan=jenis, indikator=indikator,
                                 target=target, satuan=satuan)
    KinerjaPelayanan.objects.create(renja=renja, urutan=1, nomor="1", indikator="Persentase PPKS terlayani",
                                    satuan="%", target_n="100")
    for urutan in range(1, evaluasi + 1):
        EvaluasiRenja.objects.create(renja=renja, urutan=urutan * 10, level="sub_kegiatan",
                                     kode=f"1.06.01.2.01.{urutan:04d}", nama=f"Sub kegiatan {urutan}",
                                     indikator="Jumlah laporan", satuan="Laporan",
                                     target_n2="42" if urutan == 1 else "10", realisasi_n2="")
    for urutan, (kunci, judul, isi) in enumerate(NARASI, start=1):
        BagianNarasi.objects.create(renja=renja, kunci=kunci, urutan=urutan, judul=judul, isi=isi)
    return renja


def baris_sub(renja):
    """The Renja's first sub-kegiatan row."""
    return BarisRencana.objects.filter(renja=renja, level="sub_kegiatan").order_by("urutan").first()


def formset_data(prefix, rows, initial=0):
    """POST data of a formset from plain rows (dicts of field -> value)."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def isian_formset(prefix, forms, extra_fields):
    """POST data of a model formset page: the shown forms with their values plus `extra_fields`."""
    data = {f"{prefix}-TOTAL_FORMS": len(forms), f"{prefix}-INITIAL_FORMS": len(forms) - (1 if forms and
            forms[-1].instance.pk is None else 0), f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000}
    for form in forms:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if name == "id":
                value = form.instance.pk or ""
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    data.update(extra_fields)
    return data
