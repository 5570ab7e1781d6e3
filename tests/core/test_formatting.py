"""Numbers, distances, money and dates per page language (issue 14)."""

from __future__ import annotations

import datetime as dt
import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sociale_kaart.core.formatting import (
    format_date,
    format_km,
    format_money,
    format_number,
    format_significant,
    format_significant_many,
)

NBSP = "\u00a0"


def test_dutch_numbers_use_a_decimal_comma_and_english_a_point() -> None:
    assert format_number(0.9412, "nl") == "0,94"
    assert format_number(0.9412, "en") == "0.94"
    assert format_number(1234.5, "nl", decimals=1) == "1.234,5"
    assert format_number(1234.5, "en", decimals=1) == "1,234.5"
    assert format_number(7, "nl", decimals=0) == "7"


def test_distances_and_money() -> None:
    assert format_km(2.14, "nl").replace(NBSP, " ") == "2,1 km"
    assert format_km(2.14, "en").replace(NBSP, " ") == "2.1 km"
    assert format_money(5.2, "nl").replace(NBSP, " ") == "€ 5,20"
    assert format_money(5.2, "en") == "€5.20"


def test_dates_in_words() -> None:
    assert format_date("2026-12-02", "nl") == "2 december 2026"
    assert format_date(dt.date(2026, 3, 1), "nl") == "1 maart 2026"
    assert format_date(dt.datetime(2026, 12, 2, 9, 30), "en") == "2 December 2026"


def test_a_bad_date_and_a_bad_language_are_refused_with_the_fix() -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        format_date("2 dec", "nl")
    with pytest.raises(ValueError, match=r"^language must be 'nl'"):
        format_number(1.0, "de")
    with pytest.raises(ValueError, match="decimals"):
        format_number(1.0, "nl", decimals=-1)


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.integers(0, 3))
def test_dutch_and_english_agree_once_the_separators_are_swapped(x: float, d: int) -> None:
    nl, en = format_number(x, "nl", decimals=d), format_number(x, "en", decimals=d)
    swapped = en.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    assert nl == swapped
    if d:
        assert re.fullmatch(r"-?\d{1,3}(\.\d{3})*,\d{" + str(d) + "}", nl)
        # the number read back is x rounded to d decimals (within half a unit)
        back = float(en.replace(",", ""))
        assert abs(back - x) <= 0.5 * 10**-d + 1e-9


# --------------------------------------------------------------------------- significant digits


@pytest.mark.parametrize(
    ("value", "language", "digits", "expected"),
    [
        (0.251, "nl", 3, "0,251"),
        (0.251, "en", 3, "0.251"),
        (0.000123456, "nl", 3, "0,000123"),
        (0.5, "nl", 4, "0,5"),  # trailing zeros dropped
        (2.0, "nl", 3, "2"),
        (12345.0, "nl", 3, "12.345"),  # whole numbers keep their digits, grouped
        (12345.0, "en", 3, "12,345"),
        (1234.5678, "nl", 3, "1.235"),
        (-0.0123456, "en", 2, "-0.012"),
        (0.0, "nl", 3, "0"),
        (-0.0004, "nl", 1, "-0,0004"),
        (float("inf"), "nl", 3, "∞"),
    ],
)
def test_format_significant_by_hand(
    value: float, language: str, digits: int, expected: str
) -> None:
    assert format_significant(value, language, digits=digits) == expected


def test_format_significant_refuses_nan_and_no_digits() -> None:
    with pytest.raises(ValueError, match="NaN"):
        format_significant(float("nan"))
    with pytest.raises(ValueError, match="digits must be 1 or more"):
        format_significant(1.5, digits=0)


def test_format_significant_many_by_hand() -> None:
    values = [0.251, float("nan"), 12345.0, float("-inf"), 0.000123456]
    assert format_significant_many(values, "nl", missing="–") == [
        "0,251",
        "–",
        "12.345",
        "-∞",
        "0,000123",
    ]
    assert format_significant_many(iter([0.5, 2.0]), "en", digits=4) == ["0.5", "2"]
    assert format_significant_many([], "nl") == []
    with pytest.raises(ValueError, match="NaN"):
        format_significant_many([1.0, float("nan")])
    with pytest.raises(ValueError, match="digits must be 1 or more"):
        format_significant_many([1.0], digits=0)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    values=st.lists(st.floats(min_value=-1e9, max_value=1e9) | st.just(float("nan")), max_size=8),
    digits=st.integers(min_value=1, max_value=10),
    language=st.sampled_from(["nl", "en"]),
)
def test_format_significant_many_writes_each_value_as_alone(
    values: list[float], digits: int, language: str
) -> None:
    """A list is written value by value: a missing or infinite value does not shift the rest."""
    got = format_significant_many(values, language, digits=digits, missing="?")
    assert got == [
        "?" if math.isnan(v) else format_significant(v, language, digits=digits) for v in values
    ]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    value=st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False),
    digits=st.integers(min_value=1, max_value=10),
)
def test_format_significant_reads_back_within_its_digits(value: float, digits: int) -> None:
    nl = format_significant(value, "nl", digits=digits)
    en = format_significant(value, "en", digits=digits)
    # The two languages differ only in their symbols.
    assert nl == en.translate({ord("."): ",", ord(","): "."})
    back = float(en.replace(",", ""))
    magnitude = math.floor(math.log10(abs(value))) + 1 if value else 1
    decimals = max(0, digits - magnitude)  # whole numbers keep all their digits
    assert abs(back - value) <= 0.5 * 10.0**-decimals * (1 + 1e-9)
    assert "e" not in en
