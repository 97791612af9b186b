from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render

from portal.models import User


def healthz(request):
    """Liveness for the container healthcheck: the process answers and the database too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_required
def akun(request):
    """The user's own account: who they are, and whether the daily reminder mail comes."""
    user = request.user
    if request.method == "POST":
        # One boolean of one's own account: the last click wins, and there is nothing to merge.
        terima = request.POST.get("terima_pengingat") == "1"
        User.objects.filter(pk=user.pk).update(terima_pengingat=terima)
        messages.success(request, "Pengingat lewat email " + ("diaktifkan." if terima else "dimatikan."))
        return redirect("akun")
    return render(request, "registration/akun.html", {"akun": user})
