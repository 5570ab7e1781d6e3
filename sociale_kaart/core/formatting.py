"""Numbers, distances, money and dates in the page's language, through Babel.

Dutch output writes ``0,94``, ``2,1 km``, ``€ 5,20`` and ``2 december 2026``;
English output writes ``0.94``, ``2.1 km``, ``€5.20`` and ``2 December 2026``.
Nothing here is hand-written formatting: every function delegates to Babel's
CLDR data, so the rules are those of the Unicode Common Locale Data Repository.

References
----------
Unicode Consortium (2024). *Unicode Technical Standard #35: Unicode Locale Data
Markup Language (LDML)*, part 3 (numbers) and part 4 (dates).
"""

from __future__ import annotations

import datetime as _dt
import functools
import math
from collections.abc import Iterable

from babel.dates import format_date as _babel_date
from babel.numbers import format_currency as _babel_currency
from babel.numbers import format_decimal as _babel_decimal
from babel.numbers import get_decimal_symbol, get_group_symbol

from sociale_kaart.core.strings import check_language, text

__all__ = [
    "format_date",
    "format_km",
    "format_money",
    "format_number",
    "format_p_value",
    "format_percent",
    "format_significant",
    "format_significant_many",
]


def _locale(language: str) -> str:
    """The Babel locale of a page language (kept in the string table)."""
    return text("format.locale", check_language(language))


def _pattern(decimals: int) -> str:
    if decimals < 0:
        raise ValueError(f"decimals must be 0 or more, not {decimals}")
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def format_number(value: float, language: str = "nl", *, decimals: int = 2) -> str:
    """Write ``value`` with ``decimals`` decimals in the page's language.

    Parameters
    ----------
    value : float
        The number to write.
    language : str, optional
        ``"nl"`` (decimal comma, point between thousands) or ``"en"``.
    decimals : int, optional
        The number of decimals shown, rounded half to even as Babel does.

    Returns
    -------
    str
        The written number.

    Examples
    --------
    >>> from sociale_kaart.core.formatting import format_number
    >>> format_number(0.9412)
    '0,94'
    >>> format_number(1234.5, "en", decimals=1)
    '1,234.5'
    >>> format_number(12, decimals=0)
    '12'
    """
    return str(_babel_decimal(value, format=_pattern(decimals), locale=_locale(language)))


def format_significant(value: float, language: str = "nl", *, digits: int = 3) -> str:
    """Write ``value`` with ``digits`` significant digits, trailing zeros dropped.

    For tables of changes, where one row holds a trust of ``0,25`` and the next a
    betweenness of ``0,000123``: a fixed number of decimals would write the second
    as ``0,00``. Whole numbers keep all their digits (``12.345``, never
    ``1,23e+04``). The decimal sign and the thousands separator are the locale's
    (Babel's CLDR symbols); the digits are Python's rounding of the float.

    Parameters
    ----------
    value : float
        The number to write; infinity is written ``∞``.
    language : str, optional
        ``"nl"`` or ``"en"``.
    digits : int, optional
        The number of significant digits, 1 or more.

    Returns
    -------
    str
        The written number.

    Raises
    ------
    ValueError
        If ``digits`` is below 1 or ``value`` is NaN (write a missing value as empty).

    Examples
    --------
    >>> from sociale_kaart.core.formatting import format_significant
    >>> format_significant(0.251), format_significant(0.000123456, "en")
    ('0,251', '0.000123')
    >>> format_significant(12345.0), format_significant(0.5, digits=4)
    ('12.345', '0,5')
    """
    return format_significant_many([value], language, digits=digits)[0]


def format_significant_many(
    values: Iterable[float], language: str = "nl", *, digits: int = 3, missing: str | None = None
) -> list[str]:
    """:func:`format_significant` for many values at once, e.g. a column of a table.

    The same text as ``[format_significant(v, language, digits=digits) for v in
    values]`` (which writes its one value through this function), several times
    faster: the checks and the locale's symbols are looked up once.

    Parameters
    ----------
    values : iterable of float
        The numbers to write.
    language : str, optional
        ``"nl"`` or ``"en"``.
    digits : int, optional
        The number of significant digits, 1 or more.
    missing : str, optional
        The text for a NaN; without it, a NaN raises as in :func:`format_significant`.

    Returns
    -------
    list of str
        One written number per value, in order.

    Raises
    ------
    ValueError
        If ``digits`` is below 1, or a value is NaN and ``missing`` is not given.

    Examples
    --------
    >>> from sociale_kaart.core.formatting import format_significant_many
    >>> format_significant_many([0.251, 12345.0, float("nan")], missing="-")
    ['0,251', '12.345', '-']
    """
    if digits < 1:
        raise ValueError(f"digits must be 1 or more, not {digits}")
    table = _symbols(language)
    decimal = "." if table is None else table[ord(".")]
    log10, floor, isinf = math.log10, math.floor, math.isinf
    specs: dict[int, str] = {}  # decimals -> the format spec, made once
    out: list[str] = []
    append = out.append
    for value in values:
        number = float(value)
        if number.is_integer():
            written = f"{int(number):,}"
            # Only a separator to swap: whole numbers below 1,000 are written as they are.
            append(written if table is None or "," not in written else written.translate(table))
            continue
        if number != number:
            if missing is None:
                raise ValueError("value is NaN; write a missing value as empty instead")
            append(missing)
            continue
        if isinf(number):
            append("∞" if number > 0 else "-∞")
            continue
        decimals = digits - (floor(log10(abs(number))) + 1)
        if decimals > 0:
            spec = specs.get(decimals)
            if spec is None:
                spec = specs[decimals] = f",.{decimals}f"
            written = format(number, spec).rstrip("0").rstrip(".")
        else:
            written = format(number, ",.0f")
        if table is not None:  # the decimal sign alone is a replace, not a translate
            written = written.translate(table) if "," in written else written.replace(".", decimal)
        append(written)
    return out


@functools.lru_cache(maxsize=8)
def _symbols(language: str) -> dict[int, str] | None:
    """From Python's ``.`` and ``,`` to the decimal sign and thousands separator of
    ``language`` (CLDR, through Babel); None when they are the same."""
    locale = _locale(language)
    decimal, group = get_decimal_symbol(locale), get_group_symbol(locale)
    if (decimal, group) == (".", ","):
        return None
    return {ord("."): decimal, ord(","): group}


def format_km(value: float, language: str = "nl", *, decimals: int = 1) -> str:
    """Write a distance in kilometres, as ``2,1 km`` (nl) or ``2.1 km`` (en).

    Parameters
    ----------
    value : float
        The distance in kilometres.
    language : str, optional
        ``"nl"`` or ``"en"``.
    decimals : int, optional
        The number of decimals shown.

    Returns
    -------
    str
        The written distance.

    Examples
    --------
    >>> from sociale_kaart.core.formatting import format_km
    >>> format_km(2.14)
    '2,1 km'
    """
    return format_number(value, language, decimals=decimals) + " km"


def format_money(value: float, language: str = "nl") -> str:
    """Write an amount in euros, as ``€ 5,20`` (nl) or ``€5.20`` (en).

    Parameters
    ----------
    value : float
        The amount in euros.
    language : str, optional
        ``"nl"`` or ``"en"``.

    Returns
    -------
    str
        The written amount (Babel may put a non-breaking space after ``€``).

    Examples
    --------
    >>> from sociale_kaart.core.formatting import format_money
    >>> format_money(5.2).replace("\\u00a0", " ")
    '€ 5,20'
    >>> format_money(5.2, "en")
    '€5.20'
    """
    return str(_babel_currency(value, "EUR", locale=_locale(language)))


def format_date(value: _dt.date | str, language: str = "nl") -> str:
    """Write a date in words, as ``2 december 2026`` (nl) or ``2 December 2026`` (en).

    Parameters
    ----------
    value : datetime.date or str
        A date, or an ISO date string such as ``"2026-12-02"``.
    language : str, optional
        ``"nl"`` or ``"en"``.

    Returns
    -------
    str
        The date in words.

    Raises
    ------
    ValueError
        If ``value`` is a string that is not an ISO date (the message names it).

    Examples
    --------
    >>> from sociale_kaart.core.formatting import format_date
    >>> format_date("2026-12-02")
    '2 december 2026'
    >>> import datetime
    >>> format_date(datetime.date(2026, 12, 2), "en")
    '2 December 2026'
    """
    if isinstance(value, str):
        try:
            value = _dt.date.fromisoformat(value[:10])
        except ValueError:
            raise ValueError(
                f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-12-02"
            ) from None
    if isinstance(value, _dt.datetime):
        value = value.date()
    return _date_in_words(value, language)


@functools.lru_cache(maxsize=4096)
def _date_in_words(day: _dt.date, language: str) -> str:
    """Babel's long date (slow per call; tables and diffs repeat few dates)."""
    return str(_babel_date(day, format="long", locale=_locale(language)))


def format_percent(rate: float, language: str = "nl") -> str:
    """A share (0 to 1) as a whole percentage, ``74%``.

    Examples
    --------
    >>> format_percent(0.741), format_percent(0.5, "en")
    ('74%', '50%')
    """
    return format_number(100 * rate, language, decimals=0) + "%"


def format_p_value(p: float, language: str = "nl") -> str:
    """A p-value as a test result reads it: ``= 0,012``, or ``< 0,001`` when it is smaller.

    Examples
    --------
    >>> format_p_value(0.0123), format_p_value(0.00001, "en")
    ('= 0,012', '< 0.001')
    """
    if p < 0.001:
        return "< " + format_number(0.001, language, decimals=3)
    return "= " + format_number(p, language, decimals=3)
