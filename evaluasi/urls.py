from django.urls import path

from evaluasi import views

app_name = "evaluasi"

urlpatterns = [
    path("", views.indeks, name="indeks"),
    path("mulai/", views.mulai, name="mulai"),
    path("<int:pk>/", views.ringkasan, name="ringkasan"),
    path("<int:pk>/komponen/<int:nomor>/", views.komponen, name="komponen"),
    path("<int:pk>/aksi/<slug:nama>/", views.aksi, name="aksi"),
    path("<int:pk>/selisih/", views.selisih, name="selisih"),
    path("<int:pk>/lke.xlsx", views.xlsx, name="xlsx"),
    path("<int:pk>/lhe.pdf", views.lhe, name="lhe"),
    path("<int:pk>/tindak-lanjut/", views.tindak_lanjut, name="tindak_lanjut"),
    path("jawaban/<int:pk>/bukti/", views.bukti, name="bukti"),
    path("skm/", views.skm_indeks, name="skm_indeks"),
    path("skm/<int:pk>/", views.skm_detail, name="skm_detail"),
    path("skm/<int:pk>/tetapkan/", views.skm_tetapkan, name="skm_tetapkan"),
    path("skm/<int:pk>/templat.xlsx", views.skm_templat, name="skm_templat"),
    path("skm/<int:pk>/impor/", views.skm_impor_view, name="skm_impor"),
    path("tindak-lanjut/<int:pk>/bukti/", views.bukti_tindak_lanjut, name="bukti_tindak_lanjut"),
]
