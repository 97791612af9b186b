from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from portal.models import JendelaInput, KirimanForm, PerangkatDaerah, UnitKerja, User

admin.site.site_header = "Portal SAKIP — Administrasi"
admin.site.site_title = "Portal SAKIP"
admin.site.index_title = "Administrasi data"


class UnitKerjaInline(admin.TabularInline):
    model = UnitKerja
    extra = 0
    fields = ["nama", "jenis", "induk", "urutan"]


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(SimpleHistoryAdmin):
    list_display = ["kode", "nama", "singkatan", "kepala_nama"]
    search_fields = ["kode", "nama", "singkatan", "kepala_nama"]
    inlines = [UnitKerjaInline]


@admin.register(UnitKerja)
class UnitKerjaAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "jenis", "induk", "opd"]
    list_filter = ["jenis", "opd"]
    search_fields = ["nama"]
    list_select_related = ["opd", "induk"]


@admin.register(User)
class PenggunaAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "opd", "unit_kerja", "is_active"]
    list_filter = ["role", "opd", "is_active"]
    search_fields = ["username", "first_name", "last_name", "email", "nip"]
    list_select_related = ["opd", "unit_kerja"]
    fieldsets = UserAdmin.fieldsets + (
        ("Peran di Portal SAKIP", {"fields": ["role", "opd", "unit_kerja", "nip"]}),
    )
    add_fieldsets = UserAdmin.add_fieldsets + (
        ("Peran di Portal SAKIP", {"fields": ["role", "opd", "unit_kerja"]}),
    )


@admin.register(JendelaInput)
class JendelaInputAdmin(SimpleHistoryAdmin):
    list_display = ["tahun", "triwulan", "opd", "dibuka", "mulai", "selesai"]
    list_filter = ["tahun", "triwulan", "dibuka"]
    list_editable = ["dibuka"]


@admin.register(KirimanForm)
class KirimanFormAdmin(admin.ModelAdmin):
    """Claimed one-time form tokens: read-only, for tracing a double submit; old ones go by themselves."""

    list_display = ["dibuat", "pengguna", "tujuan"]
    list_select_related = ["pengguna"]
    search_fields = ["pengguna__username", "tujuan"]
    readonly_fields = ["token", "pengguna", "dibuat", "tujuan"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
