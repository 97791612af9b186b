from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.http import HttpResponseRedirect
from simple_history.admin import SimpleHistoryAdmin

from portal.jendela import jendela_simpan
from portal.models import (
    AksiDitolak,
    BerkasDokumen,
    EditConflict,
    JendelaInput,
    KirimanForm,
    PerangkatDaerah,
    PermintaanJendela,
    UnitKerja,
    User,
)
from portal.teks import TeksAmanMixin

admin.site.site_header = "Portal SAKIP — Administrasi"
admin.site.site_title = "Portal SAKIP"
admin.site.index_title = "Administrasi data"


class BerversiForm(TeksAmanMixin, forms.ModelForm):
    """An admin form that carries the version its record was read at."""

    versi_dibaca = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["versi_dibaca"] = self.instance.versi


class BerversiAdmin(SimpleHistoryAdmin):
    """The admin of a Versioned record: a change goes through the record's own save, under its lock.

    The form carries the version it was opened at; a save after someone else's
    is refused with the portal's message, not applied over it. Subclasses whose
    record has a workflow of its own override `simpan`.
    """

    form = BerversiForm

    def save_model(self, request, obj, form, change):
        obj._change_reason = "Admin"
        self.simpan(request, obj, form)

    def simpan(self, request, obj, form):
        obj.simpan_atau_buat(form.cleaned_data.get("versi_dibaca") if obj.pk else None)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The admin saves inside a transaction: a refused change rolls it back
        # whole, and the user gets the reason instead of an error page.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (EditConflict, AksiDitolak) as exc:
            messages.error(request, exc.message)
            return HttpResponseRedirect(request.get_full_path())


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
class JendelaInputAdmin(BerversiAdmin):
    """Windows for every OPD (and any OPD's own); saved like the window page saves, under the window's lock.

    No list_editable: a change from the list would carry no version and could
    undo a perencana's change made meanwhile.
    """

    list_display = ["tahun", "triwulan", "opd", "dibuka", "mulai", "selesai", "ditutup_pada"]
    list_filter = ["tahun", "triwulan", "dibuka"]
    list_select_related = ["opd"]

    def simpan(self, request, obj, form):
        jendela_simpan(jendela=obj, versi=form.cleaned_data.get("versi_dibaca") if obj.pk else None,
                       user=request.user, alasan="Admin")


@admin.register(PermintaanJendela)
class PermintaanJendelaAdmin(SimpleHistoryAdmin):
    """Read only: a request is answered on the window page, where the answer opens the triwulan."""

    list_display = ["diminta_pada", "opd", "unit_kerja", "tahun", "triwulan", "status", "dijawab_oleh"]
    list_filter = ["status", "tahun", "triwulan", "opd"]
    list_select_related = ["opd", "unit_kerja", "dijawab_oleh"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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


@admin.register(BerkasDokumen)
class BerkasDokumenAdmin(admin.ModelAdmin):
    """Generated files are a cache keyed by their HTML's hash: readable, deletable, never edited by hand."""

    list_display = ["jenis", "opd", "tahun", "format", "sidik_html", "status", "detik", "dibuat_pada", "selesai_pada"]
    list_filter = ["jenis", "format", "status", "tahun", "opd"]
    search_fields = ["sidik_html", "opd__singkatan", "opd__nama"]
    list_select_related = ["opd"]
    fields = readonly_fields = ["jenis", "opd", "tahun", "format", "sidik_html", "status", "berkas", "pesan", "detik",
                                "dibuat_pada", "selesai_pada"]

    def has_add_permission(self, request):
        return False
