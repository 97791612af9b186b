from django import forms

from anggaran.models import VersiNomenklatur
from portal.angka import format_angka
from portal.forms import angka_isian, rupiah_isian
from portal.teks import TeksAmanMixin
from renja.models import (
    BagianNarasi,
    BarisRencana,
    BarisReview,
    EvaluasiRenja,
    IndikatorRencana,
    KinerjaPelayanan,
    Renja,
    TargetSpm,
    Usulan,
)


class VersiField(forms.IntegerField):
    widget = forms.HiddenInput


class BarisRencanaForm(TeksAmanMixin, forms.ModelForm):
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
            "prioritas_nasional": forms.Textarea(attrs={"rows": 3}),
            "prioritas_daerah": forms.Textarea(attrs={"rows": 2}),
            "catatan": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_kerja"].queryset = self.instance.renja.opd.unit_kerja.all()
        self.fields["unit_kerja"].empty_label = "(belum ditetapkan)"
        if not self.is_bound:
            self.initial["versi_dibaca"] = self.instance.versi
            for name in ("pagu", "pagu_maju"):
                value = getattr(self.instance, name)
                self.initial[name] = "" if value is None else format_angka(value)

    def clean_pagu(self):
        return rupiah_isian(self.cleaned_data.get("pagu"), "Pagu indikatif")

    def clean_pagu_maju(self):
        return rupiah_isian(self.cleaned_data.get("pagu_maju"), "Prakiraan maju")


class IndikatorRencanaForm(TeksAmanMixin, forms.ModelForm):
    """One indicator as a row of the table on the plan-row page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            kotak = isinstance(field.widget, forms.CheckboxInput)
            field.widget.attrs.setdefault("class", "form-check-input" if kotak else "form-control form-control-sm")


# A formset builds as many forms as the request's TOTAL_FORMS says, up to absolute_max (Django's
# default: 2000, which a forged request turned into 40 seconds of rendering). Each is bounded by what
# its page can show: a page of rows plus the blank one, the indicators of one plan row, the lines of
# one review table (the seed's longest has 90).
PER_HALAMAN_KELOLA = 30
MAKS_INDIKATOR_BARIS = 100
MAKS_BARIS_REVIEW = 400

IndikatorFormSet = forms.inlineformset_factory(
    BarisRencana,
    IndikatorRencana,
    form=IndikatorRencanaForm,
    fields=["nama", "target", "satuan", "target_maju", "satuan_maju"],
    widgets={"nama": forms.Textarea(attrs={"rows": 2})},
    extra=1,
    can_delete=True,
    max_num=MAKS_INDIKATOR_BARIS,
    absolute_max=MAKS_INDIKATOR_BARIS,
)


class TahapForm(TeksAmanMixin, forms.Form):
    versi_dibaca = VersiField()
    tahap = forms.ChoiceField(
        label="Tahap baru", choices=Renja.Tahap.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    keterangan = forms.CharField(label="Keterangan", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SalinForm(TeksAmanMixin, forms.Form):
    tahun = forms.IntegerField(label="Tahun Renja baru", min_value=2000, max_value=2100)


class NarasiForm(TeksAmanMixin, forms.ModelForm):
    versi_dibaca = VersiField()

    class Meta:
        model = BagianNarasi
        fields = ["judul", "isi"]
        widgets = {"isi": forms.Textarea(attrs={"rows": 18})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["versi_dibaca"] = self.instance.versi


class VersiNomenklaturForm(TeksAmanMixin, forms.Form):
    versi = forms.ModelChoiceField(
        label="Versi nomenklatur", queryset=VersiNomenklatur.objects.all(), required=False,
        empty_label="(belum ditetapkan)", widget=forms.Select(attrs={"class": "form-select"}),
    )


class _Kecil(TeksAmanMixin, forms.ModelForm):
    """Compact inputs for the table-like formsets; each row carries the version it was read at."""

    versi_dibaca = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk is not None:
            self.initial["versi_dibaca"] = self.instance.versi
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 2
            kotak = isinstance(field.widget, forms.CheckboxInput)
            css = "form-check-input" if kotak else "form-control form-control-sm"
            field.widget.attrs.setdefault("class", css)


class TargetSpmForm(_Kecil):
    target = forms.CharField(label="Target", required=False)

    class Meta:
        model = TargetSpm
        fields = ["jenis_pelayanan", "indikator", "target", "satuan"]
        widgets = {"jenis_pelayanan": forms.Textarea, "indikator": forms.Textarea}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.target is not None:
            self.initial["target"] = format_angka(self.instance.target)

    def clean_target(self):
        return angka_isian(self.cleaned_data.get("target"), "Target", boleh_negatif=False,
                           kolom=TargetSpm._meta.get_field("target"))


class UsulanForm(_Kecil):
    class Meta:
        model = Usulan
        fields = ["program_kegiatan", "lokasi", "indikator", "volume", "pengusul", "catatan"]
        widgets = {"program_kegiatan": forms.Textarea, "indikator": forms.Textarea, "catatan": forms.Textarea}


class BarisReviewForm(_Kecil):
    analisis_pagu = forms.CharField(label="Pagu hasil analisis (Rp)", required=False)

    class Meta:
        model = BarisReview
        fields = ["analisis_indikator", "analisis_target", "analisis_satuan", "analisis_pagu", "catatan"]
        widgets = {"analisis_indikator": forms.Textarea, "catatan": forms.Textarea}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.analisis_pagu is not None:
            self.initial["analisis_pagu"] = format_angka(self.instance.analisis_pagu)

    def clean_analisis_pagu(self):
        return rupiah_isian(self.cleaned_data.get("analisis_pagu"), "Pagu hasil analisis")


class EvaluasiRenjaForm(_Kecil):
    """A row of T-C.29 as the OPD recorded it; tingkat realisasi and its band are computed, not typed."""

    class Meta:
        model = EvaluasiRenja
        fields = ["level", "kode", "nama", "indikator", "satuan", "target_renstra", "realisasi_sd_n3",
                  "target_n2", "realisasi_n2", "target_n1", "prakiraan_realisasi"]
        widgets = {"nama": forms.Textarea, "indikator": forms.Textarea}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["level"].choices = [("", "(pilih)")] + [c for c in self.fields["level"].choices if c[0]]


class KinerjaPelayananForm(_Kecil):
    """A row of T-C.30 (service indicators, SPM included) with the Renstra targets and realisasi."""

    class Meta:
        model = KinerjaPelayanan
        fields = ["nomor", "indikator", "spm", "ikk", "satuan", "target_n3", "target_n2", "target_n1", "target_n",
                  "realisasi_n3", "realisasi_n2", "proyeksi_n1", "proyeksi_n", "catatan"]
        widgets = {"indikator": forms.Textarea, "spm": forms.Textarea, "ikk": forms.Textarea,
                   "catatan": forms.Textarea}


_SEHALAMAN = {"extra": 1, "can_delete": True, "max_num": PER_HALAMAN_KELOLA + 1,
              "absolute_max": PER_HALAMAN_KELOLA + 1}
EvaluasiFormSet = forms.modelformset_factory(EvaluasiRenja, form=EvaluasiRenjaForm, **_SEHALAMAN)
KinerjaFormSet = forms.modelformset_factory(KinerjaPelayanan, form=KinerjaPelayananForm, **_SEHALAMAN)
SpmFormSet = forms.modelformset_factory(TargetSpm, form=TargetSpmForm, **_SEHALAMAN)
UsulanFormSet = forms.modelformset_factory(Usulan, form=UsulanForm, **_SEHALAMAN)
ReviewFormSet = forms.modelformset_factory(BarisReview, form=BarisReviewForm, extra=0, max_num=MAKS_BARIS_REVIEW,
                                           absolute_max=MAKS_BARIS_REVIEW)


class BarisBaruForm(TeksAmanMixin, forms.ModelForm):
    """A new plan row under a program or kegiatan of the same Renja."""

    pagu = forms.CharField(label="Pagu indikatif (Rp)", required=False)

    class Meta:
        model = BarisRencana
        fields = ["level", "induk", "kode", "nama", "pagu"]

    def __init__(self, *args, renja, **kwargs):
        super().__init__(*args, **kwargs)
        self.renja = renja
        self.fields["induk"].queryset = BarisRencana.objects.filter(
            renja=renja, level__in=["program", "kegiatan"]
        ).order_by("urutan")
        self.fields["induk"].required = False
        self.fields["induk"].empty_label = "(tanpa induk — untuk program)"
        self.fields["level"].choices = [("", "(pilih tingkat)")] + [
            c for c in self.fields["level"].choices if c[0]
        ]

    def clean_pagu(self):
        return rupiah_isian(self.cleaned_data.get("pagu"), "Pagu indikatif")

    def clean(self):
        data = super().clean()
        level, induk = data.get("level"), data.get("induk")
        wanted = {"program": None, "kegiatan": "program", "sub_kegiatan": "kegiatan"}.get(level)
        if level == "program" and induk is not None:
            self.add_error("induk", forms.ValidationError("Program tidak punya induk.", code="induk"))
        elif level in ("kegiatan", "sub_kegiatan") and (induk is None or induk.level != wanted):
            self.add_error("induk", forms.ValidationError(
                f"Induk {dict(BarisRencana._meta.get_field('level').choices)[level].lower()} harus sebuah "
                f"{wanted.replace('_', ' ')}.", code="induk"))
        return data
