from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from indikator.models import (
    AksiTriwulan,
    Crosscutting,
    Indikator,
    Jabatan,
    PerjanjianKinerja,
    PkIndikator,
    PredikatAkip,
    Realisasi,
    RencanaAksi,
    Renstra,
    Sasaran,
    SkalaPredikat,
    Target,
    TargetTriwulan,
    Tujuan,
)
from portal.admin import BerversiAdmin, BerversiForm


class TujuanInline(admin.StackedInline):
    model = Tujuan
    extra = 0


@admin.register(Renstra)
class RenstraAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "opd", "tahun_awal", "tahun_akhir"]
    list_filter = ["opd"]
    search_fields = ["nama"]
    inlines = [TujuanInline]


@admin.register(Tujuan)
class TujuanAdmin(BerversiAdmin):
    list_display = ["uraian", "renstra", "urutan"]
    list_filter = ["renstra"]
    search_fields = ["uraian"]


@admin.register(Sasaran)
class SasaranAdmin(BerversiAdmin):
    list_display = ["uraian", "tujuan", "urutan"]
    list_filter = ["tujuan__renstra"]
    search_fields = ["uraian"]
    filter_horizontal = ["program_pendukung"]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = ["tahun", "nilai", "predikat", "pembilang", "penyebut"]


@admin.register(Indikator)
class IndikatorAdmin(BerversiAdmin):
    list_display = ["kode", "nama", "satuan", "is_iku", "agregasi", "polaritas", "opd"]
    list_filter = ["is_iku", "jenis_nilai", "polaritas", "agregasi", "opd"]
    search_fields = ["kode", "nama", "program__kode_lengkap", "sub_kegiatan__kode_lengkap"]
    list_select_related = ["opd"]
    raw_id_fields = ["tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"]
    inlines = [TargetInline]


class TargetTriwulanInline(admin.TabularInline):
    model = TargetTriwulan
    extra = 0
    fields = ["triwulan", "nilai", "predikat"]


@admin.register(PkIndikator)
class PkIndikatorAdmin(SimpleHistoryAdmin):
    list_display = ["indikator", "perjanjian", "nilai", "predikat"]
    list_filter = ["perjanjian__tahun", "perjanjian__opd"]
    search_fields = ["indikator__nama"]
    inlines = [TargetTriwulanInline]


class PkIndikatorInline(admin.TabularInline):
    model = PkIndikator
    extra = 0
    fields = ["indikator", "mendukung", "nilai", "predikat", "urutan"]
    raw_id_fields = ["indikator", "mendukung"]


@admin.register(PerjanjianKinerja)
class PerjanjianKinerjaAdmin(BerversiAdmin):
    list_display = ["tahun", "jenis", "opd", "jabatan", "revisi_ke", "status", "tanggal"]
    list_filter = ["tahun", "jenis", "status", "opd"]
    list_select_related = ["opd", "jabatan"]
    # A revision is made by pk_revisi (copying the targets, checking the reason), not typed here.
    readonly_fields = ["revisi_dari", "revisi_ke", "alasan_revisi", "catatan_revisi"]
    inlines = [PkIndikatorInline]


@admin.register(Jabatan)
class JabatanAdmin(BerversiAdmin):
    list_display = ["nama", "eselon", "opd", "unit", "atasan", "pemegang_nama", "pemegang_nip"]
    list_filter = ["eselon", "opd"]
    list_select_related = ["opd", "unit", "atasan"]
    search_fields = ["nama", "pemegang_nama", "pemegang_nip"]


class RealisasiAdminForm(BerversiForm):
    alasan_perubahan = forms.CharField(
        label="alasan perubahan", required=False, max_length=300,
        help_text="Wajib bila realisasi ini sudah diverifikasi; dicatat di riwayat.")

    def clean(self):
        data = super().clean()
        if self.instance.perlu_alasan and not data.get("alasan_perubahan", "").strip():
            self.add_error("alasan_perubahan", "Realisasi yang sudah diverifikasi hanya dapat diubah dengan alasan.")
        return data


@admin.register(Realisasi)
class RealisasiAdmin(BerversiAdmin):
    """A realisasi changes here by the same rule as on the unit page (Realisasi.simpan_isian).

    Its status moves only through the quarterly cycle (ajukan, verifikasi,
    kembalikan on the portal's pages), so it is read-only here.
    """

    form = RealisasiAdminForm
    list_display = ["indikator", "tahun", "triwulan", "nilai", "predikat", "status"]
    list_filter = ["tahun", "triwulan", "status", "indikator__opd"]
    search_fields = ["indikator__nama", "indikator__kode"]
    list_select_related = ["indikator"]
    raw_id_fields = ["indikator"]
    readonly_fields = ["status", "diisi_oleh", "diisi_pada", "diverifikasi_oleh", "diverifikasi_pada",
                       "catatan_verifikasi"]

    def simpan(self, request, obj, form):
        obj.simpan_isian(user=request.user, versi=form.cleaned_data.get("versi_dibaca") if obj.pk else None,
                         alasan=form.cleaned_data.get("alasan_perubahan", "").strip(), sumber="Admin")


class PredikatInline(admin.TabularInline):
    model = PredikatAkip
    extra = 0


@admin.register(SkalaPredikat)
class SkalaPredikatAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "tahun_mulai"]
    inlines = [PredikatInline]


# The rows below are edited inline under their parent above; they are also listed
# on their own so an administrator can search across OPDs and years.


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["indikator", "tahun", "nilai", "predikat"]
    list_filter = ["tahun", "indikator__opd", "indikator__is_iku"]
    search_fields = ["indikator__nama", "indikator__kode"]
    list_select_related = ["indikator"]
    raw_id_fields = ["indikator"]


@admin.register(TargetTriwulan)
class TargetTriwulanAdmin(SimpleHistoryAdmin):
    list_display = ["pk_indikator", "triwulan", "nilai", "predikat"]
    list_filter = ["triwulan", "pk_indikator__perjanjian__tahun", "pk_indikator__perjanjian__opd"]
    search_fields = ["pk_indikator__indikator__nama"]
    list_select_related = ["pk_indikator__indikator", "pk_indikator__perjanjian"]
    raw_id_fields = ["pk_indikator"]


@admin.register(PredikatAkip)
class PredikatAkipAdmin(admin.ModelAdmin):
    list_display = ["skala", "predikat", "batas_bawah", "batas_atas", "keterangan", "peringkat"]
    list_filter = ["skala"]
    search_fields = ["predikat", "keterangan"]




class AksiTriwulanInline(admin.TabularInline):
    model = AksiTriwulan
    extra = 0
    fields = ["triwulan", "target", "realisasi", "keadaan", "status"]
    # Progress is entered on the portal's quarterly page, through its cycle (window, lock, verification).
    readonly_fields = ["realisasi", "keadaan", "status"]


@admin.register(RencanaAksi)
class RencanaAksiAdmin(BerversiAdmin):
    list_display = ["uraian", "pk_indikator", "unit", "jabatan"]
    list_select_related = ["pk_indikator__indikator", "pk_indikator__perjanjian", "unit", "jabatan"]
    raw_id_fields = ["pk_indikator", "sub_kegiatan"]
    search_fields = ["uraian"]
    inlines = [AksiTriwulanInline]


@admin.register(AksiTriwulan)
class AksiTriwulanAdmin(SimpleHistoryAdmin):
    list_display = ["rencana", "triwulan", "target", "realisasi", "keadaan", "status"]
    list_filter = ["triwulan", "status"]
    list_select_related = ["rencana"]
    readonly_fields = ["status", "diisi_oleh", "diisi_pada", "diverifikasi_oleh", "diverifikasi_pada"]


@admin.register(Crosscutting)
class CrosscuttingAdmin(BerversiAdmin):
    list_display = ["indikator", "opd_mitra", "mitra_teks", "indikator_mitra"]
    list_select_related = ["indikator", "opd_mitra", "indikator_mitra"]
    raw_id_fields = ["indikator", "indikator_mitra"]
