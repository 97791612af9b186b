from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from evaluasi.models import EvaluasiAkip, KomponenAkip, SurveiKepuasan, UnsurSkm


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
