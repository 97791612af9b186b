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
from portal.admin import BerversiAdmin
from portal.angka import format_angka


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


class TriwulanDibacaSaja:
    """A line's quarters change only under the line's lock (DpaSubKegiatan.simpan_triwulan), on the DPA
    page of the portal or by import; the admin reads them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AnggaranKasInline(TriwulanDibacaSaja, admin.TabularInline):
    model = AnggaranKas
    extra = 0


class RealisasiAnggaranInline(TriwulanDibacaSaja, admin.TabularInline):
    model = RealisasiAnggaran
    extra = 0


class ProgramFilter(admin.SimpleListFilter):
    """Programs by full code and nomenclature year: the same name exists in several versions."""

    title = "program"
    parameter_name = "program"

    def lookups(self, request, model_admin):
        programs = Program.objects.select_related("bidang__urusan__versi").order_by(
            "bidang__urusan__versi__tahun_mulai", "kode_lengkap"
        )
        return [(p.pk, f"{p.kode_lengkap} {p.nama} (nomenklatur {p.bidang.urusan.versi.tahun_mulai})")
                for p in programs]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(sub_kegiatan__kegiatan__program_id=self.value())
        return queryset


def rupiah_column(field, label):
    @admin.display(description=label, ordering=field)
    def column(self, obj):
        return format_angka(getattr(obj, field), places=0)

    return column


@admin.register(DpaSubKegiatan)
class DpaSubKegiatanAdmin(BerversiAdmin):
    list_display = ["kode", "sub_kegiatan_nama", "tahun", "murni", "perubahan", "opd"]
    list_filter = ["tahun", "opd", ProgramFilter]
    search_fields = ["sub_kegiatan__kode_lengkap", "sub_kegiatan__nama", "sub_kegiatan__kode_lama"]
    list_select_related = ["sub_kegiatan", "opd"]
    autocomplete_fields = ["sub_kegiatan"]
    inlines = [AnggaranKasInline, RealisasiAnggaranInline]

    murni = rupiah_column("pagu_murni", "pagu murni (Rp)")
    perubahan = rupiah_column("pagu_perubahan", "pagu perubahan (Rp)")

    @admin.display(description="kode", ordering="sub_kegiatan__kode_lengkap")
    def kode(self, obj):
        return obj.sub_kegiatan.kode_lengkap

    @admin.display(description="sub kegiatan", ordering="sub_kegiatan__nama")
    def sub_kegiatan_nama(self, obj):
        return obj.sub_kegiatan.nama


@admin.register(AnggaranAgregat)
class AnggaranAgregatAdmin(SimpleHistoryAdmin):
    list_display = ["tahun", "opd", "program", "murni", "perubahan", "realisasi_rp"]
    murni = rupiah_column("pagu_murni", "pagu murni (Rp)")
    perubahan = rupiah_column("pagu_perubahan", "pagu perubahan (Rp)")
    realisasi_rp = rupiah_column("realisasi", "realisasi (Rp)")
    list_filter = ["tahun", "opd"]
    search_fields = ["program__kode_lengkap", "program__nama", "catatan"]
    list_select_related = ["opd", "program"]


class PerTriwulanAdmin(TriwulanDibacaSaja, SimpleHistoryAdmin):
    """A quarter of a DPA line on its own: found by the sub-kegiatan code, filtered by year and OPD."""

    list_display = ["kode", "tahun", "triwulan", "jumlah_rp", "opd"]
    list_filter = ["triwulan", "dpa__tahun", "dpa__opd"]
    search_fields = ["dpa__sub_kegiatan__kode_lengkap", "dpa__sub_kegiatan__nama"]
    list_select_related = ["dpa__sub_kegiatan", "dpa__opd"]
    raw_id_fields = ["dpa"]
    jumlah_rp = rupiah_column("jumlah", "jumlah (Rp)")

    @admin.display(description="kode", ordering="dpa__sub_kegiatan__kode_lengkap")
    def kode(self, obj):
        return obj.dpa.sub_kegiatan.kode_lengkap

    @admin.display(description="tahun", ordering="dpa__tahun")
    def tahun(self, obj):
        return obj.dpa.tahun

    @admin.display(description="perangkat daerah", ordering="dpa__opd__singkatan")
    def opd(self, obj):
        return obj.dpa.opd.singkatan


@admin.register(AnggaranKas)
class AnggaranKasAdmin(PerTriwulanAdmin):
    pass


@admin.register(RealisasiAnggaran)
class RealisasiAnggaranAdmin(PerTriwulanAdmin):
    pass
