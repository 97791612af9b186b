"""Property tests of the number parsers: any text is either the exact number a person means, or refused.

"What a person means" is spelled out here independently of portal.angka: the
digits typed, a minus sign, and where the decimal separator is (a comma; or a
single dot, unless it reads as a thousands dot as in "1.234").
"""

import re
import string
from datetime import datetime
from decimal import Decimal, localcontext

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from portal.angka import parse_angka, periksa_uang
from portal.xlsx import angka_sel, uang_sel

# Decimals as people write them: no exponent, up to 40 digits (beyond any float, beyond Decimal's context).
bilangan = st.builds(
    lambda sign, whole, frac: Decimal(f"{sign}{whole}{'.' + frac if frac else ''}"),
    st.sampled_from(["", "-"]),
    st.integers(0, 10**34).map(str),
    st.one_of(st.just(""), st.text(string.digits, min_size=1, max_size=6)),
)


def tulis_indonesia(d, *, rp=False, persen=False, sisipan=" "):
    """1234567.89 -> "1.234.567,89", the way portal.angka prints it and people type it."""
    sign = "-" if d < 0 else ""
    whole, _, frac = format(d.copy_abs(), "f").partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = ".".join([whole, *groups]) + ("," + frac if frac else "")
    text = sign + text
    if rp:
        text = "Rp" + sisipan + text
    if persen:
        text = text + sisipan + "%"
    return text


@given(bilangan, st.booleans(), st.booleans(), st.sampled_from(["", " ", "\u00a0"]))
@example(Decimal("-12345678901234567890123456789012345"), False, False, "")  # beyond Decimal's 28 digits
@example(Decimal("1234"), True, False, ". ")  # "Rp. 1.234"
def test_the_indonesian_format_reads_back_exactly(d, rp, persen, sisipan):
    assume(not (rp and persen))
    assert parse_angka(tulis_indonesia(d, rp=rp, persen=persen, sisipan=sisipan)) == d


@given(bilangan)
def test_the_plain_format_reads_back_exactly_except_the_thousands_reading(d):
    text = format(d, "f")
    whole, _, frac = text.lstrip("-").partition(".")
    if len(frac) == 3 and whole != "0" and len(whole.lstrip("0") or "0") <= 3 and not whole.startswith("0"):
        # "1.234" is one thousand two hundred and thirty-four to an Indonesian reader: the documented rule.
        assert parse_angka(text) == d * 1000
    else:
        assert parse_angka(text) == d


def _maksud(text):
    """The number a person means by `text`, or None when it is not a plainly written number."""
    t = text.replace("\u00a0", " ").replace("\u202f", " ").strip()
    m = re.fullmatch(r"(?i:rp\.?)?\s*([+-]?)\s*(?i:rp\.?)?\s*([0-9.,]+?)(,-)?\s*%?", t)
    if not m or t.lower().count("rp") > 1:
        return None
    sign, body, tanpa_sen = m.groups()
    if body.count(",") > 1 or (tanpa_sen and "," in body):
        return None
    if "," in body:
        whole, frac = body.split(",")
        if not frac.isdigit() and frac:  # "0,." has no digits after its comma
            return None
        if "." in whole and not re.fullmatch(r"[1-9][0-9]{0,2}(\.[0-9]{3})+", whole):
            return None
        whole = whole.replace(".", "")
    elif re.fullmatch(r"[1-9][0-9]{0,2}(\.[0-9]{3})+", body):
        # "1.000": thousands only, so no digits after a dot is right here.
        return _nilai(sign, body.replace(".", ""), "")
    elif tanpa_sen:
        # "500,-" is five hundred rupiah, no sen; ",-" after anything else is no number.
        return _nilai(sign, body, "") if body.isdigit() else None
    elif body.count(".") == 1:
        whole, frac = body.split(".")
    elif "." in body:
        return None
    else:
        whole, frac = body, ""
    if not whole or (body.count(",") == 1 and not frac) or (body.count(".") == 1 and "," not in body and not frac):
        return None
    return _nilai(sign, whole, frac)


def _nilai(sign, whole, frac):
    with localcontext() as ctx:
        ctx.prec = 200
        value = Decimal(int(whole + frac)).scaleb(-len(frac))
        return -value if sign == "-" else value


ALFABET = "0123456789.,-+ %Rrp\u00a0x"


@given(st.text(alphabet=ALFABET, max_size=24))
@example("1 2")
@example("1Rp2")
@example("Rp. 3.000.000")
@example("Rp 3.000.000,-")
@example("0.123,5")
@example(",5")
@example("1,")
@example("١٢٣")
def test_any_text_is_the_number_a_person_means_or_refused(text):
    maksud = _maksud(text)
    try:
        hasil = parse_angka(text)
    except ValueError:
        assert maksud is None, f"{text!r} means {maksud} but is refused"
        return
    assert hasil == maksud, f"{text!r} read as {hasil}, means {maksud}"


@given(st.text(max_size=30))
def test_no_text_whatsoever_raises_anything_but_a_message(text):
    try:
        hasil = parse_angka(text)
    except ValueError as exc:
        assert str(exc)
    else:
        assert hasil == _maksud(text)


def _uang_sah(d):
    """Not negative, at most sen, and within the 16 whole digits of a money column (18 digits, 2 of them sen)."""
    with localcontext() as ctx:
        ctx.prec = 200
        return d >= 0 and (d * 100) == (d * 100).to_integral_value() and d < Decimal(10) ** 16


@given(st.decimals(allow_nan=False, allow_infinity=False))
@example(Decimal("1" * 30))
@example(Decimal("1E+40"))
@example(Decimal("0.0100000"))
def test_money_is_kept_as_typed_or_refused_with_the_fields_name(d):
    try:
        hasil = periksa_uang(d, "Pagu")
    except ValueError as exc:
        assert str(exc).startswith("Pagu: ")
        assert not _uang_sah(d)
    else:
        assert hasil == d and _uang_sah(d)


@given(bilangan.filter(lambda d: len(d.as_tuple().digits) <= 15))
@example(Decimal("0.3"))
@example(Decimal("1234567.89"))
def test_a_number_typed_into_excel_reads_back_as_typed(d):
    # Excel keeps what is typed as a double, to 15 significant digits; openpyxl gives that double.
    assert angka_sel(float(d), "Realisasi") == d


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_computed_cell_reads_as_excel_shows_it(f):
    hasil = angka_sel(f, "Realisasi")
    assert hasil == Decimal(format(f, ".15g"))


@pytest.mark.parametrize("nilai", [float("inf"), float("-inf"), float("nan"), True, datetime(2024, 1, 1)])
def test_a_cell_that_is_not_a_finite_number_is_refused_naming_the_column(nilai):
    with pytest.raises(ValueError, match="^Realisasi: "):
        angka_sel(nilai, "Realisasi")


@given(st.one_of(st.none(), st.text(max_size=20), st.integers(), st.floats(), st.booleans(),
                 st.decimals(allow_nan=False, allow_infinity=False)))
def test_a_money_cell_is_a_valid_amount_none_or_a_message(value):
    try:
        hasil = uang_sel(value, "Pagu")
    except ValueError as exc:
        assert str(exc).startswith("Pagu: ")
    else:
        assert hasil is None or _uang_sah(hasil)
