"""The admin enters a later regulation's worksheet; the evaluation records themselves are read there only."""

import pytest
from django.urls import reverse

from evaluasi import services
from evaluasi.models import KomponenLke, Lke, SubKomponenLke


@pytest.mark.parametrize("model", ["lke", "komponenlke", "subkomponenlke", "skalajawaban", "penilaianlke",
                                   "jawabanlke", "tindaklanjut", "respondenskm"])
def test_every_evaluation_admin_page_opens(client, kantor, model):
    services.penilaian_mulai(opd=kantor.opd, tahun=2025, user=kantor.perencana)
    client.force_login(kantor.admin)
    assert client.get(reverse(f"admin:evaluasi_{model}_changelist")).status_code == 200


def test_the_worksheet_of_88_2021_opens_for_editing(client, kantor):
    client.force_login(kantor.admin)
    lke = Lke.objects.get(kode="permenpanrb-88-2021")
    assert client.get(reverse("admin:evaluasi_lke_change", args=[lke.pk])).status_code == 200
    sub = SubKomponenLke.objects.filter(komponen__lke=lke).first()
    assert client.get(reverse("admin:evaluasi_subkomponenlke_change", args=[sub.pk])).status_code == 200
    assert KomponenLke.objects.filter(lke=lke).count() == 4
