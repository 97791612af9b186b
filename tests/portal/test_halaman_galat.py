"""Error pages speak Indonesian and keep the portal's frame."""

import pytest
from django.test import override_settings


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_a_missing_page_answers_404_in_indonesian(client, kantor):
    client.force_login(kantor.perencana)
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


@pytest.mark.django_db
def test_a_forbidden_page_answers_403_in_indonesian(client, kantor):
    from django.urls import reverse


    sasaran = kantor.sasaran
    client.force_login(kantor.operator)  # reads the Renstra, may not edit it
    response = client.get(reverse("indikator:sasaran_ubah", args=[sasaran.pk]))
    assert response.status_code == 403
    assert "Akses ditolak" in response.content.decode()


def test_the_server_error_page_renders_without_a_request():
    from django.template.loader import render_to_string

    assert "Terjadi kesalahan pada server" in render_to_string("500.html")
