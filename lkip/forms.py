from django import forms

from lkip.models import AnalisisIku, BagianLkip, Lkip


class VersiField(forms.IntegerField):
    widget = forms.HiddenInput


class BagianForm(forms.ModelForm):
    versi_dibaca = VersiField()

    class Meta:
        model = BagianLkip
        fields = ["judul", "markdown"]
        widgets = {"markdown": forms.Textarea(attrs={"rows": 22, "class": "font-monospace"})}


class AnalisisForm(forms.ModelForm):
    versi_dibaca = VersiField()

    class Meta:
        model = AnalisisIku
        fields = ["uraian", "faktor", "solusi", "langkah"]
        widgets = {name: forms.Textarea(attrs={"rows": 8}) for name in fields}


class PenandatanganForm(forms.ModelForm):
    versi_dibaca = VersiField()

    class Meta:
        model = Lkip
        fields = ["tempat", "tanggal", "penandatangan_nama", "penandatangan_nip", "penandatangan_jabatan",
                  "penandatangan_pangkat"]
        widgets = {"tanggal": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "penandatangan_nama": "Kosongkan untuk memakai Kepala Dinas yang tercatat pada perangkat daerah.",
        }


class LkipBaruForm(forms.Form):
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)

    def __init__(self, *args, opd=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.opd = opd

    def clean_tahun(self):
        tahun = self.cleaned_data["tahun"]
        if Lkip.objects.filter(opd=self.opd, tahun=tahun).exists():
            raise forms.ValidationError(f"LKIP tahun {tahun} sudah ada.", code="ada")
        return tahun
