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

from collections.abc import Sequence

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
) -> pd.DataFrame:
    """Return a copy with counts in ``columns`` below ``min_cell`` set to missing.

    Zero stays zero (an empty cell discloses no one). Suppressed cells become
    ``pd.NA`` in a nullable integer column, so they cannot be mistaken for
    small counts. A column ``suppressed`` (bool) tells which rows lost a cell.

    Parameters
    ----------
    frame : pandas.DataFrame
        Aggregates, one row per group.
    columns : sequence of str
        The count columns to protect.
    min_cell : int, default 10
        The threshold; at least 5.

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
    """
    min_cell = check_min_cell(min_cell)
    out = frame.copy()
    flags = pd.Series(False, index=out.index)
    for column in columns:
        values = pd.to_numeric(out[column]).astype("Float64")
        small = (values > 0) & (values < min_cell)
        small = small.fillna(False).astype(bool)
        flags |= small
        out[column] = values.mask(small).round().astype("Int64")
    out["suppressed"] = flags
    return out
