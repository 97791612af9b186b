"""Security headers and failure pages: a strict CSP everywhere, no caching of signed-in pages,
an Indonesian lockout and CSRF page, and the client address behind the reverse proxy."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from portal.angka import format_durasi

ROOT = Path(__file__).resolve().parents[2]


def _csp(response):
    return dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if part.strip())


@pytest.mark.django_db
def test_every_page_carries_a_strict_content_security_policy(client, kantor):
    for response in (client.get(reverse("login")), ):
        csp = _csp(response)
        assert csp["default-src"] == "'self'"
        assert csp["script-src"] == "'self'" and csp["style-src"] == "'self'"
        assert csp["object-src"] == "'none'" and csp["frame-ancestors"] == "'none'"
        assert "unsafe" not in response["Content-Security-Policy"]
    client.force_login(kantor.perencana)
    response = client.get(reverse("beranda"))
    assert response.status_code == 200
    assert _csp(response)["script-src"] == "'self'"


@pytest.mark.django_db
def test_signed_in_pages_and_downloads_are_not_cached(client, kantor):
    client.force_login(kantor.perencana)
    for url in (reverse("beranda"), reverse("renja:indeks") + "?format=xlsx"):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_an_anonymous_page_is_not_marked_private_by_the_middleware(client):
    response = client.get(reverse("healthz"))
    assert "no-store" not in response.get("Cache-Control", "")


def test_no_template_or_script_needs_inline_code_or_style():
    """What the CSP would block: inline <script>, on*= handlers, style= attributes and <style> on screen pages."""
    masalah = []
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        nama = path.relative_to(ROOT).as_posix()
        if re.search(r"\son[a-z]+\s*=", text):
            masalah.append(f"{nama}: on*= handler")
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and 'type="application/json"' not in tag:
                masalah.append(f"{nama}: inline <script>")
        if nama.startswith("templates/print/") or nama.endswith("print.html"):
            continue  # rendered by WeasyPrint only, never served to a browser
        if re.search(r"\sstyle\s*=", text) or "<style" in text.replace("<style> of its own", ""):
            masalah.append(f"{nama}: inline style")
    assert masalah == []


@pytest.mark.django_db
def test_the_lockout_says_when_to_try_again_in_words(client, kantor):
    operator = kantor.operator
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        response = client.post(reverse("login"), {"username": operator.username, "password": "salah"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "coba lagi 30 menit lagi" in page
    assert "PT30M" not in page


@pytest.mark.parametrize(("delta", "teks"), [
    (timedelta(minutes=30), "30 menit"), (timedelta(hours=1), "1 jam"), (timedelta(minutes=90), "1 jam 30 menit"),
    (timedelta(days=2), "2 hari"), (timedelta(seconds=20), "1 menit"), (timedelta(minutes=59, seconds=30), "1 jam"),
])
def test_a_cool_off_is_said_as_people_say_it(delta, teks):
    assert format_durasi(delta) == teks


def test_the_plain_lockout_message_follows_the_cool_off_setting():
    assert "coba lagi 30 menit lagi" in settings.AXES_COOLOFF_MESSAGE


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_a_csrf_failure_is_explained_in_indonesian_even_under_debug(kantor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(kantor.perencana)
    response = client.post(reverse("logout"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Formulir tidak dapat diterima" in page
    assert "CSRF verification failed" not in page and "Help" not in page


@pytest.mark.django_db
def test_behind_the_proxy_the_lockout_counts_the_clients_address(rf, settings):
    from axes.helpers import get_client_ip_address

    request = rf.post("/masuk/", REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR="203.0.113.9")
    # Without a trusted proxy (the default) the header is anyone's to type: only the socket counts.
    assert get_client_ip_address(request) == "172.18.0.5"
    # As compose runs it: nginx replaces X-Forwarded-For with the address it saw.
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    settings.AXES_IPWARE_PROXY_ORDER = "right-most"
    settings.AXES_IPWARE_PROXY_COUNT = 0
    assert get_client_ip_address(request) == "203.0.113.9"
    # A request that did not come through nginx (inside the compose network) keeps its own address.
    assert get_client_ip_address(rf.post("/masuk/", REMOTE_ADDR="172.18.0.7")) == "172.18.0.7"
