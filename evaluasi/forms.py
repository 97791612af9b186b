"""Forms of the evaluation pages: one small form per criterion, prefixed by its id, on the component page."""

from django import forms

from indikator.forms import periksa_bukti
from portal.teks import TeksAmanMixin


def versi_dari(value):
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise forms.ValidationError("Versi formulir tidak sah; muat ulang halaman.", code="versi")
    return int(value)


class _JawabanForm(TeksAmanMixin, forms.Form):
    jawaban = forms.ChoiceField(label="Jawaban", required=False)
    catatan = forms.CharField(label="Catatan", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    versi = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, kriteria, saran=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kriteria, self.saran = kriteria, saran
        self.pilihan = {p.kode: p for p in kriteria.skala.pilihan.all()}
        self.fields["jawaban"].choices = [("", "–")] + [(k, f"{k} ({p.nilai.normalize():f} %)")
                                                       for k, p in self.pilihan.items()]

    def clean_jawaban(self):
        kode = self.cleaned_data["jawaban"]
        return self.pilihan[kode] if kode else None

    def clean_versi(self):
        return versi_dari(self.cleaned_data["versi"])


class UsulanForm(_JawabanForm):
    """The OPD's answer, note, evidence file or a link to a page of the portal."""

    bukti = forms.FileField(label="Bukti dukung (PDF/JPG/PNG)", required=False)
    tautan = forms.CharField(label="Tautan ke data portal", required=False, max_length=300)
    tautan_label = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)
    dari_prefill = forms.BooleanField(label="Sesuai data portal", required=False)

    def clean_bukti(self):
        upload = self.cleaned_data.get("bukti")
        if upload:
            periksa_bukti(upload)
        return upload

    def clean_tautan(self):
        # A path inside the portal only: an outside address is a link a verifier should not be sent to.
        tautan = self.cleaned_data["tautan"].strip()
        if tautan and (not tautan.startswith("/") or tautan.startswith("//") or "\\" in tautan):
            raise forms.ValidationError(
                "Tautan harus alamat halaman di portal ini, diawali '/' (mis. /kinerja/renstra/1/).", code="tautan")
        return tautan


    def clean(self):
        data = super().clean()
        # "Sesuai data portal": the person confirms what the records say; a blank answer or link takes the proposal.
        if data.get("dari_prefill"):
            if self.saran is None:
                data["dari_prefill"] = False
            else:
                if data.get("jawaban") is None:
                    data["jawaban"] = self.pilihan.get(self.saran.jawaban)
                if not data.get("tautan"):
                    data["tautan"], data["tautan_label"] = self.saran.tautan, self.saran.tautan_label
        return data


class NilaiEvaluatorForm(_JawabanForm):
    """The evaluator's answer and note beside the OPD's."""


def form_halaman(kelas, data, files, baris):
    """One form per criterion of a page, bound when the page is posted."""
    forms_ = []
    for b in baris:
        initial = _initial(kelas, b.jawaban)
        kwargs = {"prefix": f"k{b.kriteria.pk}", "kriteria": b.kriteria, "initial": initial}
        if kelas is UsulanForm:
            kwargs["saran"] = b.saran
        forms_.append(kelas(data, files, **kwargs) if data is not None else kelas(**kwargs))
    return forms_


def _initial(kelas, jawaban):
    if jawaban is None:
        return {}
    if kelas is UsulanForm:
        return {"jawaban": jawaban.usulan.kode if jawaban.usulan else "", "catatan": jawaban.catatan_usulan,
                "tautan": jawaban.tautan, "tautan_label": jawaban.tautan_label,
                "dari_prefill": jawaban.dari_prefill, "versi": jawaban.versi}
    return {"jawaban": jawaban.nilai_evaluator.kode if jawaban.nilai_evaluator else "",
            "catatan": jawaban.catatan_evaluator, "versi": jawaban.versi}


class VersiForm(TeksAmanMixin, forms.Form):
    versi = forms.CharField(required=False)
    catatan = forms.CharField(required=False)

    def clean_versi(self):
        return versi_dari(self.cleaned_data["versi"])


class MulaiForm(TeksAmanMixin, forms.Form):
    tahun = forms.IntegerField(label="Tahun kinerja yang dievaluasi", min_value=2000, max_value=2100,
                               error_messages={"invalid": "Tahun harus angka.", "required": "Isi tahun.",
                                               "min_value": "Tahun paling awal 2000.",
                                               "max_value": "Tahun paling akhir 2100."})


class TindakLanjutForm(TeksAmanMixin, forms.Form):
    rencana = forms.CharField(label="Rencana tindak lanjut", required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    unit_kerja = forms.ModelChoiceField(label="Unit penanggung jawab", queryset=None, required=False,
                                        empty_label="–")
    tenggat = forms.DateField(label="Tenggat", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                              error_messages={"invalid": "Tenggat harus tanggal (tttt-bb-hh)."})
    status = forms.ChoiceField(label="Status")
    bukti = forms.FileField(label="Bukti dukung (PDF/JPG/PNG)", required=False)
    versi = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, opd, **kwargs):
        from evaluasi.models import TindakLanjut
        from portal.models import UnitKerja

        super().__init__(*args, **kwargs)
        self.fields["unit_kerja"].queryset = UnitKerja.objects.filter(opd=opd)
        self.fields["status"].choices = TindakLanjut.Status.choices

    def clean_bukti(self):
        upload = self.cleaned_data.get("bukti")
        if upload:
            periksa_bukti(upload)
        return upload

    def clean_versi(self):
        return versi_dari(self.cleaned_data["versi"])


class RespondenForm(TeksAmanMixin, forms.ModelForm):
    """One respondent: nine scores 1–4 (required) and the optional profile."""

    SKOR = [("", "–"), (1, "1"), (2, "2"), (3, "3"), (4, "4")]

    class Meta:
        from evaluasi.models import RespondenSkm

        model = RespondenSkm
        fields = ["unit_layanan", "jenis_kelamin", "pendidikan", "pekerjaan"] + [f"u{i}" for i in range(1, 10)]

    def __init__(self, *args, **kwargs):
        from evaluasi.models.hasil import UNSUR_SKM

        super().__init__(*args, **kwargs)
        for i, nama in enumerate(UNSUR_SKM, start=1):
            self.fields[f"u{i}"] = forms.TypedChoiceField(
                label=f"U{i} {nama}", choices=self.SKOR, coerce=int,
                error_messages={"required": f"Isi skor U{i} ({nama}), 1–4."})


class SurveiBaruForm(TeksAmanMixin, forms.Form):
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100,
                               error_messages={"invalid": "Tahun harus angka.", "required": "Isi tahun."})
    periode = forms.CharField(label="Periode", max_length=60, required=False)
