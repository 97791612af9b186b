from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from evaluasi.models import (
    EvaluasiAkip,
    JawabanLke,
    KomponenAkip,
    KomponenLke,
    KriteriaLke,
    Lke,
    PenilaianLke,
    PilihanJawaban,
    Rekomendasi,
    RespondenSkm,
    SkalaJawaban,
    SubKomponenLke,
    SurveiKepuasan,
    TindakLanjut,
    UnsurSkm,
)


class KomponenInline(admin.TabularInline):
    model = KomponenAkip
    extra = 0


@admin.register(EvaluasiAkip)
class EvaluasiAkipAdmin(SimpleHistoryAdmin):
    list_display = ["tahun_lhe", "tahun_dievaluasi", "opd", "nomor_lhe", "nilai_tampil", "predikat_tampil"]
    list_filter = ["tahun_lhe", "opd"]
    search_fields = ["nomor_lhe"]
    inlines = [KomponenInline]

    @admin.display(description="nilai")
    def nilai_tampil(self, obj):
        return obj.nilai_akhir()

    @admin.display(description="predikat")
    def predikat_tampil(self, obj):
        band = obj.predikat()
        return band.predikat if band else "–"


class UnsurInline(admin.TabularInline):
    model = UnsurSkm
    extra = 0


@admin.register(SurveiKepuasan)
class SurveiKepuasanAdmin(SimpleHistoryAdmin):
    list_display = ["tahun", "periode", "opd", "jumlah_responden", "ikm_tampil"]
    list_filter = ["tahun", "opd"]
    inlines = [UnsurInline]

    @admin.display(description="IKM")
    def ikm_tampil(self, obj):
        return obj.ikm()


@admin.register(KomponenAkip)
class KomponenAkipAdmin(admin.ModelAdmin):
    list_display = ["evaluasi", "urutan", "nama", "bobot", "nilai"]
    list_filter = ["evaluasi__tahun_lhe", "evaluasi__opd"]
    search_fields = ["nama"]
    list_select_related = ["evaluasi__opd"]


@admin.register(UnsurSkm)
class UnsurSkmAdmin(admin.ModelAdmin):
    list_display = ["survei", "nomor", "nama", "nrr"]
    list_filter = ["survei__tahun", "survei__opd"]
    search_fields = ["nama"]
    list_select_related = ["survei__opd"]


# --- The LKE worksheet: a later regulation is entered here (components → sub-components → criteria). ---



class PilihanInline(admin.TabularInline):
    model = PilihanJawaban
    extra = 0


@admin.register(SkalaJawaban)
class SkalaJawabanAdmin(SimpleHistoryAdmin):
    list_display = ["kode", "nama"]
    inlines = [PilihanInline]


class KomponenLkeInline(admin.TabularInline):
    model = KomponenLke
    extra = 0
    show_change_link = True


@admin.register(Lke)
class LkeAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "kode", "tahun_mulai"]
    inlines = [KomponenLkeInline]


class SubKomponenInline(admin.TabularInline):
    model = SubKomponenLke
    extra = 0
    show_change_link = True


@admin.register(KomponenLke)
class KomponenLkeAdmin(SimpleHistoryAdmin):
    list_display = ["lke", "nomor", "nama", "bobot"]
    list_filter = ["lke"]
    inlines = [SubKomponenInline]


class KriteriaInline(admin.TabularInline):
    model = KriteriaLke
    extra = 0


@admin.register(SubKomponenLke)
class SubKomponenLkeAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "bobot"]
    list_filter = ["komponen__lke"]
    list_select_related = ["komponen"]
    inlines = [KriteriaInline]


class RekomendasiInline(admin.TabularInline):
    model = Rekomendasi
    extra = 0


@admin.register(PenilaianLke)
class PenilaianLkeAdmin(SimpleHistoryAdmin):
    """Read here; the evaluation's answers and status change only on its pages (lock and rules)."""

    list_display = ["opd", "tahun", "status", "nomor_lhe", "lhe_sha256"]
    list_filter = ["status", "tahun", "opd"]
    inlines = [RekomendasiInline]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(JawabanLke)
class JawabanLkeAdmin(SimpleHistoryAdmin):
    list_display = ["kriteria", "penilaian", "usulan", "nilai_evaluator"]
    list_filter = ["penilaian__tahun", "penilaian__opd"]
    list_select_related = ["kriteria", "penilaian__opd", "usulan", "nilai_evaluator"]

    def has_change_permission(self, request, obj=None):
        return False  # through the worksheet pages only: they keep the lock and the stage rules


@admin.register(TindakLanjut)
class TindakLanjutAdmin(SimpleHistoryAdmin):
    list_display = ["rekomendasi", "status", "tenggat", "unit_kerja"]
    list_filter = ["status"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(RespondenSkm)
class RespondenSkmAdmin(SimpleHistoryAdmin):
    list_display = ["survei", "nomor", "unit_layanan"]
    list_filter = ["survei__tahun", "survei__opd"]
    list_select_related = ["survei__opd"]

    def has_change_permission(self, request, obj=None):
        return False  # a change must recompute the survey's IKM (evaluasi.skm)
