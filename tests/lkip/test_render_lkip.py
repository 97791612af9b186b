"""manage.py render_lkip: finds the OPD by singkatan or kode and writes the PDF lkip_pdf returns."""

import io

import pytest
from django.core.management import CommandError, call_command

from lkip.management.commands import render_lkip
from lkip.models import Lkip


@pytest.fixture
def pdf_palsu(monkeypatch):
    dibuat = []

    def palsu(lkip):
        dibuat.append((lkip.opd.singkatan, lkip.tahun))
        return b"%PDF-1.7 palsu"

    monkeypatch.setattr(render_lkip, "lkip_pdf", palsu)
    return dibuat


@pytest.fixture
def lkip(kantor):
    return Lkip.objects.create(opd=kantor.opd, tahun=2023)


@pytest.mark.parametrize("kunci", ["singkatan", "kode"])
def test_render_lkip_writes_the_pdf_of_the_opd_given_by_singkatan_or_kode(lkip, pdf_palsu, tmp_path, kunci):
    out = tmp_path / "lkip.pdf"
    stdout = io.StringIO()
    opd = getattr(lkip.opd, kunci)
    call_command("render_lkip", "--opd", opd, "--tahun", "2023", "--out", str(out), stdout=stdout)
    assert out.read_bytes() == b"%PDF-1.7 palsu"
    assert pdf_palsu == [(lkip.opd.singkatan, 2023)]
    assert str(out) in stdout.getvalue()


def test_render_lkip_refuses_an_unknown_opd_or_a_year_without_lkip(lkip, pdf_palsu, tmp_path):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("render_lkip", "--opd", "TIDAKADA", "--tahun", "2023", "--out", str(tmp_path / "a.pdf"))
    with pytest.raises(CommandError, match="belum ada"):
        call_command("render_lkip", "--opd", lkip.opd.singkatan, "--tahun", "2019", "--out", str(tmp_path / "b.pdf"))
    assert pdf_palsu == []
