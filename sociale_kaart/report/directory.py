"""The report's section for a directory-only map: offers, no residents (issue 11).

:func:`directory_tables` says whether the map is such a map and, if so, gives
the tables the section shows; :mod:`sociale_kaart.report.page` turns them into
blocks. Offers are not people, so none of this needs small-cell suppression.
"""

from __future__ import annotations

import datetime as _dt

import networkx as nx
import pandas as pd

from sociale_kaart.core.themes import DEFAULT_THEMES, theme_label
from sociale_kaart.core.vocabulary import OFFER_KINDS
from sociale_kaart.gaps import stale_records, supply


def directory_tables(
    G: nx.MultiDiGraph, *, language: str, today: _dt.date, stale_months: int
) -> list[pd.DataFrame] | None:
    """The section's tables, or None when the map has residents (or no offers).

    Examples
    --------
    >>> import datetime as dt
    >>> import sociale_kaart as sk
    >>> directory_tables(sk.load_sample(), language="en", today=dt.date(2026, 1, 1),
    ...                  stale_months=12) is None
    True
    """
    kinds = {k for _, k in G.nodes(data="kind")}
    if "resident" in kinds or not kinds & OFFER_KINDS:
        return None
    per_theme = supply(G, by="theme")
    per_theme.index = [
        theme_label(str(t), DEFAULT_THEMES, language=language) for t in per_theme.index
    ]
    stale = stale_records(G, today=today, stale_months=stale_months, summary=True)
    stale = stale.assign(examples=[", ".join(e) for e in stale["examples"]])
    return [per_theme, stale]
