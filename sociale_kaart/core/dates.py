"""Dates as Dutch spreadsheets write them: day first, ``1-3-2024`` or ``01-03-2024``.

The map's dates are ISO dates (``2024-03-01``). Dutch Excel saves a date cell
in a CSV file the way it shows it: day, month, year, with ``-`` (or ``/`` or
``.``) between them. :func:`day_first_dates` reads such values in the date
columns of a table before validation, and says which convention it used
(issue 11). It never guesses between conventions: a column in which one value
can only be month first (``3/15/2024``, as American software writes) is left
as it is and reported, because reading its other values day first would
silently swap day and month.
"""

from __future__ import annotations

import datetime as _dt
import re
import types
import typing
from collections.abc import Iterable, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

__all__ = ["DayFirstResult", "date_fields", "day_first_columns", "day_first_dates"]

#: ``d-m-yyyy``, ``dd-mm-yyyy``, with ``-``, ``/`` or ``.``; the year in full.
_DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})([-/.])(\d{1,2})\2(\d{4})\s*$")


def date_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a record model that hold a date, in field order.

    Parameters
    ----------
    model : pydantic model class
        One of the record models (:data:`sociale_kaart.core.records.MODELS`, or
        :class:`~sociale_kaart.core.records.Relation`).

    Returns
    -------
    tuple of str

    Examples
    --------
    >>> from sociale_kaart.core.records import MODELS
    >>> date_fields(MODELS["resident"])
    ('moved_in', 'moved_out')
    """
    out = []
    for name, info in model.model_fields.items():
        annotation = info.annotation
        args = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else ()
        if annotation is _dt.date or _dt.date in args:
            out.append(name)
    return tuple(out)


@dataclass
class DayFirstResult:
    """What :func:`day_first_dates` did to one table.

    Attributes
    ----------
    read : dict of str to int
        Per column, how many values were read day first.
    examples : dict of str to tuple of (str, str)
        Per column, the first value read and the ISO date it became.
    month_first : dict of str to str
        Per column left alone, the value that can only be month first.
    """

    read: dict[str, int] = field(default_factory=dict)
    examples: dict[str, tuple[str, str]] = field(default_factory=dict)
    month_first: dict[str, str] = field(default_factory=dict)

    def problems(self) -> list[tuple[str, str, str]]:
        """``(column, value, message)`` for each month-first column, for the readers' errors.

        Examples
        --------
        >>> day_first_dates([{"since": "3/15/2024"}], ["since"]).problems()[0][2][:40]
        "the dates in column 'since' are written "
        """
        return [
            (
                column,
                value,
                f"the dates in column {column!r} are written month first ({value!r}), so none "
                "of them was read: write them as YYYY-MM-DD, or day first as d-m-yyyy",
            )
            for column, value in self.month_first.items()
        ]

    def notice(self, label: str) -> str | None:
        """The one line that says which convention was used, or None if nothing was read.

        Examples
        --------
        >>> rows = [{"moved_in": "1-3-2024"}, {"moved_in": "15-11-2023"}]
        >>> notice = day_first_dates(rows, ["moved_in"]).notice("residents.csv")
        >>> print(notice)  # doctest: +NORMALIZE_WHITESPACE
        residents.csv: dates read day first (d-m-yyyy, as Dutch Excel writes them):
        moved_in (2 values, '1-3-2024' as 2024-03-01)
        """
        if not self.read:
            return None
        parts = []
        for column, count in self.read.items():
            raw, iso = self.examples[column]
            noun = "value" if count == 1 else "values"
            parts.append(f"{column} ({count} {noun}, {raw!r} as {iso})")
        return (
            f"{label}: dates read day first (d-m-yyyy, as Dutch Excel writes them): "
            + "; ".join(parts)
        )


def _parts(value: Any) -> tuple[int, int, int] | None:
    if not isinstance(value, str):
        return None
    match = _DAY_MONTH_YEAR.match(value)
    if match is None:
        return None
    return int(match.group(1)), int(match.group(3)), int(match.group(4))


def day_first_dates(
    rows: Iterable[MutableMapping[str, Any]], columns: Iterable[str]
) -> DayFirstResult:
    """Rewrite day-first dates (``1-3-2024``) in the given columns as ISO dates, in place.

    A value is rewritten only when it is a valid date read as day, month, year
    with the year in full. Anything else (ISO dates, two-digit years, the 31st
    of February, text) is left for validation, which names it. A column that
    holds a value whose second part cannot be a month but whose first part can
    (``3/15/2024``) is written month first: none of its values is rewritten,
    and :attr:`DayFirstResult.month_first` names the value.

    Parameters
    ----------
    rows : iterable of mutable mappings
        The records, column to raw value; changed in place.
    columns : iterable of str
        The date columns to read.

    Returns
    -------
    DayFirstResult
        The counts per column, an example per column and the month-first columns.

    See Also
    --------
    day_first_columns : the same for a table given column by column.

    Examples
    --------
    >>> rows = [{"since": "01-03-2024"}, {"since": "2024-05-02"}, {"since": ""}]
    >>> result = day_first_dates(rows, ["since"])
    >>> [row["since"] for row in rows]
    ['2024-03-01', '2024-05-02', '']
    >>> result.read
    {'since': 1}
    >>> us = [{"since": "3/4/2024"}, {"since": "3/15/2024"}]
    >>> day_first_dates(us, ["since"]).month_first
    {'since': '3/15/2024'}
    >>> us[0]["since"]
    '3/4/2024'
    """
    records = list(rows)
    columns = list(columns)
    data = {column: [record.get(column) for record in records] for column in columns}
    result = DayFirstResult()
    for column in columns:
        for i, iso in _day_first(data[column], column, result):
            records[i][column] = iso
    return result


def day_first_columns(
    data: MutableMapping[str, Sequence[Any]], columns: Iterable[str]
) -> DayFirstResult:
    """:func:`day_first_dates` for a table given column by column.

    Parameters
    ----------
    data : mutable mapping of str to sequence
        Per column, every row's raw value; a column with a date read is
        replaced by a new list.
    columns : iterable of str
        The date columns to read.

    Returns
    -------
    DayFirstResult

    Examples
    --------
    >>> data = {"since": ("01-03-2024", "2024-05-02", "")}
    >>> day_first_columns(data, ["since"]).read, data["since"]
    ({'since': 1}, ['2024-03-01', '2024-05-02', ''])
    """
    result = DayFirstResult()
    for column in columns:
        found = _day_first(data[column], column, result)
        if found:
            values = list(data[column])
            for i, iso in found:
                values[i] = iso
            data[column] = values
    return result


def _day_first(values: Sequence[Any], column: str, result: DayFirstResult) -> list[tuple[int, str]]:
    """The positions and ISO dates of one column's day-first dates, noted in ``result``."""
    found: list[tuple[int, str]] = []
    month_first: str | None = None
    for i, value in enumerate(values):
        parts = _parts(value)
        if parts is None:
            continue
        first, second, _ = parts
        if second > 12 and 1 <= first <= 12 and month_first is None:
            month_first = str(value)
        try:
            iso = _dt.date(parts[2], second, first).isoformat()
        except ValueError:
            continue  # not a date day first either: validation names it
        found.append((i, iso))
    if month_first is not None:
        result.month_first[column] = month_first
        return []
    for i, iso in found:
        if column not in result.examples:
            result.examples[column] = (str(values[i]).strip(), iso)
        result.read[column] = result.read.get(column, 0) + 1
    return found
