from django.urls import path

from renja import views

app_name = "renja"

urlpatterns = [
    path("", views.indeks, name="indeks"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/pdf/", views.unduh_pdf, name="pdf"),
    path("<int:pk>/xlsx/", views.unduh_xlsx, name="xlsx"),
    path("<int:pk>/docx/", views.unduh_docx, name="docx"),
    path("<int:pk>/pemeriksaan/", views.pemeriksaan, name="pemeriksaan"),
    path("<int:pk>/pemeriksaan/pdf/", views.pemeriksaan_pdf, name="pemeriksaan_pdf"),
    path("<int:pk>/tahap/", views.ubah_tahap, name="tahap"),
    path("<int:pk>/salin/", views.salin, name="salin"),
    path("<int:pk>/nomenklatur/", views.tautkan_nomenklatur, name="nomenklatur"),
    path("<int:pk>/baris-baru/", views.baris_tambah, name="baris_tambah"),
    path("<int:pk>/kelola/<slug:jenis>/", views.kelola, name="kelola"),
    path("<int:pk>/review/<int:nomor>/", views.review_ubah, name="review"),
    path("baris/<int:pk>/", views.baris_ubah, name="baris"),
    path("baris/<int:pk>/hapus/", views.baris_hapus, name="baris_hapus"),
    path("narasi/<int:pk>/", views.narasi_ubah, name="narasi"),
    path("narasi/pratinjau/", views.pratinjau_narasi, name="pratinjau_narasi"),
]
