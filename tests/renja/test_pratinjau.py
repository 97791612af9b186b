"""The Renja preview: its queries, the narrative through the sanitiser, the Permendagri 86 bands,
the consistency check, and the render command."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from renja.models import BagianNarasi, BarisRencana, IndikatorRencana
from renja.tabel import kategori_realisasi, tingkat_realisasi


def test_the_preview_query_count_does_not_grow_with_rows(client, users, renja_demo, django_assert_num_queries):
    """On the demo: 28 is the count of the whole seed document (Renstra IKU, realisasi n-2, every table)."""
    renja = renja_demo
    client.force_login(users["perencana"])
    url = reverse("renja:detail", args=[renja.pk])
    client.get(url)
    with django_assert_num_queries(28) as first:
        client.get(url)
    program = BarisRencana.objects.filter(renja=renja, level="program").first()
    kegiatan = BarisRencana.objects.create(renja=renja, induk=program, level="kegiatan", nama="Baru", urutan=15)
    for i in range(5):
        sub = BarisRencana.objects.create(renja=renja, induk=kegiatan, level="sub_kegiatan", nama=f"Sub {i}",
                                          urutan=16 + i, pagu=D(1000))
        IndikatorRencana.objects.create(baris=sub, nama=f"Indikator {i}", target="10", satuan="Orang")
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(url)


def test_the_narrative_never_passes_html_through(client, kantor, renja):
    bagian = BagianNarasi.objects.get(renja=renja, kunci="bab5_penutup")
    bagian.isi = "Teks **tebal** <img src=file:///etc/passwd><script>alert(1)</script>"
    bagian.save()
    client.force_login(kantor.pimpinan)
    html = client.get(reverse("renja:detail", args=[renja.pk])).content.decode()
    assert "<strong>tebal</strong>" in html
    assert "<img src=file" not in html and "<script>alert" not in html


def test_the_narrative_preview_renders_markdown_through_the_sanitiser(client, kantor):
    client.force_login(kantor.perencana)
    url = reverse("renja:pratinjau_narasi")
    assert client.get(url).status_code == 405
    html = client.post(url, {"isi": "Teks **tebal** <script>alert(1)</script>"}).content.decode()
    assert "<strong>tebal</strong>" in html
    assert "<script" not in html
    assert "Kosong" in client.post(url, {"isi": ""}).content.decode()


@pytest.mark.parametrize(("persen", "kategori"), [
    ("100", "Sangat Tinggi"), ("242.83", "Sangat Tinggi"), ("91", "Sangat Tinggi"), ("90.99", "Tinggi"),
    ("76", "Tinggi"), ("75.994", "Sedang"), ("66", "Sedang"), ("65", "Rendah"), ("51", "Rendah"),
    ("50.999", "Rendah"), ("50", "Sangat Rendah"), ("0", "Sangat Rendah"),
])
def test_the_permendagri_86_band_of_a_tingkat_realisasi(persen, kategori):
    assert kategori_realisasi(D(persen)) == kategori


def test_tingkat_realisasi_is_exact_and_blank_when_unknown():
    assert tingkat_realisasi(D("6266"), D("15216")).quantize(D("0.01")) == D("242.83")
    assert tingkat_realisasi(None, D(5)) is None
    assert tingkat_realisasi(D(0), D(5)) is None
    assert kategori_realisasi(None) is None


def test_the_demo_renja_says_its_codes_are_not_linked_yet(renja_demo):
    from renja.pemeriksaan import pemeriksaan

    assert any("Versi nomenklatur Renja belum ditetapkan" in t.pesan for t in pemeriksaan(renja_demo))


def test_render_renja_refuses_an_unknown_opd_or_year(kantor):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("render_renja", opd="TIDAKADA", tahun=2026, out="/tmp/x.pdf")
    with pytest.raises(CommandError, match="belum ada"):
        call_command("render_renja", opd=kantor.opd.singkatan, tahun=2031, out="/tmp/x.pdf")
