"""The Renja PDF comes from the one store of generated documents: rendered once per HTML, then its file."""

import pytest
from django.urls import reverse

from portal.models import BerkasDokumen
from portal.pdf import sidik
from renja.services import renja_html

RENJA = BerkasDokumen.Jenis.RENJA


@pytest.fixture
def pdf_renja(monkeypatch):
    dibuat = []
    monkeypatch.setattr("renja.services.html_to_pdf",
                        lambda html: dibuat.append(html) or f"%PDF-1.4 {sidik(html)}".encode())
    return dibuat


def test_a_renja_pdf_is_served_from_its_stored_file_while_its_input_is_unchanged(client, kantor, renja, pdf_renja):
    url = reverse("renja:pdf", args=[renja.pk])
    unduhan = []
    for role in ("perencana", "pimpinan", "operator"):
        client.force_login(getattr(kantor, role))
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        unduhan.append(response.content)
    assert len(pdf_renja) == 1 and unduhan[0] == unduhan[1] == unduhan[2]
    berkas = BerkasDokumen.objects.dokumen(jenis=RENJA, opd=renja.opd, tahun=2026).get(
        sidik_html=sidik(renja_html(renja)))
    assert berkas.siap and berkas.baca() == unduhan[0]

    bagian = renja.narasi.first()
    bagian.isi += "\n\nParagraf tambahan."
    bagian.save()
    berubah = client.get(url).content
    assert len(pdf_renja) == 2 and berubah != unduhan[0] and "Paragraf tambahan." in pdf_renja[1]


def test_a_renja_pdf_whose_file_is_gone_is_rendered_again(client, kantor, renja, pdf_renja):
    client.force_login(kantor.pimpinan)
    url = reverse("renja:pdf", args=[renja.pk])
    assert client.get(url).status_code == 200
    berkas = BerkasDokumen.objects.dokumen(jenis=RENJA, opd=renja.opd, tahun=2026).get(
        sidik_html=sidik(renja_html(renja)))
    berkas.berkas.storage.delete(berkas.berkas.name)
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert len(pdf_renja) == 2
