from django.urls import path

from dasbor import views

app_name = "dasbor"

urlpatterns = [
    path("", views.opd, name="opd"),
    path("iku/<int:pk>/", views.iku, name="iku"),
    path("laporan/", views.laporan, name="laporan"),
    path("pohon/", views.pohon, name="pohon"),
    path("tren/", views.tren, name="tren"),
    path("kota/", views.kota, name="kota"),
]
