"""Numbers the Indonesian way, exactly.

Every amount and percentage a page, spreadsheet or PDF prints goes through
this module, so they agree to the digit. Money is an integer number of
rupiah or a Decimal; floats never enter.
"""

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from num2words import num2words

DUA_DESIMAL = Decimal("0.01")


# Triwulan are named in Roman numerals everywhere the portal prints them ("TW III").
ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


def to_decimal(value):
    """A Decimal from an int, Decimal or str; None stays None. Floats are refused."""
    if value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        raise TypeError("Nilai pecahan (float) tidak boleh dipakai untuk angka yang eksak.")
    return Decimal(value)


def bulatkan(value, places=2):
    """Round half-up to `places` decimals (the rounding every printed figure uses)."""
    if value is None:
        return None
    quantum = Decimal(1).scaleb(-places)
    return to_decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def format_angka(value, places=None, kosong="–"):
    """1234567.891 -> "1.234.567,89" (places=2); places=None keeps significant decimals.

    With places=None an integral value prints without decimals and a fraction
    prints with its own decimals, trailing zeros removed ("80,50" stays "80,5"
    unless places=2 is asked for).
    """
    if value is None or value == "":
        return kosong
    number = to_decimal(value)
    if places is not None:
        number = bulatkan(number, places)
        text = f"{number:,.{places}f}"
    else:
        normalized = number.normalize()
        exponent = normalized.as_tuple().exponent
        decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        text = f"{number:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_nilai(value):
    """A target or realisasi as documents print it: whole numbers plain ("14"), else 2 decimals ("80,50").

    None stays None, so the caller decides how a blank reads.
    """
    if value is None:
        return None
    rounded = bulatkan(value, 2)
    return format_angka(rounded, places=0 if rounded == rounded.to_integral_value() else 2)


def format_rupiah(value, kosong="–"):
    """32019890719 -> "Rp 32.019.890.719" (rupiah are whole numbers)."""
    if value is None:
        return kosong
    return f"Rp {format_angka(value, places=0)}"


def format_persen(value, kosong="–"):
    """Percentages are printed rounded half-up to 2 decimals: 85,62."""
    if value is None:
        return kosong
    return format_angka(value, places=2)


# How people write a number: an optional "Rp"/"Rp." and sign (either order), the number in the
# Indonesian form (1.234.567,89 — dots only between groups of three) or the plain one (1234567.89),
# an optional ",-" (whole rupiah) and "%". Spaces only between those parts: "1 2" is not 12.
_ANGKA_RE = re.compile(
    r"""
    (?P<rp1>rp\.?)?\s*
    (?P<sign>[+-])?\s*
    (?P<rp2>rp\.?)?\s*
    (?:
        (?P<ribuan>[1-9][0-9]{0,2}(?:\.[0-9]{3})+)(?:,(?P<frac_r>[0-9]+)|(?P<tanpa_sen_r>,-))?
      | (?P<koma>[0-9]+),(?P<frac_k>[0-9]+)
      | (?P<titik>[0-9]+)\.(?P<frac_t>[0-9]+)
      | (?P<bulat>[0-9]+)(?P<tanpa_sen_b>,-)?
    )
    \s*%?
    """,
    re.IGNORECASE | re.VERBOSE | re.ASCII,
)


def parse_angka(text):
    """Parse what a user types: "85,77", "1.234.567,89", "1234567.89", "Rp 3.000.000", "Rp. 3.000.000,-".

    A comma is the decimal separator. Dots are thousands separators when every
    group after a dot has three digits and the first has one to three ("1.234");
    otherwise a single dot is read as a decimal point ("85.77", "0.125").
    Anything else — letters, spaces inside the number, a misplaced dot — is
    refused rather than guessed at. The result is exact, however many digits.
    Raises ValueError with a message in Bahasa Indonesia.
    """
    if text is None:
        raise ValueError("Angka wajib diisi.")
    if isinstance(text, bool):
        raise ValueError(f"'{text}' bukan angka yang sah.")
    if isinstance(text, (int, Decimal)):
        return Decimal(text)
    if isinstance(text, float):
        raise TypeError("Nilai pecahan (float) tidak boleh dipakai untuk angka yang eksak.")
    raw = str(text).replace("\u00a0", " ").replace("\u202f", " ").strip()
    if not raw or raw == "%":
        raise ValueError("Angka wajib diisi.")
    match = _ANGKA_RE.fullmatch(raw)
    if match is None or (match["rp1"] and match["rp2"]):
        if re.fullmatch(r"[0-9.]+(,[0-9]*)?", raw) and "." in raw.split(",")[0]:
            raise ValueError(f"'{text}' bukan angka yang sah: pemisah ribuan tidak tepat.")
        raise ValueError(f"'{text}' bukan angka yang sah.")
    if match["ribuan"]:
        whole, frac = match["ribuan"].replace(".", ""), match["frac_r"] or ""
    elif match["koma"]:
        whole, frac = match["koma"], match["frac_k"]
    elif match["titik"]:
        whole, frac = match["titik"], match["frac_t"]
    else:
        whole, frac = match["bulat"], ""
    # Decimal(str) is exact; arithmetic (even unary minus) would round to the context's 28 digits.
    number = Decimal(f"{whole}.{frac}" if frac else whole)
    return number.copy_negate() if match["sign"] == "-" else number


def periksa_uang(number, label):
    """The rule for an amount of money however it was entered: never negative, at most sen.

    Returns the number (None stays None); raises ValueError naming the field.
    """
    if number is None:
        return None
    if not number.is_finite():
        raise ValueError(f"{label}: bukan jumlah uang yang sah.")
    if number < 0:
        raise ValueError(f"{label}: jumlah uang tidak boleh negatif.")
    if _angka_desimal(number) > 2:
        raise ValueError(f"{label}: paling banyak dua angka di belakang koma.")
    pesan = batas_digit(number, DIGIT_UANG, 2, label)
    if pesan:
        raise ValueError(pesan)
    return number


# Every amount of money is stored in a column of 18 digits, 2 of them sen (anggaran.models.rupiah_field).
DIGIT_UANG = 18


def batas_digit(value, max_digits, decimal_places, label):
    """Why a number does not fit a decimal column of `max_digits` with `decimal_places` exactly, or None.

    Refused rather than rounded or overflowed: 0,0000001 stored as 0 would change the
    figure without a word, and a figure too long for its column is a database error.
    """
    if not value.is_finite():
        return f"{label}: bukan angka yang sah."
    desimal = _angka_desimal(value)
    _, digit, eksponen = value.as_tuple()
    bulat = max(0, len(digit) + eksponen) if any(digit) else 0
    if desimal > decimal_places:
        return f"{label}: paling banyak {decimal_places} angka di belakang koma."
    if bulat > max_digits - decimal_places:
        return f"{label}: angka terlalu besar (paling banyak {max_digits - decimal_places} digit)."
    return None


def maksud_desimal(teks, bawah, atas):
    """'95,5' when '95.500' was typed for a figure that cannot be 95 500: the dot read as a decimal point.

    None when the text is not thousands-style or the decimal reading is outside the range too.
    """
    if not teks or not re.fullmatch(r"\d{1,3}(\.\d{3})+", teks.strip()):
        return None
    nilai = Decimal(teks.strip().replace(".", "", teks.count(".") - 1))
    if (bawah is None or nilai >= bawah) and (atas is None or nilai <= atas):
        return format_angka(nilai.normalize())
    return None


def _angka_desimal(number):
    """Digits after the decimal point, trailing zeros not counted; exact for any size (no context rounding)."""
    _, digits, exponent = number.as_tuple()
    if exponent >= 0 or not any(digits):
        return 0
    coefficient = "".join(map(str, digits))
    return max(0, -exponent - (len(coefficient) - len(coefficient.rstrip("0"))))


def format_durasi(delta):
    """A span of time as people say it: "30 menit", "1 jam", "1 jam 30 menit", "2 hari"."""
    detik = int(delta.total_seconds())
    hari, sisa = divmod(detik, 86400)
    jam, sisa = divmod(sisa, 3600)
    menit = -(-sisa // 60)  # a part minute counts as a minute: never "0 menit"
    if menit == 60:
        jam, menit = jam + 1, 0
    if jam == 24:
        hari, jam = hari + 1, 0
    bagian = [f"{n} {satuan}" for n, satuan in ((hari, "hari"), (jam, "jam"), (menit, "menit")) if n]
    return " ".join(bagian) or "1 menit"


def terbilang(value):
    """Whole number in Indonesian words, capitalised: 3266735000 -> "Tiga miliar ..."."""
    number = to_decimal(value)
    if number != number.to_integral_value():
        raise ValueError("Terbilang hanya untuk bilangan bulat.")
    words = num2words(int(number), lang="id")
    return words[:1].upper() + words[1:]


def terbilang_rupiah(value):
    """"Tiga miliar dua ratus enam puluh enam juta tujuh ratus tiga puluh lima ribu rupiah".

    Sen, where an amount has them, are said after the rupiah ("... rupiah lima puluh sen").
    """
    number = bulatkan(to_decimal(value), 2)
    rupiah = number.to_integral_value(rounding=ROUND_DOWN)
    sen = int((number - rupiah) * 100)
    words = f"{terbilang(rupiah)} rupiah"
    if sen:
        words += f" {num2words(sen, lang='id')} sen"
    return words
