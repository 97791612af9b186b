"""Spreadsheet imports read each row's code once: unknown and repeated codes are reported by row number."""

from anggaran.services import HasilImpor, baris_berkode


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
