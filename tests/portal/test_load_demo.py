import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from portal.models import PerangkatDaerah, User


def test_the_demo_opd_is_found_by_kode_or_singkatan(demo):
    assert PerangkatDaerah.objects.by_kode_or_singkatan("DINSOS") == demo
    assert PerangkatDaerah.objects.by_kode_or_singkatan("dinsos") == demo
    assert PerangkatDaerah.objects.by_kode_or_singkatan("1.06.0.00.0.00.01.0000") == demo


@override_settings(DEBUG=True)
def test_demo_users_one_per_role_with_printed_passwords(demo):
    out = io.StringIO()
    call_command("load_demo", "--users", stdout=out)
    roles = set(User.objects.filter(username__in=["admin", "perencana", "operator", "pimpinan", "evaluator"])
                .values_list("role", flat=True))
    assert roles == {choice.value for choice in User.Role}
    assert "perencana" in out.getvalue() and "kata sandi" in out.getvalue()
    operator = User.objects.get(username="operator")
    assert operator.unit_kerja.opd == demo
    assert operator.check_password("Operator#2026")


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_demo_users_are_refused_on_a_production_setting():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", "--users", stdout=io.StringIO())
