"""The look every picture shares: colours, sizes, fonts and labels; ``show=`` and ``highlight=``.

The static figures (``pictures.plot``, :func:`sociale_kaart.plot_map` and the
other ``plot_*``), the interactive map (``pictures.interactive``,
:func:`sociale_kaart.interactive`) and the report (which draws with both) take
their colours, node sizes, font sizes and node labels from here, so a
resident is the same blue everywhere and a highlighted path the same red.
Positions are the job of ``pictures.layout``; words come from
:mod:`sociale_kaart.core.strings`; numbers that need an analysis (a
centrality column for ``size_by=``) come from the public analysis function,
never from code of its own here.

The colours are Okabe and Ito's palette, safe for colour-blind readers.

References
----------
Okabe, M., & Ito, K. (2008). *Color Universal Design (CUD): How to make
figures and presentations that are friendly to colorblind people*.
https://jfly.uni-koeln.de/color/
"""

from __future__ import annotations

import math
from collections.abc import Collection, Hashable, Iterable, Mapping
from typing import Any

import networkx as nx
import pandas as pd

from sociale_kaart.core.records import MODELS
from sociale_kaart.core.strings import kind_label
from sociale_kaart.core.themes import nearest_code
from sociale_kaart.core.vocabulary import KINDS

__all__ = [
    "BORDER_COLOR",
    "COLOR_BY_FIELDS",
    "DEMAND_COLORMAP",
    "EDGE_COLOR",
    "FONT_CELL",
    "FONT_LABEL",
    "FONT_TEXT",
    "FONT_TITLE",
    "HIGHLIGHT_COLOR",
    "KIND_COLORS",
    "MAP_BORDER_COLOR",
    "MAX_LABEL",
    "MISSING_COLOR",
    "NODE_SIZE",
    "OTHER_COLOR",
    "PALETTE",
    "ROLE_COLORS",
    "SIZE_RANGE",
    "SUPPRESSED_COLOR",
    "TEXT_COLOR",
    "check_show",
    "highlights",
    "node_colors",
    "node_label",
    "node_sizes",
    "palette",
]

# ----------------------------------------------------------------------------- colours

#: Colours per node kind.
KIND_COLORS: dict[str, str] = {
    "resident": "#56B4E9",
    "professional": "#E69F00",
    "initiative": "#009E73",
    "organisation": "#0072B2",
    "place": "#CC79A7",
}
#: Colour of highlighted paths and gap nodes.
HIGHLIGHT_COLOR = "#D55E00"
#: Colour of a node whose kind has no colour.
OTHER_COLOR = "#999999"
#: Colour of a node outside every group of ``color_by``.
MISSING_COLOR = "#cccccc"
#: Colour of ties.
EDGE_COLOR = "#9a9a9a"
#: Outline of nodes in the static figures.
BORDER_COLOR = "#333333"
#: Outline of nodes on the interactive map.
MAP_BORDER_COLOR = "#555555"
#: Colour of secondary text (the relation on a referral step).
TEXT_COLOR = "#444444"
#: Colour of a coverage cell whose demand is suppressed or missing.
SUPPRESSED_COLOR = "#dddddd"
#: The matplotlib colour map of demand in the coverage heatmap.
DEMAND_COLORMAP = "OrRd"
#: Colours of groups (``color_by=`` a field or a mapping), in order.
PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#7F7F7F",
    "#8C564B",
)
#: Colours of the five brokerage roles, in the order of
#: :data:`sociale_kaart.core.vocabulary.BROKERAGE_ROLES`.
ROLE_COLORS: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00")

#: The node fields ``color_by=`` may name, besides ``"kind"``.
COLOR_BY_FIELDS: frozenset[str] = frozenset({"neighbourhood", "level", "role", "type", "team"})

# ----------------------------------------------------------------------------- sizes and fonts

#: Node size (radius in points) when ``size_by`` is not given.
NODE_SIZE = 12.0
#: Smallest and largest node size of ``size_by=``.
SIZE_RANGE: tuple[float, float] = (8.0, 40.0)
#: Font size of node labels and small legends.
FONT_LABEL = 7
#: Font size of ticks, legends and notes.
FONT_TEXT = 8
#: Font size of titles.
FONT_TITLE = 10
#: Font size of the numbers inside heatmap cells.
FONT_CELL = 6
#: The longest node label, in characters.
MAX_LABEL = 40


def palette(values: Iterable[Hashable]) -> dict[Hashable, str]:
    """A colour per distinct value, in sorted order, cycling through :data:`PALETTE`.

    Examples
    --------
    >>> from sociale_kaart.pictures.style import palette
    >>> palette(["b", "a", "b", None])
    {'a': '#0072B2', 'b': '#E69F00'}
    """
    distinct = sorted({v for v in values if v is not None}, key=str)
    return {v: PALETTE[i % len(PALETTE)] for i, v in enumerate(distinct)}


def node_colors(
    G: nx.MultiDiGraph, color_by: str | Mapping[Any, Any], nodes: list[Any], language: str
) -> tuple[dict[Any, str], list[tuple[str, str]]]:
    """A colour per node, and the legend as ``(colour, label)`` pairs.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    color_by : str or mapping
        ``"kind"`` (colours of :data:`KIND_COLORS`, legend in ``language``),
        a field of :data:`COLOR_BY_FIELDS`, or a mapping node -> group.
    nodes : list
        The nodes drawn.
    language : {"nl", "en"}
        Language of the kind legend.

    Returns
    -------
    tuple of dict and list
        Node -> colour, and the legend.

    Raises
    ------
    ValueError
        If ``color_by`` is a string that is neither ``"kind"`` nor a field of
        :data:`COLOR_BY_FIELDS`.
    TypeError
        If ``color_by`` is neither a string nor a mapping.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.pictures.style import node_colors
    >>> G = sk.load_sample()
    >>> colours, legend = node_colors(G, "kind", ["r_henk", "p_schuld"], "en")
    >>> colours["r_henk"], legend
    ('#56B4E9', [('#56B4E9', 'Residents'), ('#E69F00', 'Professionals')])
    """
    if isinstance(color_by, str) and color_by == "kind":
        kinds_present = {G.nodes[n].get("kind") for n in nodes}
        colours = {n: KIND_COLORS.get(G.nodes[n].get("kind"), OTHER_COLOR) for n in nodes}
        legend = [
            (KIND_COLORS[k], kind_label(k, language, plural=True))
            for k in KINDS
            if k in kinds_present
        ]
        return colours, legend
    if isinstance(color_by, str):
        if color_by not in COLOR_BY_FIELDS:
            raise ValueError(
                f"color_by must be 'kind', one of {sorted(COLOR_BY_FIELDS)}, or a mapping "
                f"node -> group, not {color_by!r}"
            )
        groups: dict[Any, Any] = {n: G.nodes[n].get(color_by) for n in nodes}
    elif isinstance(color_by, (Mapping, pd.Series)):
        groups = {n: color_by.get(n) for n in nodes}
    else:
        raise TypeError(f"color_by must be a string or a mapping, not {type(color_by).__name__}")
    colours_by_group: dict[Hashable, str] = palette(groups.values())
    colours = {n: colours_by_group.get(g, MISSING_COLOR) for n, g in groups.items()}
    legend = [(c, str(g)) for g, c in colours_by_group.items()]
    return colours, legend


def node_sizes(G: nx.MultiDiGraph, size_by: Any, nodes: list[Any]) -> dict[Any, float]:
    """A size per node: :data:`NODE_SIZE`, or scaled into :data:`SIZE_RANGE` by ``size_by``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    size_by : str, Series, mapping or None
        ``None`` for equal sizes; ``"degree"``; a column of
        :func:`sociale_kaart.centrality` (computed by that function); or
        numbers per node. The area grows with the value (the radius with its
        square root); nodes without a number get the smallest size.
    nodes : list
        The nodes drawn.

    Returns
    -------
    dict
        Node -> size.

    Raises
    ------
    ValueError
        If ``size_by`` names no column of :func:`sociale_kaart.centrality`.
    TypeError
        If ``size_by`` is of another type.

    Examples
    --------
    >>> import networkx as nx
    >>> from sociale_kaart.pictures.style import node_sizes
    >>> node_sizes(nx.MultiDiGraph(), {"a": 0.0, "b": 1.0}, ["a", "b", "c"])
    {'a': 8.0, 'b': 40.0, 'c': 8.0}
    """
    if size_by is None:
        return dict.fromkeys(nodes, NODE_SIZE)
    if isinstance(size_by, str):
        values = _centrality_column(G, size_by)
    elif isinstance(size_by, (pd.Series, Mapping)):
        values = dict(size_by.items())
    else:
        raise TypeError(
            "size_by must be a centrality column name (e.g. 'pagerank'), a Series or "
            f"a mapping node -> number, not {type(size_by).__name__}"
        )
    numbers = {
        n: float(values[n])
        for n in nodes
        if n in values and values[n] is not None and not pd.isna(values[n])
    }
    if not numbers:
        return dict.fromkeys(nodes, NODE_SIZE)
    low, high = min(numbers.values()), max(numbers.values())
    span = high - low
    lo, hi = SIZE_RANGE
    out = {}
    for n in nodes:
        v = numbers.get(n)
        if v is None:
            out[n] = lo
        else:
            share = (v - low) / span if span > 0 else 0.5
            out[n] = lo + math.sqrt(share) * (hi - lo)
    return out


def _centrality_column(G: nx.MultiDiGraph, column: str) -> Mapping[Any, Any]:
    if column == "degree":
        return dict(G.degree())
    from sociale_kaart.analysis.centrality import centrality

    frame = centrality(G)
    if column not in frame.columns:
        hint = nearest_code(column, [*frame.columns, "degree"])
        tip = f"did you mean {hint!r}? " if hint else ""
        raise ValueError(
            f"size_by={column!r} is not a column of sk.centrality(G); "
            f"{tip}choose one of {list(frame.columns)}"
        )
    return dict(frame[column].items())


def node_label(G: nx.MultiDiGraph, node: Any, *, show: Collection[str] = ()) -> str:
    """The label drawn next to a node: its name, or its id; none for residents.

    Residents are unlabelled unless ``"name"`` is in ``show`` (their name is
    personal data; their id is in the tooltip). Labels longer than
    :data:`MAX_LABEL` characters are cut with an ellipsis.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.pictures.style import node_label
    >>> G = sk.load_sample()
    >>> node_label(G, "r_henk"), node_label(G, "r_henk", show={"name"}) != ""
    ('', True)
    """
    attrs = G.nodes[node]
    if attrs.get("kind") == "resident":
        return str(attrs.get("name") or "") if "name" in show else ""
    name = attrs.get("name")
    label = str(name) if name else str(node)
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def check_show(show: Iterable[str] | None) -> frozenset[str]:
    """The ``show=`` argument of a picture as a set of node fields, checked.

    ``show`` names the sensitive fields a picture may use (``"name"``,
    ``"needs"``, ``"lat"``...); a single string is one field.

    Raises
    ------
    ValueError
        If a name is not a field of any record model, nor ``"kind"``.

    Examples
    --------
    >>> from sociale_kaart.pictures.style import check_show
    >>> sorted(check_show(["name", "needs"])), check_show("name"), check_show(None)
    (['name', 'needs'], frozenset({'name'}), frozenset())
    """
    if show is None:
        return frozenset()
    if isinstance(show, str):
        show = [show]
    known = {f for model in MODELS.values() for f in model.model_fields} | {"kind"}
    out = frozenset(show)
    unknown = sorted(out - known)
    if unknown:
        raise ValueError(
            f"show= names unknown fields {unknown}; use node fields such as "
            "'name', 'needs', 'statuses' or 'birth_year'"
        )
    return out


def highlights(highlight: Any) -> tuple[list[list[Any]], set[Any]]:
    """Paths to draw and nodes to mark, from a referral row, gap rows or a list of ids.

    Parameters
    ----------
    highlight : pandas.Series, mapping, pandas.DataFrame, list or None
        A row of :func:`sociale_kaart.suggest_referrals` (its ``path``), rows
        of :func:`sociale_kaart.find_gaps` (their ``nodes``), or a list of
        node ids read as one path.

    Returns
    -------
    tuple of list and set
        The paths, and the marked nodes.

    Raises
    ------
    TypeError
        If ``highlight`` is of another type.
    ValueError
        If a row has neither a ``path`` nor a ``nodes`` list.

    Examples
    --------
    >>> from sociale_kaart.pictures.style import highlights
    >>> highlights(["r1", "p1", "i1"]), highlights({"nodes": ["i1"]})
    (([['r1', 'p1', 'i1']], set()), ([], {'i1'}))
    """
    if highlight is None:
        return [], set()
    paths: list[list[Any]] = []
    marked: set[Any] = set()
    if isinstance(highlight, pd.DataFrame):
        rows: list[Any] = [row for _, row in highlight.iterrows()]
    elif isinstance(highlight, (pd.Series, Mapping)):
        rows = [highlight]
    elif isinstance(highlight, (list, tuple)):
        return [list(highlight)], set()
    else:
        raise TypeError(
            "highlight must be a referral row (with 'path'), gap rows (with 'nodes'), "
            f"or a list of node ids, not {type(highlight).__name__}"
        )
    for row in rows:
        keys = set(row.keys())
        if "path" in keys and isinstance(row["path"], (list, tuple)):
            paths.append(list(row["path"]))
        elif "nodes" in keys and isinstance(row["nodes"], (list, tuple, set)):
            marked.update(row["nodes"])
        else:
            raise ValueError(
                "highlight rows need a 'path' (a referral) or a 'nodes' list (a gap); "
                f"this row has columns {sorted(map(str, keys))}"
            )
    return paths, marked
