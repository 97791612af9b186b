from django.urls import path, re_path

from lkip import views, views_kota

app_name = "lkip"

urlpatterns = [
    path("", views.indeks, name="indeks"),
    path("semua-opd/", views_kota.kota, name="kota"),
    path("semua-opd/<int:pk>/", views_kota.kota_detail, name="kota_detail"),
    path("semua-opd/<int:pk>/ulangi/", views_kota.kota_ulangi, name="kota_ulangi"),
    path("semua-opd/<int:pk>/zip/", views_kota.kota_zip, name="kota_zip"),
    path("baru/", views.baru, name="baru"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bagian/<slug:kunci>/", views.ubah_bagian, name="bagian"),
    path("<int:pk>/iku/<int:indikator_pk>/", views.ubah_analisis, name="analisis"),
    path("pratinjau-markdown/", views.pratinjau, name="pratinjau"),
    path("<int:pk>/penandatangan/", views.ubah_penandatangan, name="penandatangan"),
    path("<int:pk>/buat-pdf/", views.buat_pdf, name="buat_pdf"),
    path("<int:pk>/status-pdf/", views.status_pdf, name="status_pdf"),
    path("<int:pk>/pdf/", views.unduh_pdf, name="pdf"),
    path("<int:pk>/berkas/<int:berkas_pk>/", views.unduh_berkas, name="berkas"),
    path("<int:pk>/terbitkan/", views.terbitkan, name="terbitkan"),
    path("versi/<int:versi_pk>/pdf/", views.unduh_versi, name="versi_pdf"),
    path("verifikasi/", views.verifikasi, name="verifikasi"),
    re_path(r"^verifikasi/(?P<sha256>[0-9a-f]{64})/pdf/$", views.verifikasi_pdf, name="verifikasi_pdf"),
    path("perjanjian-kinerja/<int:pk>/pdf/", views.pk_pdf, name="pk_pdf"),
]
