from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from portal import views

urlpatterns = [
    path("", include("dasbor.urls_beranda")),
    path("healthz", views.healthz, name="healthz"),
    path("masuk/", auth_views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/", views.akun, name="akun"),
    path(
        "akun/sandi/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "akun/sandi/selesai/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("admin/", admin.site.urls),
    path("kinerja/", include("indikator.urls")),
    path("dasbor/", include("dasbor.urls")),
    path("anggaran/", include("anggaran.urls")),
    path("lkip/", include("lkip.urls")),
    path("renja/", include("renja.urls")),
    path("jendela/", include("portal.jendela_urls")),
    path("evaluasi/", include("evaluasi.urls")),
]

# MEDIA_ROOT is never served as static files, not even with DEBUG: evidence files
# go out only through views that check who may read them (indikator:realisasi_bukti).
