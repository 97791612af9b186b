"""Login, logout, password change, and the lockout after repeated failed logins (django-axes)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

SANDI = "rahasia-123"  # the factories' password


@pytest.fixture
def operator(users):
    return users["operator"]


def _masuk(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(reverse("beranda"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_a_user_logs_in_lands_on_the_home_page_and_logs_out(client, operator):
    response = _masuk(client, operator.username, SANDI)
    assert response.status_code == 302
    assert response["Location"] == reverse("beranda")
    assert "Tugas saya" in client.get(reverse("beranda")).content.decode()

    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert client.get(reverse("beranda")).status_code == 302


@pytest.mark.django_db
def test_a_wrong_password_is_told_in_indonesian(client, operator):
    response = _masuk(client, operator.username, "salah")
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah." in response.content.decode()


@pytest.mark.django_db
def test_the_password_is_changed_and_the_old_one_stops_working(client, operator):
    client.force_login(operator)
    page = client.get(reverse("password_change")).content.decode()
    assert "Ubah kata sandi" in page
    response = client.post(reverse("password_change"), {
        "old_password": SANDI, "new_password1": "Sandi-Baru#2026", "new_password2": "Sandi-Baru#2026"})
    assert response["Location"] == reverse("password_change_done")
    client.post(reverse("logout"))
    assert _masuk(client, operator.username, SANDI).status_code == 200
    assert _masuk(client, operator.username, "Sandi-Baru#2026").status_code == 302


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account_for_the_cool_off(client, operator):
    from axes.models import AccessAttempt

    for _ in range(settings.AXES_FAILURE_LIMIT):
        _masuk(client, operator.username, "salah")
    # Locked: even the right password now shows the lockout page, not the home page.
    response = _masuk(client, operator.username, SANDI)
    assert response.status_code == 429
    assert "Akun terkunci sementara" in response.content.decode()
    assert settings.AXES_COOLOFF_TIME > 0, "the lock must end by itself after a cool-off"

    # After the cool-off the attempts are forgotten and the right password works again.
    cooloff = timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)
    AccessAttempt.objects.update(attempt_time=timezone.now() - cooloff)
    assert _masuk(client, operator.username, SANDI).status_code == 302


@pytest.mark.django_db
def test_one_failure_less_than_the_limit_does_not_lock(client, operator):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _masuk(client, operator.username, "salah")
    assert _masuk(client, operator.username, SANDI).status_code == 302
