"""Spreadsheet imports read each row's code once: unknown and repeated codes are reported by row number."""

import re

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


def _buku_rumus(rows, ganti=()):
    """A workbook as a program that does not calculate writes it: openpyxl stores formulas with no value.

    `ganti` rewrites the sheet XML, to give a formula the cached value Excel would have stored.
    """
    import io
    import zipfile

    from openpyxl import Workbook, load_workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "DPA"
    sheet.append(["Kode sub kegiatan", "Pagu murni", "Catatan"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    if ganti:
        source, target = zipfile.ZipFile(buffer), io.BytesIO()
        with zipfile.ZipFile(target, "w") as out:
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    # An empty value is "<v></v>" with lxml installed, "<v />" without.
                    data = re.sub(rb"<v\s*/>|<v></v>", b"<v />", data)
                    for old, new in ganti:
                        assert old.encode() in data
                        data = data.replace(old.encode(), new.encode())
                out.writestr(item, data)
        buffer = target
    buffer.seek(0)
    return load_workbook(buffer, read_only=True, data_only=True)


def test_openpyxl_gives_a_formula_without_a_stored_value_as_an_empty_cell():
    # Why baca_sheet reads the XML: in data_only mode the value is None, like a blank.
    sheet = _buku_rumus([["1.06.01", "=1000+500", "x"]])["DPA"]
    assert list(sheet.iter_rows(min_row=2, values_only=True)) == [("1.06.01", None, "x")]


def test_a_formula_without_a_stored_value_is_an_error_for_its_row():
    from portal import xlsx

    hasil = HasilImpor()
    workbook = _buku_rumus([["1.06.01", "=1000+500", "catatan"], ["1.06.02", 700, ""], ["=A3", None, None]])
    rows = xlsx.baca_sheet(workbook, "DPA", ["Kode sub kegiatan", "Pagu murni"], hasil, opsional=["Catatan"])
    assert [n for n, _ in rows] == [3]
    assert hasil.kesalahan == [
        ("DPA", 2, "Pagu murni: nilai rumus tidak tersimpan; simpan ulang berkas di Excel atau ketik nilainya."),
        ("DPA", 4, "Kode sub kegiatan: nilai rumus tidak tersimpan; simpan ulang berkas di Excel atau ketik "
                   "nilainya."),
    ]


def test_a_formula_with_its_value_stored_is_read_as_that_value():
    from portal import xlsx

    hasil = HasilImpor()
    workbook = _buku_rumus(
        [["1.06.01", "=1000+500", '=""']],
        ganti=[("<f>1000+500</f><v />", "<f>1000+500</f><v>1500</v>"),
               ('<c r="C2"><f>""</f><v />', '<c r="C2" t="str"><f>""</f><v></v>')],
    )
    rows = xlsx.baca_sheet(workbook, "DPA", ["Kode sub kegiatan", "Pagu murni"], hasil, opsional=["Catatan"])
    assert hasil.sah
    assert rows == [(2, {"Kode sub kegiatan": "1.06.01", "Pagu murni": 1500, "Catatan": None})]


def test_a_formula_in_a_column_the_import_does_not_read_is_not_an_error():
    from portal import xlsx

    hasil = HasilImpor()
    rows = xlsx.baca_sheet(_buku_rumus([["1.06.01", 5, "=B2*2"]]), "DPA", ["Kode sub kegiatan", "Pagu murni"], hasil)
    assert hasil.sah and [n for n, _ in rows] == [2]
