"""Response headers and failure pages that every request shares: cache rules, CSRF failure, lockout text."""

from django.middleware.csrf import REASON_NO_CSRF_COOKIE, REASON_NO_REFERER
from django.shortcuts import render


class TanpaCacheMiddleware:
    """Signed-in pages and downloads are kept by no cache: not the browser's back/forward store, not a proxy.

    A shared office PC or a caching proxy would otherwise hand one user's
    realisasi, budget or evidence to the next person who opens the URL.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
            # For HTTP/1.0 caches, which do not know Cache-Control.
            response["Pragma"] = "no-cache"
        return response


def csrf_gagal(request, reason=""):
    """The CSRF failure page in Indonesian, also under DEBUG (settings.CSRF_FAILURE_VIEW)."""
    if reason == REASON_NO_CSRF_COOKIE:
        sebab = ("Browser Anda tidak mengirim cookie yang diperlukan. Izinkan cookie untuk situs ini, "
                 "lalu muat ulang halaman.")
    elif reason == REASON_NO_REFERER or "referer" in reason.lower() or "origin" in reason.lower():
        sebab = ("Formulir dikirim dari alamat yang tidak dikenal portal. Buka portal lewat alamat resminya, "
                 "lalu kirim formulirnya lagi.")
    else:
        sebab = ("Formulir ini sudah kedaluwarsa, misalnya karena Anda keluar-masuk akun di tab lain atau "
                 "halaman dibuka terlalu lama. Muat ulang halaman, lalu isi dan kirim lagi.")
    return render(request, "403_csrf.html", {"sebab": sebab}, status=403)
