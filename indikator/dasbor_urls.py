from django.urls import path

from indikator import dasbor

app_name = "dasbor"

urlpatterns = [
    path("", dasbor.opd, name="opd"),
    path("iku/<int:pk>/", dasbor.iku, name="iku"),
    path("pohon/", dasbor.pohon, name="pohon"),
    path("tren/", dasbor.tren, name="tren"),
    path("kota/", dasbor.kota, name="kota"),
]
