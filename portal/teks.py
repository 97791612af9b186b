"""Text that comes in (form, admin, XLSX import, command): the one rule on the characters it may hold.

Control characters pasted from elsewhere (\\x0b from Word, \\x1b from a
terminal) are refused, never stored: they cannot be written to an XLSX or a
PDF, and once in the audit trail they would break that record's history
export for good. Free text keeps tab and newline. Codes and names (kode,
nama, nomor, NIP...) are one line: a CR/LF in a kode ends up in a download
header or a table cell, so there every control character is refused.

`alasan_teks_ditolak` is the rule; `TeksAmanMixin` applies it to every text
field of a form, `TeksAmanModel` to every text column of a model (which the
admin and any `full_clean` reach), the imports and commands call it directly.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst

# C0 controls but tab and newline (and CR, which a browser sends in a textarea's line ends),
# DEL, C1 controls, and the two non-characters that Excel reports as a corrupt file.
_KENDALI_BEBAS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# In a one-line value every control character is refused, line and paragraph separators too.
_KENDALI_SATU_BARIS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
# Field names that identify a record or a person: one line, no control character at all.
_NAMA_SATU_BARIS = re.compile(r"(^|_)(kode|nama|nomor|singkatan|nip|satuan|judul|jabatan|pangkat|username|email"
                              r"|first_name|last_name|sha256|token)(_|$)")
_SEBUTAN = {"\t": "tab", "\n": "pindah baris", "\r": "pindah baris", "\u2028": "pindah baris",
            "\u2029": "pindah baris"}


def satu_baris(nama_field):
    """True for a code or a name (kode, nama, nomor, NIP...): no tab or newline either."""
    return bool(_NAMA_SATU_BARIS.search(nama_field or ""))


def alasan_teks_ditolak(value, label, *, baris_tunggal=False):
    """Why this text cannot be stored (one sentence naming the field and the character), or None."""
    if not isinstance(value, str):
        return None
    found = (_KENDALI_SATU_BARIS if baris_tunggal else _KENDALI_BEBAS).search(value)
    if found is None:
        return None
    karakter = found.group()
    contoh = f"\\x{ord(karakter):02x}" if ord(karakter) < 0x100 else f"U+{ord(karakter):04X}"
    if karakter in _SEBUTAN:
        contoh += f", {_SEBUTAN[karakter]}"
    return f"Kolom {label} memuat karakter kendali (mis. {contoh}); hapus lalu simpan lagi."


def periksa_teks(value, label, *, baris_tunggal=False):
    """The text unchanged, or a ValidationError (code karakter_kendali) with the message above."""
    pesan = alasan_teks_ditolak(value, label, baris_tunggal=baris_tunggal)
    if pesan:
        raise ValidationError(pesan, code="karakter_kendali")
    return value


class _PemeriksaTeks:
    """A field validator: it runs inside the field's clean, before any clean_<field> reshapes the text."""

    def __init__(self, label, baris_tunggal):
        self.label, self.baris_tunggal = label, baris_tunggal

    def __call__(self, value):
        periksa_teks(value, self.label, baris_tunggal=self.baris_tunggal)


class TeksAmanMixin:
    """Every form of the portal: each text field refuses control characters (codes and names: CR/LF too).

    Installed when the form is cleaned, so fields a form adds in its own
    __init__ (targets per year, grid cells) are covered as well.
    """

    def full_clean(self):
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField) and not getattr(field, "_teks_diperiksa", False):
                label = str(field.label or capfirst(name.replace("_", " ")))
                field.validators.append(_PemeriksaTeks(label, satu_baris(name)))
                field._teks_diperiksa = True
        super().full_clean()


class TeksAmanModel(models.Model):
    """Every model with text: `full_clean` (model forms, the admin, imports) refuses control characters."""

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        for pesan_field in alasan_teks_model(self, exclude=set(exclude or ()) | set(errors)):
            errors.setdefault(pesan_field[0], []).append(ValidationError(pesan_field[1], code="karakter_kendali"))
        if errors:
            raise ValidationError(errors)


def alasan_teks_model(instance, exclude=()):
    """(field name, message) for every text column of `instance` holding a character it may not."""
    hasil = []
    for field in instance._meta.concrete_fields:
        if field.name in exclude or not isinstance(field, (models.CharField, models.TextField)):
            continue
        pesan = alasan_teks_ditolak(getattr(instance, field.attname), capfirst(str(field.verbose_name)),
                                    baris_tunggal=satu_baris(field.name))
        if pesan:
            hasil.append((field.name, pesan))
    return hasil


def alasan_teks_kolom(model, nama_field, value):
    """Why `value` cannot go into that text column (a control character, or longer than it holds), or None.

    For the imports, which build no form: the same sentence a form field would give.
    """
    field = model._meta.get_field(nama_field)
    label = capfirst(str(field.verbose_name))
    pesan = alasan_teks_ditolak(value, label, baris_tunggal=satu_baris(nama_field))
    if pesan is None and field.max_length and len(value) > field.max_length:
        pesan = f"Kolom {label} paling banyak {field.max_length} karakter (berisi {len(value)})."
    return pesan
