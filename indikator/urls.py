from django.urls import path

from indikator import aksi_views, crosscutting_views, pk_views, views

app_name = "indikator"

_tw = "<int:tahun>/tw<int:triwulan>"

urlpatterns = [
    path("", views.indeks, name="indeks"),
    path(f"opd/<int:opd>/realisasi/{_tw}/", views.realisasi_rekap, name="realisasi_rekap"),
    path(f"opd/<int:opd>/realisasi/{_tw}/unit/<int:unit>/", views.realisasi_unit, name="realisasi_unit"),
    path(f"opd/<int:opd>/realisasi/{_tw}/unit/<int:unit>/ajukan/", views.realisasi_ajukan,
         name="realisasi_ajukan"),
    path(f"opd/<int:opd>/realisasi/{_tw}/unit/<int:unit>/templat.xlsx", views.realisasi_template,
         name="realisasi_template"),
    path(f"opd/<int:opd>/realisasi/{_tw}/unit/<int:unit>/impor/", views.realisasi_impor, name="realisasi_impor"),
    path(f"realisasi/{_tw}/indikator/<int:indikator>/", views.realisasi_simpan, name="realisasi_simpan"),
    path(f"realisasi/{_tw}/indikator/<int:indikator>/capaian/", views.realisasi_capaian,
         name="realisasi_capaian"),
    path("realisasi/<int:pk>/verifikasi/", views.realisasi_verifikasi, name="realisasi_verifikasi"),
    path("realisasi/<int:pk>/kembalikan/", views.realisasi_kembalikan, name="realisasi_kembalikan"),
    path("realisasi/<int:pk>/bukti/", views.realisasi_bukti, name="realisasi_bukti"),
    path("pk/", pk_views.pk_indeks, name="pk_indeks"),
    path("renstra/", views.renstra_indeks, name="renstra_indeks"),
    path("opd/<int:opd>/renstra/", views.renstra_list, name="renstra_list"),
    path("renstra/<int:pk>/", views.renstra_detail, name="renstra_detail"),
    path("renstra/<int:renstra>/tujuan/tambah/", views.tujuan_form, name="tujuan_tambah"),
    path("tujuan/<int:pk>/ubah/", views.tujuan_form, name="tujuan_ubah"),
    path("tujuan/<int:tujuan>/sasaran/tambah/", views.sasaran_form, name="sasaran_tambah"),
    path("sasaran/<int:pk>/ubah/", views.sasaran_form, name="sasaran_ubah"),
    path("tujuan/<int:tujuan>/indikator/tambah/", views.indikator_form, name="indikator_tambah_tujuan"),
    path("sasaran/<int:sasaran>/indikator/tambah/", views.indikator_form, name="indikator_tambah_sasaran"),
    path("indikator/<int:pk>/ubah/", views.indikator_form, name="indikator_ubah"),
    path("indikator/<int:pk>/riwayat/", views.indikator_riwayat, name="indikator_riwayat"),
    path("opd/<int:opd>/pk/<int:tahun>/", pk_views.pk_grid, name="pk"),
    path("opd/<int:opd>/pk/<int:tahun>/berjenjang/", pk_views.pk_berjenjang, name="pk_berjenjang"),
    path("perjanjian-kinerja/<int:pk>/", pk_views.pk_versi, name="pk_versi"),
    path("opd/<int:opd>/rencana-aksi/<int:tahun>/", aksi_views.rencana_aksi, name="rencana_aksi"),
    path(f"opd/<int:opd>/rencana-aksi/{_tw}/", aksi_views.aksi_triwulan, name="aksi_triwulan"),
    path("perjanjian-kinerja/<int:pk>/revisi/", pk_views.pk_revisi, name="pk_revisi"),
    path("jabatan/<int:pk>/ubah/", pk_views.jabatan_ubah, name="jabatan_ubah"),
    path("opd/<int:opd>/crosscutting/", crosscutting_views.crosscutting, name="crosscutting"),
]
