"""The Django admin shows every model of the portal, searchable, on the demo data."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from portal.models import User

APPS = ["portal", "anggaran", "indikator", "renja", "lkip"]


def _models():
    return [
        m for m in apps.get_models()
        if m._meta.app_label in APPS and not m.__name__.startswith("Historical")
    ]


def test_every_model_of_the_portal_is_in_the_admin():
    missing = [m._meta.label for m in _models() if m not in admin.site._registry]
    assert missing == []


@pytest.fixture
def admin_client(client, demo):
    user = User.objects.create_superuser("t-admin-situs", "admin@example.org", "x")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", sorted((m for m in admin.site._registry if m._meta.app_label in APPS),
                                          key=lambda m: m._meta.label), ids=lambda m: m._meta.label)
def test_changelist_and_search_answer_with_the_demo_data(admin_client, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert admin_client.get(url).status_code == 200
    if admin.site._registry[model].search_fields:
        assert admin_client.get(url, {"q": "1.06"}).status_code == 200
