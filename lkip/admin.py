from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from lkip.models import AnalisisIku, BagianLkip, Lkip, PembuatanKota, PembuatanKotaItem, VersiTerbit

# The foreign keys of the models carry no verbose_name ("Opd", "Lkip" in the admin); label them here.
LABEL = {"opd": "Perangkat daerah", "lkip": "LKIP", "indikator": "Indikator"}


class LabelMixin:
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name in LABEL:
            field.label = LABEL[db_field.name]
        return field


class SaringPerangkatDaerah(admin.RelatedFieldListFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = "perangkat daerah"


@admin.display(description="LKIP", ordering="lkip__opd__singkatan")
def dokumen_lkip(obj):
    return str(obj.lkip)


@admin.display(description="perangkat daerah", ordering="opd__nama")
def perangkat_daerah(obj):
    return obj.opd.nama


class BagianLkipInline(admin.TabularInline):
    model = BagianLkip
    extra = 0
    fields = ["kunci", "judul"]
    readonly_fields = ["kunci"]
    show_change_link = True


class VersiTerbitInline(admin.TabularInline):
    model = VersiTerbit
    extra = 0
    fields = ["nomor", "sha256", "ukuran", "diterbitkan_oleh", "diterbitkan_pada"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Lkip)
class LkipAdmin(LabelMixin, SimpleHistoryAdmin):
    list_display = [perangkat_daerah, "tahun", "penandatangan_nama", "versi"]
    list_filter = ["tahun", ("opd", SaringPerangkatDaerah)]
    search_fields = ["opd__nama", "opd__singkatan", "penandatangan_nama"]
    readonly_fields = ["versi"]
    inlines = [BagianLkipInline, VersiTerbitInline]


@admin.register(BagianLkip)
class BagianLkipAdmin(LabelMixin, SimpleHistoryAdmin):
    list_display = [dokumen_lkip, "kunci", "judul", "versi"]
    list_filter = ["kunci", "lkip__tahun", ("lkip__opd", SaringPerangkatDaerah)]
    search_fields = ["judul", "markdown", "lkip__opd__singkatan"]
    list_select_related = ["lkip__opd"]
    readonly_fields = ["versi"]


@admin.register(AnalisisIku)
class AnalisisIkuAdmin(LabelMixin, SimpleHistoryAdmin):
    list_display = [dokumen_lkip, "indikator", "versi"]
    list_filter = ["lkip__tahun", ("lkip__opd", SaringPerangkatDaerah)]
    search_fields = ["indikator__nama", "uraian", "faktor", "solusi", "langkah"]
    list_select_related = ["lkip__opd", "indikator"]
    raw_id_fields = ["indikator"]
    readonly_fields = ["versi"]


@admin.register(VersiTerbit)
class VersiTerbitAdmin(admin.ModelAdmin):
    """A published version never changes (the model refuses it too): read-only here."""

    list_display = [dokumen_lkip, "nomor", "sha256", "ukuran", "diterbitkan_oleh", "diterbitkan_pada"]
    list_filter = ["lkip__tahun", ("lkip__opd", SaringPerangkatDaerah)]
    search_fields = ["sha256", "lkip__opd__nama", "lkip__opd__singkatan"]
    list_select_related = ["lkip__opd", "diterbitkan_oleh"]
    fields = readonly_fields = [dokumen_lkip, "nomor", "berkas", "sha256", "ukuran", "diterbitkan_oleh",
                                "diterbitkan_pada"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PembuatanKotaItemInline(admin.TabularInline):
    model = PembuatanKotaItem
    fields = ["lkip", "status", "detik", "pesan"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(PembuatanKota)
class PembuatanKotaAdmin(admin.ModelAdmin):
    """Read-only: a run is started from "LKIP semua perangkat daerah" (lkip.kota), where it is followed."""

    list_display = ["tahun", "dibuat_pada", "dibuat_oleh"]
    readonly_fields = ["tahun", "dibuat_oleh", "dibuat_pada"]
    inlines = [PembuatanKotaItemInline]

    def has_add_permission(self, request):
        return False


@admin.register(PembuatanKotaItem)
class PembuatanKotaItemAdmin(admin.ModelAdmin):
    list_display = ["lkip", "status", "detik", "pembuatan"]
    list_filter = ["status"]
    search_fields = ["lkip__opd__nama", "pesan"]
    readonly_fields = ["pembuatan", "lkip", "status", "pesan", "berkas", "detik"]

    def has_add_permission(self, request):
        return False
