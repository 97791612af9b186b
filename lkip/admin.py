from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from lkip.models import AnalisisIku, BagianLkip, BerkasLkip, Lkip, VersiTerbit


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
class LkipAdmin(SimpleHistoryAdmin):
    list_display = ["opd", "tahun", "penandatangan_nama", "versi"]
    list_filter = ["tahun", "opd"]
    search_fields = ["opd__nama", "opd__singkatan", "penandatangan_nama"]
    readonly_fields = ["versi"]
    inlines = [BagianLkipInline, VersiTerbitInline]


@admin.register(BagianLkip)
class BagianLkipAdmin(SimpleHistoryAdmin):
    list_display = ["lkip", "kunci", "judul", "versi"]
    list_filter = ["kunci", "lkip__tahun", "lkip__opd"]
    search_fields = ["judul", "markdown", "lkip__opd__singkatan"]
    list_select_related = ["lkip__opd"]
    readonly_fields = ["versi"]


@admin.register(AnalisisIku)
class AnalisisIkuAdmin(SimpleHistoryAdmin):
    list_display = ["lkip", "indikator", "versi"]
    list_filter = ["lkip__tahun", "lkip__opd"]
    search_fields = ["indikator__nama", "uraian", "faktor", "solusi", "langkah"]
    list_select_related = ["lkip__opd", "indikator"]
    raw_id_fields = ["indikator"]
    readonly_fields = ["versi"]


@admin.register(BerkasLkip)
class BerkasLkipAdmin(admin.ModelAdmin):
    """Rendered files are a cache keyed by the HTML hash: readable, deletable, never edited by hand."""

    list_display = ["lkip", "sidik_html", "status", "detik", "dibuat_pada", "selesai_pada"]
    list_filter = ["status", "lkip__tahun", "lkip__opd"]
    search_fields = ["sidik_html", "lkip__opd__singkatan"]
    list_select_related = ["lkip__opd"]
    readonly_fields = ["lkip", "sidik_html", "status", "berkas", "pesan", "detik", "dibuat_pada", "selesai_pada"]

    def has_add_permission(self, request):
        return False


@admin.register(VersiTerbit)
class VersiTerbitAdmin(admin.ModelAdmin):
    """A published version never changes (the model refuses it too): read-only here."""

    list_display = ["lkip", "nomor", "sha256", "ukuran", "diterbitkan_oleh", "diterbitkan_pada"]
    list_filter = ["lkip__tahun", "lkip__opd"]
    search_fields = ["sha256", "lkip__opd__nama", "lkip__opd__singkatan"]
    list_select_related = ["lkip__opd", "diterbitkan_oleh"]
    readonly_fields = ["lkip", "nomor", "berkas", "sha256", "ukuran", "diterbitkan_oleh", "diterbitkan_pada"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
