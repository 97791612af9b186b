"""The LKE of PermenPANRB 88/2021 as data: 4 components, 12 sub-components, 80 criteria and the answer scales.

Structure and weights from LKE-88-2021.md (as public implementations of
88/2021 apply them). Every criterion is on the graded scale (AA 100 % … E 0 %);
the yes/no scale is loaded too, for a criterion the admin moves to it. A
later regulation is another Lke row, entered in the admin.
"""

from decimal import Decimal

from django.db import migrations

KODE = "permenpanrb-88-2021"

SKALA = [
    ("bertingkat", "Bertingkat AA–E", [("AA", "100"), ("A", "90"), ("BB", "80"), ("B", "70"), ("CC", "60"),
                                        ("C", "50"), ("D", "30"), ("E", "0")]),
    ("ya-tidak", "Ya / Tidak", [("Y", "100"), ("T", "0")]),
]

# (komponen, bobot, [(sub-komponen, bobot, [kriteria…])…])
KOMPONEN = [('Perencanaan Kinerja',
  '30',
  [('Dokumen Perencanaan kinerja telah tersedia',
    '6',
    ['Terdapat pedoman teknis perencanaan kinerja.',
     'Terdapat dokumen perencanaan kinerja jangka panjang.',
     'Terdapat dokumen perencanaan kinerja jangka menengah.',
     'Terdapat dokumen perencanaan kinerja jangka pendek.',
     'Terdapat dokumen perencanaan aktivitas yang mendukung kinerja.',
     'Terdapat dokumen perencanaan anggaran yang mendukung kinerja.',
     'Setiap unit satuan kerja merumuskan dan menetapkan Perencanaan Kinerja.']),
   ('Dokumen Perencanaan kinerja telah memenuhi standar yang baik, yaitu untuk mencapai hasil dengan ukuran kinerja '
    'yang SMART, menggunakan penyelarasan (cascading) disetiap level secara logis, serta memperhatikan kinerja '
    'bidang lain (crosscutting)',
    '9',
    ['Dokumen Perencanaan Kinerja telah diformalkan.',
     'Dokumen Perencanaan Kinerja telah dipublikasikan tepat waktu.',
     'Dokumen Perencanaan Kinerja telah menggambarkan Kebutuhan atas Kinerja sebenarnya yang perlu dicapai.',
     'Kualitas Rumusan Hasil (Tujuan/Sasaran) telah jelas menggambarkan kondisi kinerja yang akan dicapai.',
     'Ukuran Keberhasilan (Indikator Kinerja) telah memenuhi kriteria SMART.',
     'Indikator Kinerja Utama (IKU) telah menggambarkan kondisi Kinerja Utama yang harus dicapai, tertuang secara '
     'berkelanjutan (sustainable - tidak sering diganti dalam 1 periode Perencanaan Strategis).',
     'Target yang ditetapkan dalam Perencanaan Kinerja dapat dicapai (achievable), menantang, dan realistis.',
     'Setiap Dokumen Perencanaan Kinerja menggambarkan hubungan yang berkesinambungan, serta selaras antara '
     'Kondisi/Hasil yang akan dicapai di setiap level jabatan (Cascading).',
     'Perencanaan kinerja dapat memberikan informasi tentang hubungan kinerja, strategi, kebijakan, bahkan aktivitas '
     'antar bidang/dengan tugas dan fungsi lain yang berkaitan (Crosscutting).',
     'Setiap pegawai merumuskan dan menetapkan Perencanaan Kinerja.']),
   ('Perencanaan Kinerja telah dimanfaatkan untuk mewujudkan hasil yang berkesinambungan',
    '15',
    ['Anggaran yang ditetapkan telah mengacu pada Kinerja yang ingin dicapai.',
     'Aktivitas yang dilaksanakan telah mendukung Kinerja yang ingin dicapai.',
     'Target yang ditetapkan dalam Perencanaan Kinerja telah dicapai dengan baik, atau setidaknya masih on the right '
     'track.',
     'Rencana aksi kinerja dapat berjalan dinamis karena capaian kinerja selalu dipantau secara berkala.',
     'Terdapat perbaikan/penyempurnaan Dokumen Perencanaan Kinerja yang ditetapkan dari hasil analisis perbaikan '
     'kinerja sebelumnya.',
     'Terdapat perbaikan/penyempurnaan Dokumen Perencanaan Kinerja dalam mewujudkan kondisi/hasil yang lebih baik.',
     'Setiap unit/satuan kerja memahami dan peduli, serta berkomitmen dalam mencapai kinerja yang telah '
     'direncanakan.',
     'Setiap Pegawai memahami dan peduli, serta berkomitmen dalam mencapai kinerja yang telah direncanakan.'])]),
 ('Pengukuran Kinerja',
  '30',
  [('Pengukuran Kinerja telah dilakukan',
    '6',
    ['Terdapat pedoman teknis pengukuran kinerja dan pengumpulan data kinerja.',
     'Terdapat Definisi Operasional yang jelas atas kinerja dan cara mengukur indikator kinerja.',
     'Terdapat mekanisme yang jelas terhadap pengumpulan data kinerja yang dapat diandalkan.']),
   ('Pengukuran Kinerja telah menjadi kebutuhan dalam mewujudkan Kinerja secara Efektif dan Efisien dan telah '
    'dilakukan secara berjenjang dan berkelanjutan',
    '9',
    ['Pimpinan selalu terlibat sebagai pengambil keputusan (Decision Maker) dalam mengukur capaian kinerja.',
     'Data kinerja yang dikumpulkan telah relevan untuk mengukur capaian kinerja yang diharapkan.',
     'Data kinerja yang dikumpulkan telah mendukung capaian kinerja yang diharapkan.',
     'Pengukuran kinerja telah dilakukan secara berkala.',
     'Setiap level organisasi melakukan pemantauan atas pengukuran capaian kinerja unit dibawahnya secara '
     'berjenjang.',
     'Pengumpulan data kinerja telah memanfaatkan Teknologi Informasi (Aplikasi).',
     'Pengukuran capaian kinerja telah memanfaatkan Teknologi Informasi (Aplikasi).']),
   ('Pengukuran Kinerja telah dijadikan dasar dalam pemberian Reward dan Punishment, serta penyesuaian strategi '
    'dalam mencapai kinerja yang efektif dan efisien',
    '15',
    ['Pengukuran Kinerja telah menjadi dasar dalam penyesuaian (pemberian / pengurangan) tunjangan Kinerja / '
     'penghasilan.',
     'Pengukuran Kinerja telah menjadi dasar dalam penempatan/ penghapusan Jabatan baik struktural maupun '
     'fungsional.',
     'Pengukuran kinerja telah mempengaruhi penyesuaian (Refocusing) Organisasi.',
     'Pengukuran kinerja telah mempengaruhi penyesuaian Strategi dalam mencapai kinerja.',
     'Pengukuran kinerja telah mempengaruhi penyesuaian Kebijakan dalam mencapai kinerja.',
     'Pengukuran kinerja telah mempengaruhi penyesuaian Aktivitas dalam mencapai kinerja.',
     'Pengukuran kinerja telah mempengaruhi penyesuaian Anggaran dalam mencapai kinerja.',
     'Terdapat efisiensi atas penggunaan anggaran dalam mencapai kinerja.',
     'Setiap unit/satuan kerja memahami dan peduli atas hasil pengukuran kinerja.',
     'Setiap pegawai memahami dan peduli atas hasil pengukuran kinerja.'])]),
 ('Pelaporan Kinerja',
  '15',
  [('Terdapat Dokumen Laporan yang menggambarkan Kinerja',
    '3',
    ['Dokumen Laporan Kinerja telah disusun.',
     'Dokumen Laporan Kinerja telah disusun secara berkala.',
     'Dokumen Laporan Kinerja telah diformalkan.',
     'Dokumen Laporan Kinerja telah direviu.',
     'Dokumen Laporan Kinerja telah dipublikasikan.',
     'Dokumen Laporan Kinerja telah disampaikan tepat waktu.']),
   ('Dokumen Laporan Kinerja telah memenuhi Standar yang menggambarkan Kualitas atas Pencapaian Kinerja, informasi '
    'keberhasilan / kegagalan kinerja serta upaya perbaikan / penyempurnaannya',
    '4.5',
    ['Dokumen Laporan Kinerja disusun secara berkualitas sesuai dengan standar.',
     'Dokumen Laporan Kinerja telah mengungkap seluruh informasi tentang pencapaian kinerja.',
     'Dokumen Laporan Kinerja telah menginfokan perbandingan realisasi kinerja dengan target tahunan.',
     'Dokumen Laporan Kinerja telah menginfokan perbandingan realisasi kinerja dengan target jangka menengah.',
     'Dokumen Laporan Kinerja telah menginfokan perbandingan realisasi kinerja dengan realisasi kinerja tahun-tahun '
     'sebelumnya.',
     'Dokumen Laporan Kinerja telah menginfokan perbandingan realisasi kinerja di level nasional/internasional '
     '(Benchmark Kinerja).',
     'Dokumen Laporan Kinerja telah menginfokan kualitas atas capaian kinerja beserta upaya nyata dan/atau '
     'hambatannya.',
     'Dokumen Laporan Kinerja telah menginfokan efisiensi atas penggunaan sumber daya dalam mencapai kinerja.',
     'Dokumen Laporan Kinerja telah menginfokan upaya perbaikan dan penyempurnaan kinerja ke depan (Rekomendasi '
     'perbaikan kinerja).']),
   ('Pelaporan Kinerja telah memberikan dampak yang besar dalam penyesuaian strategi / kebijakan dalam mencapai '
    'kinerja berikutnya',
    '7.5',
    ['Informasi dalam laporan kinerja selalu menjadi perhatian utama pimpinan (Bertanggung Jawab).',
     'Penyajian informasi dalam laporan kinerja menjadi kepedulian seluruh pegawai.',
     'Informasi dalam laporan kinerja berkala telah digunakan dalam penyesuaian aktivitas untuk mencapai kinerja.',
     'Informasi dalam laporan kinerja berkala telah digunakan dalam penyesuaian penggunaan anggaran untuk mencapai '
     'kinerja.',
     'Informasi dalam laporan kinerja telah digunakan dalam evaluasi pencapaian keberhasilan kinerja.',
     'Informasi dalam laporan kinerja telah digunakan dalam penyesuaian perencanaan kinerja yang akan dihadapi '
     'berikutnya.',
     'Informasi dalam laporan kinerja selalu mempengaruhi perubahan budaya kinerja organisasi.'])]),
 ('Evaluasi Akuntabilitas Kinerja Internal',
  '25',
  [('Evaluasi Akuntabilitas Kinerja Internal telah dilaksanakan',
    '5',
    ['Terdapat pedoman teknis Evaluasi AKIP Internal.',
     'Evaluasi AKIP Internal telah dilaksanakan pada seluruh unit kerja/perangkat daerah.',
     'Evaluasi AKIP Internal telah dilaksanakan secara berjenjang.']),
   ('Evaluasi Akuntabilitas Kinerja Internal telah dilaksanakan secara berkualitas dengan Sumber Daya yang memadai',
    '7.5',
    ['Evaluasi AKIP Internal telah dilaksanakan sesuai standar.',
     'Evaluasi AKIP Internal telah dilaksanakan oleh SDM yang memadai.',
     'Evaluasi AKIP Internal telah dilaksanakan dengan pendalaman yang memadai.',
     'Evaluasi AKIP Internal telah dilaksanakan pada seluruh unit kerja/perangkat daerah.',
     'Evaluasi AKIP Internal telah dilaksanakan menggunakan Teknologi Informasi (Aplikasi).']),
   ('Implementasi SAKIP telah meningkat karena evaluasi Akuntabilitas Kinerja Internal sehingga memberikan kesan '
    'yang nyata (dampak) dalam efektifitas dan efisiensi Kinerja',
    '12.5',
    ['Seluruh rekomendasi atas hasil evaluasi AKIP internal telah ditindaklanjuti.',
     'Telah terjadi peningkatan implementasi SAKIP dengan melaksanakan tindak lanjut atas rekomendasi hasil evaluasi '
     'AKIP internal.',
     'Hasil Evaluasi AKIP Internal telah dimanfaatkan untuk perbaikan dan peningkatan akuntabilitas kinerja.',
     'Hasil dari Evaluasi AKIP Internal telah dimanfaatkan dalam mendukung efektifitas dan efisiensi kinerja.',
     'Telah terjadi perbaikan dan peningkatan kinerja dengan memanfaatkan hasil evaluasi AKIP internal.'])])]


def muat_lke(apps, schema_editor=None):
    """Write the 88/2021 worksheet (again): idempotent, so the demo loader calls it after a flush too."""
    Lke = apps.get_model("evaluasi", "Lke")
    SkalaJawaban = apps.get_model("evaluasi", "SkalaJawaban")
    PilihanJawaban = apps.get_model("evaluasi", "PilihanJawaban")
    KomponenLke = apps.get_model("evaluasi", "KomponenLke")
    SubKomponenLke = apps.get_model("evaluasi", "SubKomponenLke")
    KriteriaLke = apps.get_model("evaluasi", "KriteriaLke")
    skala = {}
    for kode, nama, pilihan in SKALA:
        skala[kode], _ = SkalaJawaban.objects.update_or_create(kode=kode, defaults={"nama": nama})
        for urutan, (jawaban, nilai) in enumerate(pilihan, start=1):
            PilihanJawaban.objects.update_or_create(skala=skala[kode], kode=jawaban,
                                                    defaults={"nilai": Decimal(nilai), "urutan": urutan})
    lke, _ = Lke.objects.update_or_create(
        kode=KODE, defaults={"nama": "LKE AKIP PermenPANRB Nomor 88 Tahun 2021", "tahun_mulai": 2021})
    for k_no, (k_nama, k_bobot, subs) in enumerate(KOMPONEN, start=1):
        komponen, _ = KomponenLke.objects.update_or_create(
            lke=lke, nomor=k_no, defaults={"nama": k_nama, "bobot": Decimal(k_bobot)})
        for s_no, (s_nama, s_bobot, kriteria) in enumerate(subs, start=1):
            sub, _ = SubKomponenLke.objects.update_or_create(
                komponen=komponen, nomor=s_no, defaults={"nama": s_nama, "bobot": Decimal(s_bobot)})
            for kr_no, uraian in enumerate(kriteria, start=1):
                KriteriaLke.objects.update_or_create(
                    sub=sub, nomor=kr_no,
                    defaults={"kode": f"{k_no}.{s_no}.{kr_no}", "uraian": uraian, "skala": skala["bertingkat"]})


def hapus_lke(apps, schema_editor):
    apps.get_model("evaluasi", "Lke").objects.filter(kode=KODE).delete()


class Migration(migrations.Migration):
    dependencies = [("evaluasi", "0002_lke")]

    operations = [migrations.RunPython(muat_lke, hapus_lke)]
