from django import forms
from django.conf import settings

from indikator.models import Realisasi
from portal.angka import format_angka, parse_angka

# What an evidence file may be, recognised by its first bytes: a renamed
# .exe does not pass as a PDF.
BUKTI_JENIS = {
    "pdf": b"%PDF-",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
    "png": b"\x89PNG\r\n\x1a\n",
}


def parse_angka_field(value, label):
    """A number typed the Indonesian way; the error names the field."""
    if value in (None, ""):
        return None
    try:
        return parse_angka(value)
    except ValueError as exc:
        raise forms.ValidationError(f"{label}: {exc}", code="angka") from exc


def periksa_bukti(upload):
    """Refuse an evidence file that is too large or is not really a PDF, JPG or PNG."""
    maks = settings.BUKTI_MAKS_BYTES
    if upload.size > maks:
        raise forms.ValidationError(
            f"Bukti dukung terlalu besar ({format_angka(upload.size // 1024)} KB); "
            f"batasnya {format_angka(maks // 1024)} KB.",
            code="terlalu_besar",
        )
    ext = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if ext not in BUKTI_JENIS:
        raise forms.ValidationError("Bukti dukung harus berkas PDF, JPG atau PNG.", code="jenis")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(BUKTI_JENIS[ext]):
        raise forms.ValidationError(
            f"Isi berkas bukan {ext.upper()} yang sah, walaupun namanya berakhiran .{ext}.", code="isi"
        )
    if ext != "pdf":
        from PIL import Image

        try:
            with Image.open(upload) as image:
                image.verify()
        except Exception as exc:  # Pillow raises many kinds for a broken image
            raise forms.ValidationError("Gambar bukti dukung rusak atau tidak dapat dibaca.", code="isi") from exc
        finally:
            upload.seek(0)
    return upload


class RealisasiForm(forms.ModelForm):
    """One indicator's realisasi of a triwulan, with the version it was read at."""

    nilai = forms.CharField(label="Realisasi", required=False, max_length=40,
                            widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
    predikat = forms.CharField(label="Realisasi (predikat)", required=False, max_length=5)
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)
    alasan = forms.CharField(
        label="Alasan perubahan",
        required=False,
        max_length=300,
        help_text="Wajib: realisasi ini sudah diverifikasi.",
    )

    class Meta:
        model = Realisasi
        fields = ["analisis", "kendala", "bukti"]
        widgets = {
            "analisis": forms.Textarea(attrs={"rows": 2}),
            "kendala": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, indikator, capaian_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.indikator = indikator
        if indikator.is_predikat:
            del self.fields["nilai"]
        else:
            del self.fields["predikat"]
            self.fields["nilai"].label = f"Realisasi ({indikator.satuan})" if indikator.satuan else "Realisasi"
            if self.instance.nilai is not None and not self.is_bound:
                self.initial["nilai"] = format_angka(self.instance.nilai)
        if capaian_url:
            # The capaian of the value being typed comes from the server, which
            # computes it with the same service as every other page.
            field = self.fields["predikat" if indikator.is_predikat else "nilai"]
            field.widget.attrs.update({
                "hx-post": capaian_url,
                "hx-trigger": "input changed delay:300ms",
                "hx-target": f"#capaian-{indikator.pk}",
                "hx-sync": "this:replace",
            })
        if not self.is_bound:
            self.initial["versi"] = self.instance.versi if self.instance.pk else None
        if not self.terverifikasi:
            del self.fields["alasan"]
        self.fields["bukti"].widget = forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"})
        self.fields["bukti"].help_text = "PDF, JPG atau PNG."

    @property
    def terverifikasi(self):
        return self.instance.pk is not None and self.instance.status == Realisasi.Status.DIVERIFIKASI

    def clean_nilai(self):
        value = parse_angka_field(self.cleaned_data.get("nilai"), self.fields["nilai"].label)
        if value is None:
            raise forms.ValidationError("Realisasi wajib diisi.", code="wajib")
        return value

    def clean_predikat(self):
        value = (self.cleaned_data.get("predikat") or "").strip().upper()
        if not value:
            raise forms.ValidationError("Predikat realisasi wajib diisi.", code="wajib")
        return value

    def clean_bukti(self):
        upload = self.cleaned_data.get("bukti")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            periksa_bukti(upload)
        return upload

    def clean_alasan(self):
        value = (self.cleaned_data.get("alasan") or "").strip()
        if self.terverifikasi and not value:
            raise forms.ValidationError(
                "Realisasi ini sudah diverifikasi: tuliskan alasan perubahannya.", code="alasan"
            )
        return value

    def save(self, commit=True):
        realisasi = super().save(commit=False)
        if self.indikator.is_predikat:
            realisasi.predikat, realisasi.nilai = self.cleaned_data["predikat"], None
        else:
            if realisasi.nilai != self.cleaned_data["nilai"]:
                # A new value replaces a recorded fraction, which would otherwise win in nilai_eksak.
                realisasi.pembilang = realisasi.penyebut = None
            realisasi.nilai, realisasi.predikat = self.cleaned_data["nilai"], ""
        return realisasi


class KembalikanForm(forms.Form):
    catatan = forms.CharField(label="Catatan untuk unit", widget=forms.Textarea(attrs={"rows": 2}),
                              max_length=1000)
    versi = forms.IntegerField(widget=forms.HiddenInput)


ROMAWI_TW = {0: "tahunan", 1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}


class PkGridForm(forms.Form):
    """Every IKU's annual and triwulan targets of one PK, as one grid (cells named t<indikator>_<tw>)."""

    versi = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, rows, versi, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.initial["versi"] = versi
        for row in rows:
            current = {0: row.pk_indikator, **row.triwulan}
            for tw in range(5):
                name = f"t{row.indikator.pk}_{tw}"
                self.fields[name] = forms.CharField(
                    label=f"{row.indikator.kode} {ROMAWI_TW[tw]}", required=False, max_length=30,
                    widget=forms.TextInput(attrs={"class": "form-control form-control-sm text-end",
                                                  "inputmode": "text" if row.indikator.is_predikat else "decimal"}))
                obj = current.get(tw)
                if obj is not None and not obj.kosong:
                    self.initial[name] = obj.predikat or format_angka(obj.nilai_eksak)

    def cell(self, row, tw):
        return self[f"t{row.indikator.pk}_{tw}"]

    def clean(self):
        data = super().clean()
        self.nilai = {}
        for row in self.rows:
            values = {}
            for tw in range(5):
                name = f"t{row.indikator.pk}_{tw}"
                raw = (data.get(name) or "").strip()
                if not raw:
                    values[tw] = None
                elif row.indikator.is_predikat:
                    values[tw] = raw.upper()[:5]
                else:
                    try:
                        values[tw] = parse_angka(raw)
                    except ValueError as exc:
                        self.add_error(name, forms.ValidationError(f"{self.fields[name].label}: {exc}",
                                                                   code="angka"))
            self.nilai[row.indikator] = values
        return data
