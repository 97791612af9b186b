from django.urls import path

from anggaran import views

app_name = "anggaran"

urlpatterns = [
    path("", views.indeks, name="indeks"),
    path("opd/<int:opd>/", views.opd_pilih, name="opd"),
    path("opd/<int:opd>/<int:tahun>/", views.dpa_list, name="dpa_list"),
    path("dpa/<int:pk>/", views.dpa_detail, name="dpa_detail"),
    path("dpa/<int:pk>/riwayat/", views.dpa_riwayat, name="dpa_riwayat"),
    path("opd/<int:opd>/<int:tahun>/templat.xlsx", views.dpa_template, name="dpa_template"),
    path("opd/<int:opd>/<int:tahun>/impor/", views.dpa_impor, name="dpa_impor"),
]
