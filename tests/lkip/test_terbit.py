"""The LKIP in the browser: publishing a frozen version, refused while the check finds problems, and downloading it.

A full render of the LKIP takes seconds, so html_to_pdf is replaced by a fake (tests/lkip/conftest.py)
that returns a small valid PDF per HTML and counts its calls."""

import hashlib

import pytest
from django.urls import reverse

from lkip import services
from lkip.models import BagianLkip, Lkip, VersiTerbit
from tests.lkip.bangun import isi_halaman, pesan_dari

pytestmark = pytest.mark.usefixtures("media")


def test_publishing_is_refused_while_the_check_finds_problems(perencana, kantor, pdf_palsu):
    kosong = Lkip.objects.create(opd=kantor.opd, tahun=2031)
    masalah = services.pemeriksaan(services.lkip_context(kosong))
    response = perencana.post(reverse("lkip:terbitkan", args=[kosong.pk]), follow=True)
    pesan = " ".join(pesan_dari(response))
    assert pesan.startswith("LKIP belum dapat diterbitkan:")
    for kalimat in masalah:
        assert kalimat in pesan
    assert not VersiTerbit.objects.filter(lkip=kosong).exists()
    assert pdf_palsu == []


def test_publishing_freezes_a_version_that_never_changes(perencana, lkip, kantor, pdf_palsu):
    response = perencana.post(reverse("lkip:terbitkan", args=[lkip.pk]), follow=True)
    versi = VersiTerbit.objects.get(lkip=lkip)
    data = versi.berkas.open("rb").read()
    assert versi.nomor == 1
    assert versi.sha256 == hashlib.sha256(data).hexdigest()
    assert versi.ukuran == len(data)
    assert versi.diterbitkan_oleh == kantor.perencana
    assert versi.sha256 in isi_halaman(response)
    assert f"versi 1 (SHA-256 {versi.sha256})" in " ".join(pesan_dari(response))

    versi.nomor = 9
    with pytest.raises(ValueError, match="tidak dapat diubah"):
        versi.save()
    with pytest.raises(ValueError, match="tidak dapat dihapus"):
        versi.delete()
    versi.refresh_from_db()
    assert versi.nomor == 1
    assert hashlib.sha256(versi.berkas.open("rb").read()).hexdigest() == versi.sha256

    # The same document published again is the same version; a changed one is version 2.
    perencana.post(reverse("lkip:terbitkan", args=[lkip.pk]))
    assert VersiTerbit.objects.filter(lkip=lkip).count() == 1
    BagianLkip.objects.filter(lkip=lkip, kunci="bab4_kesimpulan").update(markdown="Kesimpulan baru.")
    perencana.post(reverse("lkip:terbitkan", args=[lkip.pk]))
    assert list(VersiTerbit.objects.filter(lkip=lkip).values_list("nomor", flat=True)) == [2, 1]


def test_every_role_of_the_opd_downloads_a_published_version(client, kantor, lkip, pdf_palsu):
    versi = services.lkip_terbitkan(lkip=lkip, user=kantor.perencana)
    for role in ("operator", "pimpinan", "evaluator"):
        client.force_login(getattr(kantor, role))
        response = client.get(reverse("lkip:versi_pdf", args=[versi.pk]))
        assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == versi.sha256
    client.force_login(kantor.perencana_lain)
    assert client.get(reverse("lkip:versi_pdf", args=[versi.pk])).status_code == 404
