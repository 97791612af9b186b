from django import forms

from anggaran.models import VersiNomenklatur
from portal.angka import format_angka, parse_angka
from renja.models import BagianNarasi, BarisRencana, IndikatorRencana, Renja


def _rupiah(value, label):
    """A rupiah amount typed the Indonesian way ("1.350.000.000"); blank stays unknown (None)."""
    if value in (None, ""):
        return None
    try:
        number = parse_angka(value)
    except ValueError as exc:
        raise forms.ValidationError(f"{label}: {exc}", code="angka") from exc
    if number < 0:
        raise forms.ValidationError(f"{label} tidak boleh negatif.", code="negatif")
    return number


class VersiField(forms.IntegerField):
    widget = forms.HiddenInput


class BarisRencanaForm(forms.ModelForm):
    versi_dibaca = VersiField()
    pagu = forms.CharField(label="Pagu indikatif (Rp)", required=False)
    pagu_maju = forms.CharField(
        label="Prakiraan maju n+1 (Rp)", required=False, help_text="Kosongkan bila belum diketahui (bukan nol)."
    )

    class Meta:
        model = BarisRencana
        fields = [
            "kode", "nama", "pagu", "pagu_maju", "target_akhir_renstra", "lokasi", "sumber_dana",
            "prioritas_nasional", "prioritas_daerah", "kelompok_sasaran", "penanggung_jawab", "unit_kerja",
            "catatan",
        ]
        widgets = {
            "prioritas_nasional": forms.Textarea(attrs={"rows": 2}),
            "prioritas_daerah": forms.Textarea(attrs={"rows": 2}),
            "catatan": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_kerja"].queryset = self.instance.renja.opd.unit_kerja.all()
        if not self.is_bound:
            self.initial["versi_dibaca"] = self.instance.versi
            for name in ("pagu", "pagu_maju"):
                value = getattr(self.instance, name)
                self.initial[name] = "" if value is None else format_angka(value)

    def clean_pagu(self):
        return _rupiah(self.cleaned_data.get("pagu"), "Pagu indikatif")

    def clean_pagu_maju(self):
        return _rupiah(self.cleaned_data.get("pagu_maju"), "Prakiraan maju")


IndikatorFormSet = forms.inlineformset_factory(
    BarisRencana,
    IndikatorRencana,
    fields=["nama", "target", "satuan", "target_maju", "satuan_maju"],
    extra=1,
    can_delete=True,
)


class TahapForm(forms.Form):
    versi_dibaca = VersiField()
    tahap = forms.ChoiceField(
        label="Tahap baru", choices=Renja.Tahap.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    keterangan = forms.CharField(label="Keterangan", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SalinForm(forms.Form):
    tahun = forms.IntegerField(label="Tahun Renja baru", min_value=2000, max_value=2100)


class NarasiForm(forms.ModelForm):
    versi_dibaca = VersiField()

    class Meta:
        model = BagianNarasi
        fields = ["judul", "isi"]
        widgets = {"isi": forms.Textarea(attrs={"rows": 18})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["versi_dibaca"] = self.instance.versi


class VersiNomenklaturForm(forms.Form):
    versi = forms.ModelChoiceField(
        label="Versi nomenklatur", queryset=VersiNomenklatur.objects.all(), required=False,
        empty_label="(belum ditetapkan)", widget=forms.Select(attrs={"class": "form-select"}),
    )
