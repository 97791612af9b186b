from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from anggaran.models import (
    AnggaranAgregat,
    AnggaranKas,
    BidangUrusan,
    DpaSubKegiatan,
    Kegiatan,
    Program,
    RealisasiAnggaran,
    SubKegiatan,
    Urusan,
    VersiNomenklatur,
)


@admin.register(VersiNomenklatur)
class VersiNomenklaturAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "tahun_mulai"]


@admin.register(Urusan)
class UrusanAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "versi"]
    list_filter = ["versi"]
    search_fields = ["kode", "nama"]


class KodeAdmin(admin.ModelAdmin):
    list_display = ["kode_lengkap", "nama"]
    search_fields = ["kode_lengkap", "nama"]
    ordering = ["kode_lengkap"]


@admin.register(BidangUrusan)
class BidangUrusanAdmin(KodeAdmin):
    list_filter = ["urusan__versi"]


@admin.register(Program)
class ProgramAdmin(KodeAdmin):
    list_filter = ["bidang__urusan__versi"]


@admin.register(Kegiatan)
class KegiatanAdmin(KodeAdmin):
    list_display = ["kode_lengkap", "nama", "program"]
    list_filter = ["program__bidang__urusan__versi", "program"]
    list_select_related = ["program"]


@admin.register(SubKegiatan)
class SubKegiatanAdmin(KodeAdmin):
    list_display = ["kode_lengkap", "nama", "kode_lama", "kegiatan"]
    list_filter = ["kegiatan__program__bidang__urusan__versi", "kegiatan__program"]
    search_fields = ["kode_lengkap", "kode_lama", "nama"]
    list_select_related = ["kegiatan"]


class AnggaranKasInline(admin.TabularInline):
    model = AnggaranKas
    extra = 0


class RealisasiAnggaranInline(admin.TabularInline):
    model = RealisasiAnggaran
    extra = 0


@admin.register(DpaSubKegiatan)
class DpaSubKegiatanAdmin(SimpleHistoryAdmin):
    list_display = ["kode", "sub_kegiatan_nama", "tahun", "opd", "pagu_murni", "pagu_perubahan"]
    list_filter = ["tahun", "opd", "sub_kegiatan__kegiatan__program"]
    search_fields = ["sub_kegiatan__kode_lengkap", "sub_kegiatan__nama", "sub_kegiatan__kode_lama"]
    list_select_related = ["sub_kegiatan", "opd"]
    autocomplete_fields = ["sub_kegiatan"]
    inlines = [AnggaranKasInline, RealisasiAnggaranInline]

    @admin.display(description="kode", ordering="sub_kegiatan__kode_lengkap")
    def kode(self, obj):
        return obj.sub_kegiatan.kode_lengkap

    @admin.display(description="sub kegiatan", ordering="sub_kegiatan__nama")
    def sub_kegiatan_nama(self, obj):
        return obj.sub_kegiatan.nama


@admin.register(AnggaranAgregat)
class AnggaranAgregatAdmin(SimpleHistoryAdmin):
    list_display = ["tahun", "opd", "program", "pagu_murni", "pagu_perubahan", "realisasi"]
    list_filter = ["tahun", "opd"]
    search_fields = ["program__kode_lengkap", "program__nama", "catatan"]
    list_select_related = ["opd", "program"]
