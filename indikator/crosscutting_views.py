"""The crosscutting page: who contributes to the OPD's indicators, and where other OPDs depend on it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from indikator import jenjang
from indikator.forms import CrosscuttingForm
from indikator.models import Crosscutting
from portal.access import can_edit_opd_data, get_opd_for
from portal.models import EditConflict


@login_required
def crosscutting(request, opd):
    """Crosscutting of an OPD; its perencana names the partners and what each contributes."""
    opd = get_opd_for(request.user, opd)
    boleh = can_edit_opd_data(request.user, opd)
    here = reverse("indikator:crosscutting", kwargs={"opd": opd.pk})
    form = CrosscuttingForm(request.POST or None, opd=opd) if boleh else None
    if request.method == "POST":
        if not boleh:
            raise PermissionDenied("Hanya perencana perangkat daerah yang mencatat crosscutting.")
        if request.POST.get("aksi") == "hapus":
            get_object_or_404(Crosscutting, indikator__opd=opd, pk=request.POST.get("id") or 0).delete()
            messages.success(request, "Crosscutting dihapus.")
            return redirect(here)
        if form.is_valid():
            item = form.save(commit=False)
            try:
                item.full_clean()
                item.simpan_atau_buat(form.cleaned_data["versi"])
            except EditConflict as exc:
                messages.error(request, exc.message)
                return redirect(here)
            except ValidationError as exc:  # the model's own rule (one partner, another OPD)
                messages.error(request, " ".join(exc.messages))
                return redirect(here)
            messages.success(request, f"Kontribusi {item.mitra} tersimpan.")
            return redirect(here)
    masuk, keluar = jenjang.crosscutting_opd(opd)
    return render(request, "indikator/crosscutting.html", {
        "opd": opd, "masuk": masuk, "keluar": keluar, "form": form, "boleh": boleh,
    }, status=422 if request.method == "POST" else 200)
