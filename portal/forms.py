"""Shared form cleaning (numbers and money typed the Indonesian way, free text) and the input-window forms."""

from django import forms

from portal.angka import batas_digit, parse_angka, periksa_uang
from portal.teks import TeksAmanMixin


def angka_isian(value, label, *, boleh_negatif=True, kolom=None):
    """A number typed the Indonesian way ("80,50", "1.250"); blank stays unknown (None), never 0.

    The error names the field, so a form with many numbers says which one is wrong. With `kolom`
    (the model's DecimalField) a number its column cannot hold exactly is refused, not rounded.
    """
    if value in (None, ""):
        return None
    try:
        number = parse_angka(value)
    except ValueError as exc:
        raise forms.ValidationError(f"{label}: {exc}", code="angka") from exc
    if not boleh_negatif and number < 0:
        raise forms.ValidationError(f"{label}: tidak boleh negatif.", code="negatif")
    pesan = kolom is not None and batas_digit(number, kolom.max_digits, kolom.decimal_places, label)
    if pesan:
        raise forms.ValidationError(pesan, code="digit")
    return number


def rupiah_isian(value, label):
    """Money typed the Indonesian way ("1.250.000" or "1250000,50"): never negative, at most sen."""
    try:
        return periksa_uang(angka_isian(value, label), label)
    except ValueError as exc:
        raise forms.ValidationError(str(exc), code="uang") from exc


# --- Input windows (portal.jendela_views) -------------------------------------

TANGGAL_FORMAT = "%Y-%m-%d"  # what <input type="date"> sends; DateField also reads 15-10-2026 and 15/10/2026


def _tanggal_field(label):
    return forms.DateField(
        label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}, format=TANGGAL_FORMAT),
        error_messages={"invalid": f"Tanggal {label.lower()} tidak dikenali; tulis seperti 15-10-2026."})


def _versi_field():
    # Bounded like the column it is compared with: a forged huge number is a form error, not a database one.
    rusak = "Formulir tidak utuh; muat ulang halaman lalu ulangi."
    return forms.IntegerField(required=False, min_value=0, max_value=2**31 - 1, widget=forms.HiddenInput,
                              error_messages={"invalid": rusak, "min_value": rusak, "max_value": rusak})


def _tanggal_wajar(hari, label):
    if hari is not None and not 2000 <= hari.year <= 2100:
        raise forms.ValidationError(f"Tanggal {label} harus antara tahun 2000 dan 2100.", code="tanggal_di_luar")
    return hari


class PeriodeForm(TeksAmanMixin, forms.Form):
    """A year and triwulan sent by a form: outside 2000–2100 or 1–4 is refused by name."""

    tahun = forms.IntegerField(widget=forms.HiddenInput, error_messages={
        "required": "Tahun wajib diisi.", "invalid": "Tahun harus berupa angka, mis. 2023."})
    triwulan = forms.IntegerField(widget=forms.HiddenInput, error_messages={
        "required": "Triwulan wajib diisi.", "invalid": "Triwulan harus 1, 2, 3 atau 4."})

    def clean_tahun(self):
        tahun = self.cleaned_data["tahun"]
        if not 2000 <= tahun <= 2100:
            raise forms.ValidationError("Tahun harus antara 2000 dan 2100.", code="tahun_di_luar")
        return tahun

    def clean_triwulan(self):
        triwulan = self.cleaned_data["triwulan"]
        if triwulan not in (1, 2, 3, 4):
            raise forms.ValidationError("Triwulan harus 1, 2, 3 atau 4.", code="triwulan_di_luar")
        return triwulan


class JendelaForm(PeriodeForm):
    """Open a triwulan (with optional dates) or close it, for the perencana's own OPD."""

    aksi = forms.ChoiceField(choices=[("buka", "Buka"), ("tutup", "Tutup")], widget=forms.HiddenInput,
                             error_messages={"required": "Pilih buka atau tutup.",
                                             "invalid_choice": "Pilih buka atau tutup."})
    mulai = _tanggal_field("Mulai")
    selesai = _tanggal_field("Selesai")
    # The version of the OPD's own window the page showed; blank: it showed none.
    versi = _versi_field()

    def clean_mulai(self):
        return _tanggal_wajar(self.cleaned_data["mulai"], "mulai")

    def clean_selesai(self):
        return _tanggal_wajar(self.cleaned_data["selesai"], "selesai")

    def clean(self):
        data = super().clean()
        mulai, selesai = data.get("mulai"), data.get("selesai")
        if data.get("aksi") == "buka" and mulai and selesai and selesai < mulai:
            self.add_error("selesai", forms.ValidationError(
                "Tanggal selesai tidak boleh sebelum tanggal mulai.", code="selesai_sebelum_mulai"))
        return data


class PermintaanJendelaForm(PeriodeForm):
    """An operator's request to open a closed triwulan, with an optional note for the perencana."""

    catatan = forms.CharField(label="Keterangan untuk perencana (opsional)", required=False, max_length=500,
                              widget=forms.TextInput(attrs={"placeholder": "mis. data TW III baru lengkap"}),
                              error_messages={"max_length": "Keterangan paling banyak 500 karakter."})
    kembali = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)


class JawabPermintaanForm(TeksAmanMixin, forms.Form):
    """The perencana grants a request (opens the triwulan, until an optional date) or declines it with a note."""

    aksi = forms.ChoiceField(choices=[("penuhi", "Buka"), ("tolak", "Tolak")], error_messages={
        "required": "Pilih buka atau tolak.", "invalid_choice": "Pilih buka atau tolak."})
    selesai = _tanggal_field("Sampai")
    jawaban = forms.CharField(label="Alasan penolakan", required=False, max_length=500,
                              error_messages={"max_length": "Alasan paling banyak 500 karakter."})
    versi = _versi_field()

    def clean_selesai(self):
        return _tanggal_wajar(self.cleaned_data["selesai"], "sampai")

    def clean(self):
        data = super().clean()
        if data.get("aksi") == "tolak" and not data.get("jawaban"):
            self.add_error("jawaban", forms.ValidationError(
                "Tulis alasan penolakan: unit perlu tahu mengapa pengisian tidak dibuka.", code="alasan_wajib"))
        return data
