from django.urls import path

from portal import jendela_views

app_name = "jendela"

urlpatterns = [
    path("opd/<int:opd>/<int:tahun>/", jendela_views.halaman, name="halaman"),
    path("opd/<int:opd>/simpan/", jendela_views.simpan, name="simpan"),
    path("opd/<int:opd>/unit/<int:unit>/minta/", jendela_views.minta, name="minta"),
    path("permintaan/<int:pk>/jawab/", jendela_views.jawab, name="jawab"),
]
