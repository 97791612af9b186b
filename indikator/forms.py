from django import forms
from django.conf import settings
from django.urls import reverse

from anggaran.models import SubKegiatan
from indikator.models import (
    AksiTriwulan,
    Crosscutting,
    Indikator,
    Jabatan,
    PerjanjianKinerja,
    Realisasi,
    RencanaAksi,
    Sasaran,
    SkalaPredikat,
    Tujuan,
)
from portal.angka import format_angka, parse_angka
from portal.berkas import periksa_gambar, periksa_pdf
from portal.forms import angka_isian
from portal.models import PerangkatDaerah, UnitKerja
from portal.teks import TeksAmanMixin

# What an evidence file may be, recognised by its first bytes: a renamed
# .exe does not pass as a PDF.
BUKTI_JENIS = {
    "pdf": b"%PDF-",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
    "png": b"\x89PNG\r\n\x1a\n",
}


def ukuran_berkas(jumlah_byte):
    """A file size as people say it: 5 MB, 1,5 MB, 300 KB."""
    from decimal import Decimal

    if jumlah_byte >= 1024 * 1024:
        return f"{format_angka((Decimal(jumlah_byte) / (1024 * 1024)).quantize(Decimal('0.1')).normalize())} MB"
    return f"{format_angka(max(1, jumlah_byte // 1024))} KB"


def periksa_bukti(upload):
    """Refuse an evidence file that is too large, or is not wholly a PDF, JPG or PNG, or is an active PDF."""
    maks = settings.BUKTI_MAKS_BYTES
    if upload.size > maks:
        raise forms.ValidationError(
            f"Bukti dukung terlalu besar ({ukuran_berkas(upload.size)}); batasnya {ukuran_berkas(maks)}.",
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
    # The first bytes only say what the file claims to be; open it whole (portal.berkas).
    if ext == "pdf":
        periksa_pdf(upload)
    else:
        periksa_gambar(upload, "PNG" if ext == "png" else "JPEG")
    return upload


class BuktiTersimpan:
    """The stored evidence as the form shows it: linked to the guarded download view, never to /media/."""

    def __init__(self, url, name):
        self.url, self.name = url, name

    def __str__(self):
        return self.name


class BuktiField(forms.FileField):
    """The evidence field; its 'current file' link (Django's and crispy's) goes through the access check."""

    unduh_url = None

    def prepare_value(self, value):
        if value and self.unduh_url and not hasattr(value, "content_type"):
            return BuktiTersimpan(self.unduh_url, value.name.rsplit("/", 1)[-1])
        return value


class RealisasiForm(TeksAmanMixin, forms.ModelForm):
    """One indicator's realisasi of a triwulan, with the version it was read at."""

    nilai = forms.CharField(label="Realisasi", required=False, max_length=40,
                            widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
    predikat = forms.ChoiceField(label="Realisasi (predikat)", required=False)
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

    def __init__(self, *args, indikator, capaian_url=None, skala=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.indikator, self.skala = indikator, skala
        if indikator.is_predikat:
            del self.fields["nilai"]
            # Only the predicates of the year's scale: a select, not free text ("XYZ" is no predicate).
            kode = [p.predikat for p in skala.predikat.all()] if skala is not None else []
            self.fields["predikat"].choices = [("", "— pilih predikat —"), *((k, k) for k in kode)]
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
        bawaan = self.fields["bukti"]
        bukti = BuktiField(label=bawaan.label, required=False, max_length=bawaan.max_length,
                           widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
                           help_text=f"PDF, JPG atau PNG, paling besar {ukuran_berkas(settings.BUKTI_MAKS_BYTES)}.")
        if self.instance.pk and self.instance.bukti:
            bukti.unduh_url = reverse("indikator:realisasi_bukti", args=[self.instance.pk])
        self.fields["bukti"] = bukti

    @property
    def terverifikasi(self):
        return self.instance.pk is not None and self.instance.status == Realisasi.Status.DIVERIFIKASI

    def clean_nilai(self):
        teks = self.cleaned_data.get("nilai")
        value = angka_isian(teks, self.fields["nilai"].label)
        if value is None:
            raise forms.ValidationError("Realisasi wajib diisi.", code="wajib")
        pesan = self.indikator.alasan_nilai_ditolak(value, teks=teks)
        if pesan:
            raise forms.ValidationError(pesan, code="rentang")
        return value

    def clean_predikat(self):
        value = (self.cleaned_data.get("predikat") or "").strip().upper()
        if not value:
            raise forms.ValidationError("Predikat realisasi wajib diisi.", code="wajib")
        return value

    def _post_clean(self):
        # The model's own rules (year within the Renstra, plausible value) on the value typed:
        # the value is put on the instance first, so the form, the admin and the import check alike.
        if not self.errors:
            self._isi_nilai(self.instance)
        super()._post_clean()

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

    def _isi_nilai(self, realisasi):
        field = "predikat" if self.indikator.is_predikat else "nilai"
        # A new value replaces a recorded fraction, which would otherwise win in nilai_eksak.
        realisasi.isi_nilai(self.cleaned_data[field])

    def save(self, commit=True):
        realisasi = super().save(commit=False)
        self._isi_nilai(realisasi)
        return realisasi


class KembalikanForm(TeksAmanMixin, forms.Form):
    catatan = forms.CharField(label="Catatan untuk unit", widget=forms.Textarea(attrs={"rows": 2}),
                              max_length=1000)
    versi = forms.IntegerField(widget=forms.HiddenInput)


ROMAWI_TW = {0: "tahunan", 1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}


class PkGridForm(TeksAmanMixin, forms.Form):
    """Every IKU's annual and triwulan targets of one PK, as one grid (cells named t<indikator>_<tw>)."""

    versi = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, rows, versi, skala=None, di_atas=None, **kwargs):
        """`di_atas`: the indicators of the PK one level up, for a position's PK (its rows name one each)."""
        super().__init__(*args, **kwargs)
        self.rows, self.skala, self.di_atas = rows, skala, di_atas
        self.initial["versi"] = versi
        for row in rows:
            if di_atas is not None:
                name = f"m{row.indikator.pk}"
                self.fields[name] = forms.TypedChoiceField(
                    label=f"{row.indikator.kode} mendukung", required=False, coerce=int, empty_value=None,
                    choices=[("", "— belum dipilih —")] + [(i.pk, f"{i.kode} {i.nama}") for i in di_atas],
                    widget=forms.Select(attrs={"class": "form-select form-select-sm"}))
                if row.pk_indikator is not None and row.pk_indikator.mendukung_id:
                    self.initial[name] = row.pk_indikator.mendukung_id
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

    def pilihan_mendukung(self, row):
        return self[f"m{row.indikator.pk}"]

    def clean(self):
        data = super().clean()
        self.nilai = {}
        atas = {i.pk: i for i in self.di_atas or []}
        self.mendukung = {row.indikator: atas.get(data.get(f"m{row.indikator.pk}"))
                          for row in self.rows} if self.di_atas is not None else None
        for row in self.rows:
            values = {}
            for tw in range(5):
                name = f"t{row.indikator.pk}_{tw}"
                raw = (data.get(name) or "").strip()
                if not raw:
                    values[tw] = None
                else:
                    values[tw] = _target_sel(self, name, row.indikator, raw, self.fields[name].label, self.skala)
            self.nilai[row.indikator] = values
        return data


def _target_sel(form, name, indikator, raw, label, skala):
    """A target typed in a grid cell: the number or predicate, or None with the error put on the cell."""
    if not raw:
        return None
    if indikator.is_predikat:
        value = raw.upper()
    else:
        try:
            value = parse_angka(raw)
        except ValueError as exc:
            form.add_error(name, forms.ValidationError(f"{label}: {exc}", code="angka"))
            return None
    pesan = indikator.alasan_nilai_ditolak(value, label=label, teks=raw, skala=skala)
    if pesan:
        form.add_error(name, forms.ValidationError(pesan, code="rentang"))
        return None
    return value


class VersiMixin(TeksAmanMixin, forms.Form):
    """The version a record was read at, so that a concurrent edit is refused on save."""

    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def _isi_versi(self):
        if not self.is_bound:
            self.initial["versi"] = self.instance.versi if self.instance.pk else None


class TujuanForm(VersiMixin, forms.ModelForm):
    class Meta:
        model = Tujuan
        fields = ["urutan", "uraian"]
        widgets = {"uraian": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._isi_versi()


class SasaranForm(VersiMixin, forms.ModelForm):
    class Meta:
        model = Sasaran
        fields = ["urutan", "uraian", "program_pendukung"]
        # Check boxes: a multiple <select> needs Ctrl+click, which users miss and then lose their choice.
        widgets = {"uraian": forms.Textarea(attrs={"rows": 2}), "program_pendukung": forms.CheckboxSelectMultiple}

    def __init__(self, *args, tahun, **kwargs):
        super().__init__(*args, **kwargs)
        from anggaran.models import Program, VersiNomenklatur

        # Programs of the nomenclature in force at the end of the Renstra period.
        self.fields["program_pendukung"].queryset = Program.objects.filter(
            bidang__urusan__versi=VersiNomenklatur.for_tahun(tahun))
        self._isi_versi()


class IndikatorForm(VersiMixin, forms.ModelForm):
    """An indicator with its Renstra target for each year of the period (fields target_<tahun>)."""

    class Meta:
        model = Indikator
        fields = ["kode", "nama", "satuan", "formula", "alasan", "sumber_data", "penanggung_jawab", "is_iku",
                  "jenis_nilai", "polaritas", "rumus_negatif", "agregasi", "nilai_min", "nilai_maks", "boleh_negatif"]
        widgets = {"nama": forms.Textarea(attrs={"rows": 2}), "formula": forms.Textarea(attrs={"rows": 2}),
                   "alasan": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, opd, tahun_list, **kwargs):
        super().__init__(*args, **kwargs)
        self.opd, self.tahun_list = opd, tahun_list
        self.fields["penanggung_jawab"].queryset = opd.unit_kerja.all()
        targets = {t.tahun: t for t in self.instance.target.all()} if self.instance.pk else {}
        for tahun in tahun_list:
            name = f"target_{tahun}"
            self.fields[name] = forms.CharField(label=f"Target {tahun}", required=False, max_length=30,
                                                widget=forms.TextInput(attrs={"class": "text-end"}))
            target = targets.get(tahun)
            if target is not None and not target.kosong and not self.is_bound:
                self.initial[name] = target.predikat or format_angka(target.nilai_eksak)
        self._isi_versi()

    def field_target(self):
        """The target fields, one per year, which the page lays out side by side."""
        return [self[f"target_{tahun}"] for tahun in self.tahun_list]

    def field_lain(self):
        return [f for f in self.visible_fields() if not f.name.startswith("target_")]

    def clean_kode(self):
        kode = self.cleaned_data["kode"].strip()
        clash = Indikator.objects.filter(opd=self.opd, kode=kode).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(f"Kode {kode} sudah dipakai indikator lain di OPD ini.", code="kode")
        return kode

    def clean(self):
        data = super().clean()
        self.target = {}
        # The targets are checked against the indicator as it is being saved (its satuan, kind and range).
        calon = Indikator(**{f: data.get(f) for f in ("satuan", "jenis_nilai", "nilai_min", "nilai_maks",
                                                     "boleh_negatif")})
        calon.satuan = calon.satuan or ""
        skala = {}
        if calon.is_predikat:
            skala = {tahun: SkalaPredikat.for_tahun(tahun) for tahun in self.tahun_list}
        for tahun in self.tahun_list:
            name = f"target_{tahun}"
            raw = (data.get(name) or "").strip()
            self.target[tahun] = _target_sel(self, name, calon, raw, f"Target {tahun}", skala.get(tahun))
        return data


class PkRevisiForm(TeksAmanMixin, forms.Form):
    """Why a signed PK is revised: one of the reasons PermenPANRB 53/2014 allows, with a note."""

    versi = forms.IntegerField(widget=forms.HiddenInput)
    alasan = forms.ChoiceField(label="Alasan revisi", choices=[("", "— pilih alasan —")]
                               + list(PerjanjianKinerja.AlasanRevisi.choices),
                               widget=forms.Select(attrs={"class": "form-select form-select-sm"}))
    catatan = forms.CharField(label="Catatan", max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2, "class": "form-control form-control-sm"}))


def _angka_opsional(form, name, label):
    raw = (form.cleaned_data.get(name) or "").strip()
    if not raw:
        return None
    try:
        return parse_angka(raw)
    except ValueError as exc:
        raise forms.ValidationError(f"{label}: {exc}", code="angka") from exc


class RencanaAksiForm(VersiMixin, forms.ModelForm):
    """A rencana aksi of a PK indicator with its target in each triwulan (the perencana's)."""

    target_1 = forms.CharField(label="Target TW I", required=False, max_length=30)
    target_2 = forms.CharField(label="Target TW II", required=False, max_length=30)
    target_3 = forms.CharField(label="Target TW III", required=False, max_length=30)
    target_4 = forms.CharField(label="Target TW IV", required=False, max_length=30)

    class Meta:
        model = RencanaAksi
        fields = ["pk_indikator", "uraian", "output", "satuan", "unit", "jabatan", "sub_kegiatan", "urutan"]

    def __init__(self, *args, pk_indikator_qs, opd, targets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._isi_versi()
        self.fields["pk_indikator"].queryset = pk_indikator_qs
        self.fields["pk_indikator"].label_from_instance = lambda i: (
            f"{i.perjanjian.jabatan or 'PK perangkat daerah'} · {i.indikator.kode} {i.indikator.nama}")
        self.fields["unit"].queryset = UnitKerja.objects.filter(opd=opd)
        self.fields["jabatan"].queryset = Jabatan.objects.filter(opd=opd)
        self.fields["sub_kegiatan"].queryset = SubKegiatan.objects.filter(dpa__opd=opd).distinct()
        for tw, nilai in (targets or {}).items():
            if nilai is not None and not self.is_bound:
                self.initial[f"target_{tw}"] = format_angka(nilai)
        for field in self.fields.values():
            if not isinstance(field.widget, forms.HiddenInput):
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                field.widget.attrs.setdefault("class", f"{css} form-control-sm")

    def clean(self):
        data = super().clean()
        self.target = {}
        for tw in range(1, 5):
            try:
                self.target[tw] = _angka_opsional(self, f"target_{tw}", f"Target TW {tw}")
            except forms.ValidationError as exc:
                self.add_error(f"target_{tw}", exc)
        return data


class AksiIsianForm(TeksAmanMixin, forms.Form):
    """A unit's progress on one quarter of a rencana aksi."""

    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)
    realisasi = forms.CharField(label="Realisasi", required=False, max_length=30)
    keadaan = forms.ChoiceField(label="Status aksi", required=False,
                                choices=[("", "—")] + list(AksiTriwulan.Keadaan.choices))
    kendala = forms.CharField(label="Kendala", required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))
    tindak_lanjut = forms.CharField(label="Tindak lanjut", required=False, max_length=2000,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    alasan = forms.CharField(label="Alasan perubahan", required=False, max_length=300)

    def clean_realisasi(self):
        return _angka_opsional(self, "realisasi", "Realisasi")


class PemegangJabatanForm(VersiMixin, forms.ModelForm):
    """Who holds a position now; the PKs signed by the one before stay as signed until revised."""

    class Meta:
        model = Jabatan
        fields = ["pemegang_nama", "pemegang_nip", "pemegang_pangkat"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._isi_versi()
        for field in self.fields.values():
            if not isinstance(field.widget, forms.HiddenInput):
                field.widget.attrs.setdefault("class", "form-control form-control-sm")


class CrosscuttingForm(VersiMixin, forms.ModelForm):
    """Another agency's contribution to one of the OPD's indicators (the partner's indicator by its code)."""

    kode_mitra = forms.CharField(label="Kode indikator mitra (boleh kosong)", required=False, max_length=60)

    class Meta:
        model = Crosscutting
        fields = ["indikator", "opd_mitra", "mitra_teks", "kontribusi"]
        widgets = {"kontribusi": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, opd, **kwargs):
        super().__init__(*args, **kwargs)
        self._isi_versi()
        self.fields["indikator"].queryset = Indikator.objects.filter(opd=opd).order_by("urutan", "pk")
        self.fields["indikator"].label_from_instance = lambda i: f"{i.kode} {i.nama}"
        self.fields["opd_mitra"].queryset = PerangkatDaerah.objects.exclude(pk=opd.pk).order_by("nama")
        for field in self.fields.values():
            if not isinstance(field.widget, forms.HiddenInput):
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                field.widget.attrs.setdefault("class", f"{css} form-control-sm")

    def clean(self):
        data = super().clean()
        kode, mitra = (data.get("kode_mitra") or "").strip(), data.get("opd_mitra")
        self.instance.indikator_mitra = None
        if kode:
            found = Indikator.objects.filter(opd=mitra, kode=kode).first() if mitra else None
            if found is None:
                self.add_error("kode_mitra", forms.ValidationError(
                    "Indikator dengan kode ini tidak ada di perangkat daerah mitra.", code="kode"))
            self.instance.indikator_mitra = found
        return data
