"""One-time form tokens: a create form submitted twice creates its record once.

The form carries `{% token_kirim %}` (a fresh random token per rendering); the
view claims it with `klaim_token` inside the transaction that creates the
record. A failed save rolls the claim back, so the user can correct the form
and send it again; a successful one keeps it, and the same form sent again
raises `SudahDikirim`, which names the page the first submit led to.

A POST without a token (a script, an old test) is handled as before: the
token guards against the browser sending a form twice, it is not an access check.
"""

import re
import secrets
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

NAMA_FIELD = "token_kirim"
_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{20,64}")
# A form left open longer than this and then sent is new work, not a double submit.
SIMPAN_TOKEN = timedelta(days=2)


class SudahDikirim(Exception):
    """This form was already submitted and saved; `tujuan` is where that submit led (may be empty)."""

    pesan = "Formulir ini sudah terkirim sebelumnya dan sudah disimpan; tidak dibuat dua kali."

    def __init__(self, tujuan=""):
        super().__init__(self.pesan)
        self.tujuan = tujuan


def token_baru():
    return secrets.token_urlsafe(24)


class Klaim:
    """The claimed token; `selesai(url)` records where the first submit led, for the second."""

    def __init__(self, kiriman):
        self.kiriman = kiriman

    def selesai(self, tujuan):
        if self.kiriman is not None:
            self.kiriman.tujuan = str(tujuan)[:500]
            self.kiriman.save(update_fields=["tujuan"])


def klaim_token(request):
    """Claim the token of the submitted form; call inside the transaction that creates the record.

    Raises SudahDikirim when the same form was already saved.
    """
    from portal.models import KirimanForm

    token = request.POST.get(NAMA_FIELD, "")
    if not _TOKEN_RE.fullmatch(token):
        return Klaim(None)
    try:
        # A savepoint: the collision must not break the caller's transaction.
        with transaction.atomic():
            kiriman = KirimanForm.objects.create(token=token, pengguna=request.user)
    except IntegrityError:
        lama = KirimanForm.objects.filter(token=token, pengguna=request.user).values_list("tujuan", flat=True)
        raise SudahDikirim(next(iter(lama), "")) from None
    KirimanForm.objects.filter(dibuat__lt=timezone.now() - SIMPAN_TOKEN).delete()
    return Klaim(kiriman)


def periksa_token(request):
    """Raise SudahDikirim when the submitted form's token was claimed already, without claiming it.

    For a form whose validation would refuse its own second submit (a unique
    code already taken — by the first submit): asked before validating, the
    user hears "already saved", not that the code is taken.
    """
    from portal.models import KirimanForm

    token = request.POST.get(NAMA_FIELD, "")
    if _TOKEN_RE.fullmatch(token):
        lama = KirimanForm.objects.filter(token=token, pengguna=request.user).values_list("tujuan", flat=True)
        for tujuan in lama:
            raise SudahDikirim(tujuan)
