from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from renja.models import (
    BagianNarasi,
    BarisRencana,
    BarisReview,
    EvaluasiRenja,
    IndikatorRencana,
    KinerjaPelayanan,
    Renja,
    RiwayatTahap,
    TabelReview,
    TargetSpm,
    Usulan,
)


class RiwayatTahapInline(admin.TabularInline):
    model = RiwayatTahap
    extra = 0
    readonly_fields = ["dari", "ke", "oleh", "pada", "keterangan"]
    can_delete = False


@admin.register(Renja)
class RenjaAdmin(SimpleHistoryAdmin):
    list_display = ["opd", "tahun", "tahap", "versi_nomenklatur"]
    list_filter = ["tahun", "tahap"]
    inlines = [RiwayatTahapInline]


class IndikatorRencanaInline(admin.TabularInline):
    model = IndikatorRencana
    extra = 0


@admin.register(BarisRencana)
class BarisRencanaAdmin(SimpleHistoryAdmin):
    list_display = ["renja", "urutan", "level", "kode", "nama", "pagu", "pagu_maju", "sumber"]
    list_filter = ["renja", "level", "sumber"]
    search_fields = ["kode", "nama"]
    raw_id_fields = ["induk", "program", "kegiatan", "sub_kegiatan"]
    inlines = [IndikatorRencanaInline]


class BarisReviewInline(admin.TabularInline):
    model = BarisReview
    extra = 0
    fields = ["urutan", "level", "nomor", "nama", "rkpd_pagu", "analisis_pagu", "catatan"]


@admin.register(TabelReview)
class TabelReviewAdmin(admin.ModelAdmin):
    list_display = ["renja", "nomor", "judul", "total_tercetak"]
    inlines = [BarisReviewInline]


for model in (EvaluasiRenja, KinerjaPelayanan, TargetSpm, Usulan, BagianNarasi):
    admin.site.register(model, SimpleHistoryAdmin if hasattr(model, "history") else admin.ModelAdmin)


# Also on their own, so each can be searched across Renja (they are edited inline above).
@admin.register(RiwayatTahap)
class RiwayatTahapAdmin(admin.ModelAdmin):
    list_display = ["renja", "dari", "ke", "oleh", "pada"]
    list_filter = ["ke"]
    search_fields = ["renja__opd__nama", "keterangan"]


@admin.register(IndikatorRencana)
class IndikatorRencanaAdmin(SimpleHistoryAdmin):
    list_display = ["baris", "nama", "target", "satuan", "target_maju"]
    search_fields = ["nama", "baris__kode", "baris__nama"]
    raw_id_fields = ["baris"]


@admin.register(BarisReview)
class BarisReviewAdmin(admin.ModelAdmin):
    list_display = ["tabel", "urutan", "level", "kode", "nama", "rkpd_pagu", "analisis_pagu"]
    list_filter = ["tabel", "level"]
    search_fields = ["kode", "nama", "catatan"]
