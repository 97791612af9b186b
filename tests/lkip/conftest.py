import hashlib

import pytest

from tests.lkip.bangun import pdf_kecil


@pytest.fixture
def media(settings, tmp_path):
    """Rendered and published PDFs go to a directory of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def pdf_palsu(monkeypatch):
    """Replace the renderer; the list holds the HTML of every call."""
    panggilan = []

    def palsu(html):
        panggilan.append(html)
        return pdf_kecil(hashlib.sha256(html.encode()).hexdigest())

    monkeypatch.setattr("lkip.services.html_to_pdf", palsu)
    monkeypatch.setattr("portal.pdf.html_to_pdf", palsu)
    return panggilan


@pytest.fixture
def lkip(kantor):
    """The office's LKIP, ready to publish (tests/lkip/bangun.py); the seed-figure tests use the demo's."""
    from tests.lkip.bangun import lkip_uji

    return lkip_uji(kantor)


@pytest.fixture
def perencana(client, kantor):
    """A client signed in as the office's perencana."""
    client.force_login(kantor.perencana)
    return client


@pytest.fixture
def versi(lkip, kantor, pdf_palsu):
    """Version 1 of the office's LKIP, published."""
    from lkip import services

    return services.lkip_terbitkan(lkip=lkip, user=kantor.perencana)
