from decimal import Decimal

from django import forms

from anggaran.models import DpaSubKegiatan
from portal.angka import ROMAWI, format_angka
from portal.forms import rupiah_isian
from portal.teks import TeksAmanMixin


def _rupiah_field(label):
    return forms.CharField(label=label, required=False, max_length=30,
                           widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "text-end"}))


class DpaForm(TeksAmanMixin, forms.ModelForm):
    """Pagu and particulars of a DPA line (perencana)."""

    pagu_murni = _rupiah_field("Pagu murni (Rp)")
    pagu_perubahan = _rupiah_field("Pagu perubahan (Rp)")
    versi = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = DpaSubKegiatan
        fields = ["unit_kerja", "sumber_dana", "lokasi"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_kerja"].queryset = self.instance.opd.unit_kerja.all()
        if not self.is_bound:
            self.initial.update({
                "versi": self.instance.versi,
                "pagu_murni": _tampil(self.instance.pagu_murni),
                "pagu_perubahan": _tampil(self.instance.pagu_perubahan),
            })
        self.order_fields(["pagu_murni", "pagu_perubahan", "unit_kerja", "sumber_dana", "lokasi"])

    def clean_pagu_murni(self):
        return rupiah_isian(self.cleaned_data["pagu_murni"], "Pagu murni")

    def clean_pagu_perubahan(self):
        return rupiah_isian(self.cleaned_data["pagu_perubahan"], "Pagu perubahan")

    def clean(self):
        data = super().clean()
        if not self.errors and data.get("pagu_murni") is None and data.get("pagu_perubahan") is None:
            raise forms.ValidationError("Isi pagu murni atau pagu perubahan.", code="pagu")
        return data

    def save(self, commit=True):
        dpa = super().save(commit=False)
        dpa.pagu_murni = self.cleaned_data["pagu_murni"]
        dpa.pagu_perubahan = self.cleaned_data["pagu_perubahan"]
        return dpa


def _tampil(value):
    return "" if value is None else format_angka(value)


class TriwulanForm(TeksAmanMixin, forms.Form):
    """Anggaran kas and/or realisasi of a DPA line per triwulan, guarded by the line's version."""

    versi = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, dpa, kas, realisasi, boleh_kas, boleh_realisasi, terbuka=(1, 2, 3, 4), **kwargs):
        super().__init__(*args, **kwargs)
        self.dpa, self.boleh_kas, self.boleh_realisasi = dpa, boleh_kas, boleh_realisasi
        self.terbuka = set(terbuka)
        for tw in range(1, 5) if boleh_kas else ():
            self.fields[f"kas_{tw}"] = _rupiah_field(f"Anggaran kas TW {ROMAWI[tw]} (Rp)")
            self.initial[f"kas_{tw}"] = _tampil(kas[tw - 1])
        for tw in range(1, 5) if boleh_realisasi else ():
            self.fields[f"realisasi_{tw}"] = _rupiah_field(f"Realisasi TW {ROMAWI[tw]} (Rp)")
            self.initial[f"realisasi_{tw}"] = _tampil(realisasi[tw - 1])
            if tw not in self.terbuka:
                # Outside its input window a triwulan is read-only; a posted value is ignored.
                self.fields[f"realisasi_{tw}"].disabled = True
                self.fields[f"realisasi_{tw}"].help_text = "Pengisian ditutup."
        self.initial["versi"] = dpa.versi

    def clean(self):
        data = super().clean()
        for name, field in self.fields.items():
            if name != "versi" and name in data:
                try:
                    data[name] = rupiah_isian(data[name], field.label.replace(" (Rp)", ""))
                except forms.ValidationError as exc:
                    self.add_error(name, exc)
        if self.boleh_kas and not self.errors:
            kas = [data.get(f"kas_{tw}") for tw in range(1, 5)]
            pagu = self.dpa.pagu
            if any(v is not None for v in kas) and pagu is not None:
                total = sum((v or Decimal(0)) for v in kas)
                if total != pagu:
                    raise forms.ValidationError(
                        f"Anggaran kas TW I–IV berjumlah Rp {format_angka(total, places=0)}, "
                        f"tidak sama dengan pagu Rp {format_angka(pagu, places=0)} "
                        f"(selisih Rp {format_angka(total - pagu, places=0)}).",
                        code="kas_tidak_sama_pagu",
                    )
        return data

    def kas(self):
        return {tw: self.cleaned_data[f"kas_{tw}"] for tw in range(1, 5)} if self.boleh_kas else None

    def realisasi(self):
        if not self.boleh_realisasi:
            return None
        return {tw: self.cleaned_data[f"realisasi_{tw}"] for tw in range(1, 5) if tw in self.terbuka}
