"""Supply per theme and area: what a directory-only map can say (issue 11).

A map with offers but no residents (a municipality's sociale kaart, a 211
export) has no demand, so it has no coverage gaps; it does have supply.
:func:`supply` counts the offers per theme, per area or per both.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence

import networkx as nx
import pandas as pd

from sociale_kaart.core.checks import require_map
from sociale_kaart.core.vocabulary import LEVELS, OFFER_KINDS
from sociale_kaart.gaps.common import NO_NEIGHBOURHOOD

#: The grouping keys :func:`supply` accepts.
SUPPLY_KEYS: tuple[str, ...] = ("theme", "area")
#: The label of offers without a theme.
NO_THEME = "(none)"
COLUMNS: tuple[str, ...] = (
    "offers",
    *LEVELS,
    "no_level",
    "full",
    "located",
    "unlocated",
)


def supply(G: nx.MultiDiGraph, *, by: str | Sequence[str] = ("area", "theme")) -> pd.DataFrame:
    """Count the offers per theme, per area, or per area and theme.

    An offer is an initiative or an organisation. An offer with several
    themes, or serving several areas, counts once in each of its groups, so
    the rows add up to more than the number of offers; ``offers`` in a row
    counts each offer once.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The map; it needs no residents.
    by : str or list of str, optional
        ``"theme"``, ``"area"`` or both, in the order of the index levels
        (both, area first, by default).
        The area of an offer is each neighbourhood it ``serves``; without
        ``serves`` it is its own neighbourhood or that of a place it is
        located at; without any of those ``"(none)"``.

    Returns
    -------
    pandas.DataFrame
        One row per group, indexed by the ``by`` keys, sorted, with integer
        columns ``offers``; ``informal``, ``general``, ``specialised``,
        ``insured`` (the :data:`~sociale_kaart.core.vocabulary.LEVELS`) and
        ``no_level`` (by level); ``full`` (capacity 0); ``located`` and
        ``unlocated`` (with or without coordinates, their own or a place's).
        Offers without a theme are under theme ``"(none)"``.

    Raises
    ------
    NotAMapError
        When ``G`` is not a map.
    ValueError
        When ``by`` names something other than ``"theme"`` or ``"area"``.

    Notes
    -----
    Plain counts of records, as a directory's supply is described in
    service-directory practice (Open Referral, HSDS 1.1 and 3.0): no
    weighting and no demand. Where residents are on the map, compare supply
    with demand in :func:`~sociale_kaart.coverage` (Kretzmann & McKnight
    1993, asset mapping).

    References
    ----------
    Kretzmann, J. P., & McKnight, J. L. (1993). *Building Communities from
    the Inside Out*. ACTA Publications.

    Open Referral (2024). *Human Services Data Specification*.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> s = sk.supply(G, by="theme")
    >>> bool((s["offers"] >= 1).all())
    True
    >>> int(s.loc["finances", "offers"]) >= 1
    True
    """
    require_map(G)
    keys = [by] if isinstance(by, str) else list(by)
    if not keys or any(k not in SUPPLY_KEYS for k in keys) or len(set(keys)) != len(keys):
        raise ValueError(
            f"by={by!r}: use 'theme', 'area' or both, e.g. by=('area', 'theme') (each at most once)"
        )
    counts: dict[tuple[str, ...], dict[str, int]] = defaultdict(lambda: dict.fromkeys(COLUMNS, 0))
    for node, attrs in G.nodes(data=True):
        if attrs.get("kind") not in OFFER_KINDS:
            continue
        themes = list(dict.fromkeys(attrs.get("themes") or ())) or [NO_THEME]
        areas = _areas(G, node)
        located = _located(G, node)
        groups = {
            tuple(theme if k == "theme" else area for k in keys)
            for theme in themes
            for area in areas
        }
        level = attrs.get("level")
        for group in groups:
            row = counts[group]
            row["offers"] += 1
            row[level if level in LEVELS else "no_level"] += 1
            row["full"] += int(attrs.get("capacity") == 0)
            row["located" if located else "unlocated"] += 1
    index = pd.MultiIndex.from_tuples(sorted(counts), names=keys)
    frame = pd.DataFrame(
        [counts[g] for g in sorted(counts)], index=index, columns=list(COLUMNS), dtype=int
    )
    if len(keys) == 1:
        frame.index = frame.index.get_level_values(0)
    return frame


def _areas(G: nx.MultiDiGraph, node: Hashable) -> list[str]:
    attrs = G.nodes[node]
    serves = list(dict.fromkeys(attrs.get("serves") or ()))
    if serves:
        return [str(a) for a in serves]
    if attrs.get("neighbourhood"):
        return [str(attrs["neighbourhood"])]
    for place in _places(G, node):
        nb = G.nodes[place].get("neighbourhood")
        if nb:
            return [str(nb)]
    return [NO_NEIGHBOURHOOD]


def _places(G: nx.MultiDiGraph, node: Hashable) -> list[Hashable]:
    out = {v for v in G.successors(node) if G.nodes[v].get("kind") == "place"}
    return sorted(out, key=str)


def _located(G: nx.MultiDiGraph, node: Hashable) -> bool:
    nodes = [node, *_places(G, node)]
    return any(
        G.nodes[n].get("lat") is not None and G.nodes[n].get("lon") is not None for n in nodes
    )
