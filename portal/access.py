"""Who may see and change what. Every view scopes its queries through here.

Rules (DESIGN.md): an operator works on its unit's rows, a perencana on its
OPD, a pimpinan reads its OPD, an evaluator and an admin read every OPD.
An object of another OPD answers 404, not 403, so ids do not leak.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from portal.models import PerangkatDaerah, User

Role = User.Role


def opd_queryset(user):
    """The OPDs a user may read."""
    if user.sees_all_opd:
        return PerangkatDaerah.objects.all()
    return PerangkatDaerah.objects.filter(pk=user.opd_id)


def get_opd_for(user, pk=None):
    """The OPD a page is about: the user's own, or (readers of all OPDs) the one asked for."""
    if pk is None:
        if user.opd_id:
            return user.opd
        raise Http404("Pilih perangkat daerah.")
    return get_object_or_404(opd_queryset(user), pk=pk)


def scope_by_opd(queryset, user, opd_field="opd"):
    """Filter any queryset to the OPDs the user may read."""
    if user.sees_all_opd:
        return queryset
    return queryset.filter(**{opd_field: user.opd_id})


def get_scoped_or_404(queryset, user, opd_field="opd", **lookup):
    return get_object_or_404(scope_by_opd(queryset, user, opd_field), **lookup)


def can_edit_opd_data(user, opd):
    """Perencana of the OPD (and admins) maintain Renstra, PK, DPA, LKIP and Renja."""
    if user.is_superuser or user.role == Role.ADMIN:
        return True
    return user.role == Role.PERENCANA and user.opd_id == opd.pk


def can_enter_realisasi(user, opd, unit_kerja_id):
    """Operators enter their own unit's rows; the perencana may enter any row of its OPD."""
    if can_edit_opd_data(user, opd):
        return True
    return user.role == Role.OPERATOR and user.opd_id == opd.pk and user.unit_kerja_id == unit_kerja_id


def unit_operator(user):
    """The unit an operator is confined to; None for every other role (they see the whole OPD)."""
    return user.unit_kerja_id if user.role == Role.OPERATOR else None


def hanya_unit_sendiri(user, unit_kerja_id, pesan="Data tidak ditemukan."):
    """An operator's scope is its unit: another unit's row answers 404, as another OPD's does."""
    unit = unit_operator(user)
    if unit is not None and unit != unit_kerja_id:
        raise Http404(pesan)


def role_required(*roles):
    """Login required, and one of `roles` (admins and superusers always pass)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            user = request.user
            if user.is_superuser or user.role == Role.ADMIN or user.role in roles:
                return view(request, *args, **kwargs)
            raise PermissionDenied("Peran Anda tidak berwenang membuka halaman ini.")

        return wrapper

    return decorator
