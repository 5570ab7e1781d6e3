"""Statistical disclosure control for aggregates shared outside the team.

One helper for the whole library: counts about residents below ``min_cell``
are suppressed before they leave the team (reports for the public, gap
tables with ``aggregate_only=True``, exports). This follows the practice of
official statistics (threshold rule for frequency tables).

References
----------
Hundepool, A., Domingo-Ferrer, J., Franconi, L., Giessing, S., Nordholt, E. S.,
Spicer, K., & de Wolf, P.-P. (2012). *Statistical Disclosure Control*. Wiley.
https://doi.org/10.1002/9781118348239
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

import numpy as np
import pandas as pd

__all__ = ["MIN_CELL_DEFAULT", "MIN_CELL_FLOOR", "check_min_cell", "suppress_small"]

#: The default threshold: counts below it are suppressed.
MIN_CELL_DEFAULT = 10
#: The lowest threshold the library accepts.
MIN_CELL_FLOOR = 5


def check_min_cell(min_cell: int) -> int:
    """Return ``min_cell`` if it is a whole number of at least 5; raise otherwise.

    Examples
    --------
    >>> from sociale_kaart.privacy.suppression import check_min_cell
    >>> check_min_cell(10)
    10
    >>> check_min_cell(3)
    Traceback (most recent call last):
    ...
    ValueError: min_cell must be at least 5 (the disclosure-control floor), not 3
    """
    if isinstance(min_cell, bool) or not isinstance(min_cell, (int, np.integer)):
        raise TypeError(f"min_cell must be a whole number, not {type(min_cell).__name__}")
    if min_cell < MIN_CELL_FLOOR:
        raise ValueError(
            f"min_cell must be at least {MIN_CELL_FLOOR} (the disclosure-control floor), "
            f"not {min_cell}"
        )
    return int(min_cell)


def suppress_small(
    frame: pd.DataFrame,
    columns: Sequence[str],
    *,
    min_cell: int = MIN_CELL_DEFAULT,
    total_row: Hashable | None = None,
    complements: Mapping[str, str] | None = None,
    linked: Mapping[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """Return a copy with counts in ``columns`` below ``min_cell`` set to missing.

    Zero stays zero (an empty cell discloses no one). Suppressed cells become
    ``pd.NA`` in a nullable integer column, so they cannot be mistaken for
    small counts. A column ``suppressed`` (bool) tells which rows lost a cell.

    Suppression is also *secondary* (complementary), so that no hidden cell
    can be worked out by subtraction from what stays visible:

    * with ``total_row``, the row holding each column's total: wherever a
      column would have exactly one hidden cell besides a visible total, the
      next smallest non-zero cell is hidden too (or, if there is none, the
      total);
    * with ``complements``, pairs such as ``{"missing": "count"}``: a count
      is also hidden when its complement (``count - missing``, as in "27 of
      28 missing") is small, since that too points to few people.

    Parameters
    ----------
    frame : pandas.DataFrame
        Aggregates, one row per group.
    columns : sequence of str
        The count columns to protect.
    min_cell : int, default 10
        The threshold; at least 5 (CBS and ESS practice: 10, never below 5).
    total_row : object, optional
        The index label of the row of column totals.
    complements : mapping of str to str, optional
        Count column -> the column of the whole it is part of.
    linked : mapping of str to sequence of str, optional
        Count column -> figures derived from it (a demand total, scores):
        wherever the count is hidden, they are hidden too, whatever their size.

    Returns
    -------
    pandas.DataFrame
        The protected copy, with the ``suppressed`` column.

    Examples
    --------
    >>> import pandas as pd
    >>> from sociale_kaart.privacy.suppression import suppress_small
    >>> counts = pd.DataFrame({"residents": [0, 3, 12]}, index=["a", "b", "c"])
    >>> suppress_small(counts, ["residents"])
       residents  suppressed
    a          0       False
    b       <NA>        True
    c         12       False
    >>> counts = pd.DataFrame({"residents": [3, 12, 40, 55]}, index=["a", "b", "c", "total"])
    >>> suppress_small(counts, ["residents"], total_row="total")["residents"].tolist()
    [<NA>, <NA>, 40, 55]
    >>> cells = pd.DataFrame({"residents": [3, 30], "demand": [40, 41]})
    >>> suppress_small(cells, ["residents"], linked={"residents": ["demand"]})["demand"].tolist()
    [<NA>, 41]
    >>> missing = pd.DataFrame({"missing": [27, 2], "count": [28, 40]})
    >>> suppress_small(missing, ["missing"], complements={"missing": "count"})["missing"].tolist()
    [<NA>, <NA>]
    """
    min_cell = check_min_cell(min_cell)
    out = frame.copy()
    flags = pd.Series(False, index=out.index)
    wholes = dict(complements or {})
    for column in columns:
        values = pd.to_numeric(out[column]).astype("Float64")
        small = (values > 0) & (values < min_cell)
        if column in wholes:
            rest = pd.to_numeric(out[wholes[column]]).astype("Float64") - values
            small |= (rest > 0) & (rest < min_cell)
        small = small.fillna(False).astype(bool)
        if total_row is not None and total_row in out.index:
            small = _secondary(values, small, total_row)
        flags |= small
        out[column] = values.mask(small).round().astype("Int64")
    for column, derived in (linked or {}).items():
        hidden = out[column].isna() & frame[column].notna()
        for other in derived:
            values = pd.to_numeric(out[other])
            if pd.api.types.is_integer_dtype(values) or other in columns:
                out[other] = values.astype("Float64").mask(hidden).round().astype("Int64")
            else:
                out[other] = values.astype("Float64").mask(hidden)
        flags |= hidden
    out["suppressed"] = flags
    return out


def _secondary(values: pd.Series, small: pd.Series, total_row: Hashable) -> pd.Series:
    """Hide more cells of one column until no hidden cell follows from the total."""
    labels = list(values.index)
    hide = [bool(x) for x in small.tolist()]
    numbers = [None if pd.isna(v) else float(v) for v in values.tolist()]
    total = labels.index(total_row)
    cells = [i for i in range(len(labels)) if i != total]
    if sum(hide[i] for i in cells) != 1 or hide[total]:
        return small
    candidates = [i for i in cells if not hide[i] and (numbers[i] or 0) > 0]
    if candidates:
        hide[min(candidates, key=lambda i: numbers[i] or 0.0)] = True
    else:
        hide[total] = True
    return pd.Series(hide, index=values.index)
