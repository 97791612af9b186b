import hashlib
import json
import re

from django import forms
from django.urls import reverse

from lkip.models import AnalisisIku, BagianLkip, Lkip
from portal.models import PerangkatDaerah
from portal.teks import TeksAmanMixin

# A published LKIP is a few MB; anything far larger is not one of ours.
UKURAN_MAKS_VERIFIKASI = 30 * 1024 * 1024
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


class VersiField(forms.IntegerField):
    widget = forms.HiddenInput


def _pratinjau(form, *names):
    """Markdown fields show their rendering (through the same sanitiser) in the page's preview pane."""
    for name in names:
        form.fields[name].widget.attrs.update({
            "hx-post": reverse("lkip:pratinjau"), "hx-trigger": "input changed delay:500ms, focus",
            "hx-target": "#pratinjau", "hx-vals": json.dumps({"kolom": name}), "hx-sync": "this:replace",
        })


class BagianForm(TeksAmanMixin, forms.ModelForm):
    """The words of a section; its heading is fixed by the document's structure (DOMAIN.md §8)."""

    versi_dibaca = VersiField()

    class Meta:
        model = BagianLkip
        fields = ["markdown"]
        widgets = {"markdown": forms.Textarea(attrs={"rows": 22, "class": "font-monospace"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _pratinjau(self, "markdown")


class AnalisisForm(TeksAmanMixin, forms.ModelForm):
    versi_dibaca = VersiField()

    class Meta:
        model = AnalisisIku
        fields = ["uraian", "faktor", "solusi", "langkah"]
        widgets = {name: forms.Textarea(attrs={"rows": 7, "class": "font-monospace"}) for name in fields}
        help_texts = {"uraian": "Pengantar sebelum tabel indikator ini (Markdown)."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _pratinjau(self, *self.Meta.fields)


class PenandatanganForm(TeksAmanMixin, forms.ModelForm):
    versi_dibaca = VersiField()

    class Meta:
        model = Lkip
        fields = ["tempat", "tanggal", "penandatangan_nama", "penandatangan_nip", "penandatangan_jabatan",
                  "penandatangan_pangkat"]
        widgets = {"tanggal": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "penandatangan_nama": "Kosongkan untuk memakai kepala yang tercatat pada perangkat daerah.",
            "penandatangan_nip": "18 angka, boleh dengan spasi (contoh 19660301 199003 1 010).",
        }

    def clean_penandatangan_nip(self):
        nip = " ".join(self.cleaned_data["penandatangan_nip"].split())
        if nip and not re.fullmatch(r"\d{18}", nip.replace(" ", "")):
            raise forms.ValidationError("NIP harus terdiri dari 18 angka.", code="nip")
        return nip


class LkipBaruForm(TeksAmanMixin, forms.Form):
    """The year of a new LKIP; users without an OPD of their own (admins) choose the OPD."""

    opd = forms.ModelChoiceField(label="Perangkat daerah", queryset=PerangkatDaerah.objects.none())
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100,
                               error_messages={"invalid": "Tahun harus berupa angka."})

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.opd_id:
            del self.fields["opd"]
        else:
            self.fields["opd"].queryset = PerangkatDaerah.objects.order_by("nama")

    def clean(self):
        cleaned = super().clean()
        if self.user.opd_id:
            cleaned["opd"] = self.user.opd
        opd, tahun = cleaned.get("opd"), cleaned.get("tahun")
        if opd and tahun and Lkip.objects.filter(opd=opd, tahun=tahun).exists():
            raise forms.ValidationError(f"LKIP {opd.singkatan} tahun {tahun} sudah ada.", code="ada")
        return cleaned


class SaringLkipForm(TeksAmanMixin, forms.Form):
    """Filters of the LKIP list; the OPD filter only for readers of every OPD."""

    opd = forms.ModelChoiceField(label="Perangkat daerah", queryset=PerangkatDaerah.objects.none(),
                                 required=False, empty_label="Semua perangkat daerah")
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100, required=False)

    def __init__(self, *args, opd_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        if opd_queryset is None:
            del self.fields["opd"]
        else:
            self.fields["opd"].queryset = opd_queryset.order_by("nama")


class VerifikasiForm(TeksAmanMixin, forms.Form):
    """A SHA-256 typed in, or a PDF whose SHA-256 is computed here."""

    sha256 = forms.CharField(label="SHA-256", required=False, max_length=100,
                             widget=forms.TextInput(attrs={"placeholder": "64 karakter heksadesimal",
                                                           "class": "font-monospace", "autocomplete": "off"}))
    berkas = forms.FileField(label="atau berkas PDF", required=False,
                             widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}))

    def clean_sha256(self):
        value = "".join(self.cleaned_data["sha256"].split()).lower()
        if value and not SHA256_RE.match(value):
            raise forms.ValidationError(
                "SHA-256 harus 64 karakter heksadesimal (0-9, a-f).", code="sha256")
        return value

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if not berkas:
            return None
        if berkas.size > UKURAN_MAKS_VERIFIKASI:
            raise forms.ValidationError(
                f"Berkas terlalu besar (maksimal {UKURAN_MAKS_VERIFIKASI // (1024 * 1024)} MB).", code="besar")
        berkas.seek(0)
        # Checked by content, not by name or declared type: a PDF starts with %PDF- (within its first KB).
        if b"%PDF-" not in berkas.read(1024):
            raise forms.ValidationError("Berkas bukan PDF.", code="bukan_pdf")
        berkas.seek(0)
        return berkas

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        berkas, sha256 = cleaned.get("berkas"), cleaned.get("sha256")
        if berkas:
            hasher = hashlib.sha256()
            for chunk in berkas.chunks():
                hasher.update(chunk)
            cleaned["sidik"] = hasher.hexdigest()
        elif sha256:
            cleaned["sidik"] = sha256
        else:
            raise forms.ValidationError("Masukkan SHA-256 atau pilih berkas PDF.", code="kosong")
        return cleaned
