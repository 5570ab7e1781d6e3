"""Numbers, distances, money and dates per page language (issue 14)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sociale_kaart.core.formatting import format_date, format_km, format_money, format_number

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
