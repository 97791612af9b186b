from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render


@login_required
def beranda(request):
    """The landing page: who the user is and where their work is."""
    return render(request, "portal/beranda.html", {"opd": request.user.opd})


def healthz(request):
    """Liveness for the container healthcheck: the process answers and the database too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
