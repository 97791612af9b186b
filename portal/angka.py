"""Numbers the Indonesian way, exactly.

Every amount and percentage a page, spreadsheet or PDF prints goes through
this module, so they agree to the digit. Money is an integer number of
rupiah or a Decimal; floats never enter.
"""

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

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


def parse_angka(text):
    """Parse what a user types: "85,77", "1.234.567,89", "1234567.89", "Rp 3.000.000".

    A comma is the decimal separator. Dots are thousands separators when a
    comma is present or when every group after a dot has three digits;
    otherwise a single dot is read as a decimal point ("85.77").
    Raises ValueError with a message in Bahasa Indonesia.
    """
    if text is None:
        raise ValueError("Angka wajib diisi.")
    if isinstance(text, (int, Decimal)):
        return Decimal(text)
    if isinstance(text, float):
        raise TypeError("Nilai pecahan (float) tidak boleh dipakai untuk angka yang eksak.")
    raw = str(text).strip().replace("Rp", "").replace("rp", "").replace(" ", "").replace("\u00a0", "")
    if raw.endswith("%"):
        raw = raw[:-1]
    if not raw:
        raise ValueError("Angka wajib diisi.")
    negative = raw.startswith("-")
    body = raw[1:] if negative or raw.startswith("+") else raw
    if "," in body:
        if body.count(",") > 1:
            raise ValueError(f"'{text}' bukan angka yang sah.")
        whole, frac = body.split(",")
        whole = _strip_thousands(whole, text)
        normalized = f"{whole}.{frac}"
    elif body.count(".") > 1 or (body.count(".") == 1 and _looks_like_thousands(body)):
        normalized = _strip_thousands(body, text)
    else:
        normalized = body
    if not normalized or not all(ch.isdigit() or ch == "." for ch in normalized):
        raise ValueError(f"'{text}' bukan angka yang sah.")
    try:
        number = Decimal(normalized)
    except InvalidOperation as exc:
        raise ValueError(f"'{text}' bukan angka yang sah.") from exc
    return -number if negative else number


def periksa_uang(number, label):
    """The rule for an amount of money however it was entered: never negative, at most sen.

    Returns the number (None stays None); raises ValueError naming the field.
    """
    if number is None:
        return None
    if number < 0:
        raise ValueError(f"{label}: jumlah uang tidak boleh negatif.")
    if number != number.quantize(Decimal("0.01")):
        raise ValueError(f"{label}: paling banyak dua angka di belakang koma.")
    return number


def _looks_like_thousands(body):
    head, tail = body.split(".")
    return len(tail) == 3 and head.isdigit() and len(head) <= 3 and head != "0"


def _strip_thousands(part, original):
    if "." not in part:
        return part
    groups = part.split(".")
    if not groups[0] or any(len(g) != 3 for g in groups[1:]):
        raise ValueError(f"'{original}' bukan angka yang sah: pemisah ribuan tidak tepat.")
    return "".join(groups)


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
