"""Form fields' cleaning shared by every app: numbers and money typed the Indonesian way."""

from django import forms

from portal.angka import parse_angka, periksa_uang


def angka_isian(value, label, *, boleh_negatif=True):
    """A number typed the Indonesian way ("80,50", "1.250"); blank stays unknown (None), never 0.

    The error names the field, so a form with many numbers says which one is wrong.
    """
    if value in (None, ""):
        return None
    try:
        number = parse_angka(value)
    except ValueError as exc:
        raise forms.ValidationError(f"{label}: {exc}", code="angka") from exc
    if not boleh_negatif and number < 0:
        raise forms.ValidationError(f"{label}: tidak boleh negatif.", code="negatif")
    return number


def rupiah_isian(value, label):
    """Money typed the Indonesian way ("1.250.000" or "1250000,50"): never negative, at most sen."""
    try:
        return periksa_uang(angka_isian(value, label), label)
    except ValueError as exc:
        raise forms.ValidationError(str(exc), code="uang") from exc
