"""The home page, at the site root under the plain name "beranda".

Apart from dasbor.urls, which is mounted at /dasbor/ in the dasbor:
namespace: LOGIN_REDIRECT_URL and every page's brand link name "beranda".
"""

from django.urls import path

from dasbor import views

urlpatterns = [
    path("", views.beranda, name="beranda"),
]
