"""Spreadsheet imports read each row's code once: unknown and repeated codes are reported by row number."""

from portal.xlsx import HasilImpor, baris_berkode


def test_unknown_and_repeated_codes_are_reported_with_their_row_and_skipped():
    rows = [(2, {"Kode": " A "}), (3, {"Kode": "X"}), (4, {"Kode": "A"}), (5, {"Kode": None}), (6, {"Kode": "B"})]
    hasil = HasilImpor()
    dibaca = list(baris_berkode(rows, hasil, "Lembar1", "Kode", {"A": "rekam-a", "B": "rekam-b"},
                                "Kode '{kode}' tidak dikenal."))
    assert [(n, kode, rekam) for n, _, kode, rekam in dibaca] == [(2, "A", "rekam-a"), (6, "B", "rekam-b")]
    assert hasil.kesalahan == [
        ("Lembar1", 3, "Kode 'X' tidak dikenal."),
        ("Lembar1", 4, "Kode A muncul lebih dari sekali."),
        ("Lembar1", 5, "Kode '' tidak dikenal."),
    ]


def _buku(rows):
    from openpyxl import load_workbook

    from tests.xlsx import berkas_xlsx

    return load_workbook(berkas_xlsx("dpa.xlsx", [("DPA", ["Kode sub kegiatan", "Pagu murni"], rows)]), read_only=True)


def test_a_sheet_longer_than_the_limit_is_refused_without_reading_it_all(monkeypatch):
    from portal import xlsx

    monkeypatch.setattr(xlsx, "MAKS_BARIS_IMPOR", 50)
    hasil = HasilImpor()
    rows = xlsx.baca_sheet(_buku([["1.06.01", 1]] * 60), "DPA", ["Kode sub kegiatan"], hasil)
    assert rows == []
    assert hasil.kesalahan == [("DPA", 52, "Lembar 'DPA' lebih dari 50 baris; bagi menjadi beberapa berkas.")]


def test_only_the_first_hundred_errors_are_listed_and_the_rest_counted():
    from portal.xlsx import MAKS_KESALAHAN_DITAMPILKAN

    hasil = HasilImpor()
    rows = [(n, {"Kode": f"X{n}"}) for n in range(2, 2 + MAKS_KESALAHAN_DITAMPILKAN + 30)]
    assert list(baris_berkode(rows, hasil, "DPA", "Kode", {}, "tidak dikenal")) == []
    assert len(hasil.kesalahan) == MAKS_KESALAHAN_DITAMPILKAN
    assert hasil.kesalahan_lain == 30 and hasil.jumlah_kesalahan == MAKS_KESALAHAN_DITAMPILKAN + 30
    assert not hasil.sah
