"""The interactive map: a safe, offline vis-network page of a social map.

:func:`interactive` returns a :class:`~sociale_kaart.pictures.interactive.MapNetwork`, a
:class:`pyvis.network.Network` that renders through the package's own template instead of pyvis's.
pyvis 0.3.2 prints its ``heading`` and the node ids of its select menu raw, turns
every tooltip into raw HTML as soon as one title contains the text "href",
copies every node attribute into the page in ``from_nx``, and loads
Bootstrap from the internet. Our template:

- inlines vis-network (bundled with pyvis) and loads nothing from outside;
  a Content-Security-Policy meta tag lets only the two bundled scripts run;
- writes the data as escaped JSON, and builds tooltips as text in the
  browser (``textContent``), never as HTML;
- gives each map a unique container id, so two maps can share a page;
- puts only whitelisted fields in tooltips: residents' names, needs,
  statuses, birth year, coordinates and postcode stay out unless ``show=``
  asks for them.

Maps above :data:`~sociale_kaart.pictures.interactive.PHYSICS_MAX_NODES` nodes are laid out in
Python and drawn without physics, so a 5,000-node map opens in a few seconds.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import math
import os
from collections.abc import Collection, Hashable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

from sociale_kaart.core.errors import NodeNotFoundError
from sociale_kaart.core.records import KINDS, MODELS, SENSITIVE_FIELDS
from sociale_kaart.core.strings import (
    check_language,
    field_label,
    kind_label,
    relation_label,
    text,
)
from sociale_kaart.core.themes import theme_label
from sociale_kaart.io.atomic import atomic_file, written_path
from sociale_kaart.pictures.layout import (
    HIGHLIGHT_COLOR,
    KIND_COLORS,
    auto_layout,
    palette,
)

if TYPE_CHECKING:
    from sociale_kaart.pictures.mapnetwork import MapNetwork

__all__ = ["PHYSICS_MAX_NODES", "TOOLTIP_FIELDS", "MapNetwork", "interactive", "write_html"]

PathLike = str | os.PathLike[str]

#: Maps with more nodes than this are drawn without physics, from a Python layout.
PHYSICS_MAX_NODES = 1000

#: Fields shown in tooltips by default, per kind. Sensitive fields are never
#: in this list; ``show=`` adds fields.
TOOLTIP_FIELDS: dict[str, tuple[str, ...]] = {
    "resident": ("neighbourhood", "languages", "offers"),
    "professional": ("name", "role", "organisation", "team", "neighbourhoods", "languages"),
    "initiative": (
        "name",
        "themes",
        "level",
        "neighbourhood",
        "serves",
        "min_age",
        "max_age",
        "genders",
        "languages",
        "requires",
        "excludes",
        "grants",
        "capacity",
        "cost_eur",
        "schedule",
        "place",
        "organisation",
        "last_verified",
        "description",
        "contact",
    ),
    "organisation": (
        "name",
        "type",
        "themes",
        "level",
        "neighbourhood",
        "serves",
        "min_age",
        "max_age",
        "genders",
        "languages",
        "requires",
        "excludes",
        "grants",
        "capacity",
        "cost_eur",
        "schedule",
        "last_verified",
        "description",
        "contact",
    ),
    "place": ("name", "type", "neighbourhood", "description"),
}
_MAX_TEXT = 300
_SIZE_RANGE = (8.0, 40.0)


def _map_network_class() -> type[MapNetwork]:
    try:
        from sociale_kaart.pictures.mapnetwork import MapNetwork
    except ImportError as err:
        raise ImportError(
            "the interactive map needs pyvis 0.3.2 and jinja2: "
            "pip install 'sociale_kaart[interactive]'"
        ) from err
    return MapNetwork


def __getattr__(name: str) -> Any:
    if name == "MapNetwork":
        return _map_network_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _check_show(show: Iterable[str] | None) -> frozenset[str]:
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


def _format_value(field: str, value: Any, themes: Mapping[str, Any], language: str) -> str:
    if isinstance(value, dict):  # needs: theme -> ZRM score
        parts = []
        for code, score in value.items():
            label = theme_label(str(code), themes, language=language)
            parts.append(label if score is None else f"{label} ({score})")
        return ", ".join(parts)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [str(v) for v in value]
        if field in ("themes", "offers"):
            items = [theme_label(v, themes, language=language) for v in items]
        elif field == "level":
            items = [text(f"level.{v}", language) for v in items]
        return ", ".join(items)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if field == "level" and isinstance(value, str):
        key = f"level.{value}"
        return text(key, language) if value in ("informal", "general", "specialised") else value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    out = str(value)
    return out if len(out) <= _MAX_TEXT else out[: _MAX_TEXT - 1] + "…"


def tooltip_fields(kind: str, show: Collection[str] = ()) -> list[str]:
    """The fields a tooltip of ``kind`` shows: the whitelist plus ``show``.

    Examples
    --------
    >>> from sociale_kaart.pictures.interactive import tooltip_fields
    >>> "name" in tooltip_fields("resident"), "name" in tooltip_fields("resident", {"name"})
    (False, True)
    """
    base = [f for f in TOOLTIP_FIELDS.get(kind, ()) if f not in SENSITIVE_FIELDS.get(kind, ())]
    model = MODELS.get(kind)
    for field in sorted(show):
        if field not in base and (model is None or field in model.model_fields):
            base.append(field)
    return base


def node_title(G: nx.MultiDiGraph, node: Any, *, show: Collection[str] = (), language: str) -> str:
    """The plain-text tooltip of a node: kind, id, then the allowed fields, a line each."""
    attrs = G.nodes[node]
    kind = str(attrs.get("kind"))
    themes = G.graph.get("themes") or {}
    lines = [f"{kind_label(kind, language)}: {node}"]
    for field in tooltip_fields(kind, show):
        value = attrs.get(field)
        if value is None or value == [] or value == {} or value == "":
            continue
        shown = _format_value(field, value, themes, language)
        lines.append(f"{field_label(field, language)}: {shown}")
    return "\n".join(lines)


def node_label(G: nx.MultiDiGraph, node: Any, *, show: Collection[str] = ()) -> str:
    """The label drawn next to a node: its name, or its id; none for residents.

    Residents are unlabelled unless ``"name"`` is in ``show`` (their name is
    personal data; their id is in the tooltip).
    """
    attrs = G.nodes[node]
    if attrs.get("kind") == "resident":
        return str(attrs.get("name") or "") if "name" in show else ""
    name = attrs.get("name")
    label = str(name) if name else str(node)
    return label if len(label) <= 40 else label[:39] + "…"


def _highlight(highlight: Any) -> tuple[list[list[Any]], set[Any]]:
    """Paths to draw and nodes to mark, from a referral row, gap rows or a list of ids."""
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


def _sizes(G: nx.MultiDiGraph, size_by: Any, nodes: list[Any]) -> dict[Any, float]:
    if size_by is None:
        return dict.fromkeys(nodes, 12.0)
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
        return dict.fromkeys(nodes, 12.0)
    low, high = min(numbers.values()), max(numbers.values())
    span = high - low
    lo, hi = _SIZE_RANGE
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
        raise ValueError(
            f"size_by={column!r} is not a column of sk.centrality(G); "
            f"choose one of {list(frame.columns)}"
        )
    return dict(frame[column].items())


def _colors(
    G: nx.MultiDiGraph, color_by: str | Mapping[Any, Any], nodes: list[Any], language: str
) -> tuple[dict[Any, str], list[tuple[str, str]]]:
    """A colour per node, and the legend (colour, label)."""
    if isinstance(color_by, str) and color_by == "kind":
        kinds_present = {G.nodes[n].get("kind") for n in nodes}
        colours = {n: KIND_COLORS.get(G.nodes[n].get("kind"), "#999999") for n in nodes}
        legend = [
            (KIND_COLORS[k], kind_label(k, language, plural=True))
            for k in KINDS
            if k in kinds_present
        ]
        return colours, legend
    if isinstance(color_by, str):
        allowed = {"neighbourhood", "level", "role", "type", "team"}
        if color_by not in allowed:
            raise ValueError(
                f"color_by must be 'kind', one of {sorted(allowed)}, or a mapping "
                f"node -> group, not {color_by!r}"
            )
        groups: dict[Any, Any] = {n: G.nodes[n].get(color_by) for n in nodes}
    elif isinstance(color_by, (Mapping, pd.Series)):
        groups = {n: color_by.get(n) for n in nodes}
    else:
        raise TypeError(f"color_by must be a string or a mapping, not {type(color_by).__name__}")
    colours_by_group: dict[Hashable, str] = palette(groups.values())
    colours = {n: colours_by_group.get(g, "#cccccc") for n, g in groups.items()}
    legend = [(c, str(g)) for g, c in colours_by_group.items()]
    return colours, legend


def _pixels(pos: Mapping[Any, tuple[float, float]]) -> dict[Any, tuple[float, float]]:
    """Scale positions so the map is about 45 px per node across."""
    if not pos:
        return {}
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    width = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    target = 45.0 * math.sqrt(len(pos)) + 100.0
    f = target / width
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: (round((x - cx) * f, 1), round(-(y - cy) * f, 1)) for n, (x, y) in pos.items()}


def _nbs(attrs: Mapping[str, Any]) -> list[str]:
    many = attrs.get("neighbourhoods")
    if isinstance(many, list) and many:
        return [str(n) for n in many]
    one = attrs.get("neighbourhood")
    return [str(one)] if one else []


def _filter_themes(attrs: Mapping[str, Any], show: Collection[str]) -> list[str]:
    out = list(attrs.get("themes") or [])
    out += list(attrs.get("offers") or [])
    if attrs.get("kind") == "resident" and "needs" in show:
        out += list((attrs.get("needs") or {}).keys())
    return sorted(set(map(str, out)))


def interactive(
    G: nx.MultiDiGraph,
    *,
    color_by: str | Mapping[Any, Any] = "kind",
    size_by: str | pd.Series | Mapping[Any, float] | None = None,
    highlight: Any = None,
    show: Iterable[str] | None = None,
    physics: bool = True,
    seed: int = 0,
    nodes: Iterable[Any] | None = None,
    language: str = "nl",
    layout: str = "auto",
    height: str = "640px",
    title: str | None = None,
    max_physics_nodes: int = PHYSICS_MAX_NODES,
) -> MapNetwork:
    """An interactive map of ``G``: a pyvis Network that renders safely and offline.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    color_by : str or mapping, default "kind"
        ``"kind"`` (a fixed colour per kind, with a legend), a node field
        (``"neighbourhood"``, ``"level"``, ``"role"``, ``"type"``,
        ``"team"``), or a mapping node -> group (e.g. communities).
    size_by : str, Series or mapping, optional
        Node size: a column of ``sk.centrality`` (e.g.
        ``"pagerank"``), ``"degree"``, or numbers per node. Sizes grow with
        the square root of the value, from 8 to 40 pixels.
    highlight : pandas.Series, pandas.DataFrame or list, optional
        A row of ``sk.suggest_referrals`` (its ``path`` is
        drawn as a path), rows of ``sk.find_gaps`` (their
        ``nodes`` are marked), or a list of node ids (drawn as a path).
    show : iterable of str, optional
        Fields to add to the tooltips, e.g. ``["name", "needs"]``. By
        default tooltips show only
        :data:`~sociale_kaart.pictures.interactive.TOOLTIP_FIELDS`, which leave out
        residents' sensitive fields (see
        :data:`sociale_kaart.core.records.SENSITIVE_FIELDS`).
    physics : bool, default True
        Let the browser simulate forces, for maps of at most
        ``max_physics_nodes`` nodes. Larger maps are always drawn without
        physics from a Python layout.
    seed : int, default 0
        Seed of the Python layout and of vis-network's layout.
    nodes : iterable, optional
        Draw only these nodes (and the ties between them).
    language : {"nl", "en"}, default "nl"
        Language of labels, legend, filters and tooltips.
    layout : str, default "auto"
        The Python layout for the starting positions: ``"auto"``,
        ``"neighbourhood"``, ``"coordinates"`` or ``"spring"`` (see
        :func:`sociale_kaart.plot_map`).
    height : str, default "640px"
        CSS height of the map.
    title : str, optional
        The page title.
    max_physics_nodes : int, default :data:`~sociale_kaart.pictures.interactive.PHYSICS_MAX_NODES`
        Above this many nodes, physics is off.

    Returns
    -------
    sociale_kaart.pictures.interactive.MapNetwork
        A :class:`pyvis.network.Network`. Its pages are made by
        sociale_kaart's template; nothing is written until you call
        :meth:`~sociale_kaart.pictures.interactive.MapNetwork.write_html` (or :func:`write_html`).

    Raises
    ------
    ValueError
        For an unknown ``show`` field, ``color_by``, ``size_by`` or language.
    NodeNotFoundError
        If ``highlight`` names a node that is not in the map.

    See Also
    --------
    write_html : write the page to a file.
    sociale_kaart.plot_map : a static figure.

    Notes
    -----
    Filters for kind, neighbourhood and theme are in the page. A
    professional belongs to each of its ``neighbourhoods``; a node's themes
    are an offer's ``themes`` or a resident's ``offers`` (residents' needs
    only when ``"needs"`` is in ``show``). Multiple ties between two nodes
    are drawn as separate edges.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> net = sk.interactive(G, language="en")
    >>> len(net.nodes), len(net.edges)
    (294, 1261)
    >>> page = net.generate_html()
    >>> "Content-Security-Policy" in page, "Samira" in page
    (True, False)
    """
    map_network = _map_network_class()
    language = check_language(language)
    shown = _check_show(show)
    if isinstance(max_physics_nodes, bool) or not isinstance(max_physics_nodes, int):
        raise TypeError("max_physics_nodes must be a whole number")
    chosen = list(G.nodes) if nodes is None else list(dict.fromkeys(nodes))
    for n in chosen:
        if n not in G:
            raise NodeNotFoundError(f"node {n!r} (in nodes=) is not in the map")
    chosen_set = set(chosen)
    paths, marked = _highlight(highlight)
    for n in [*marked, *(n for p in paths for n in p)]:
        if n not in G:
            raise NodeNotFoundError(f"highlighted node {n!r} is not in the map")
    on_path = {n for p in paths for n in p}
    for n in sorted(on_path | marked, key=str):
        if n not in chosen_set:
            chosen.append(n)
            chosen_set.add(n)

    net = map_network(language=language, title=title, height=height, width="100%")
    big = len(chosen) > max_physics_nodes
    use_physics = bool(physics) and not big
    net.toggle_physics(use_physics)
    net.sk_large = big
    net.sk_seed = int(seed)
    if big:
        net.sk_note = text("map.static", language)
    pos = _pixels(auto_layout(G, layout=layout, seed=seed, nodes=chosen))
    colours, net.sk_legend = _colors(G, color_by, chosen, language)
    sizes = _sizes(G, size_by, chosen)
    themes = G.graph.get("themes") or {}

    node_records = []
    kinds_seen: set[str] = set()
    nbs_seen: set[str] = set()
    themes_seen: set[str] = set()
    for n in chosen:
        attrs = G.nodes[n]
        nid = str(n)
        x, y = pos.get(n, (0.0, 0.0))
        special = n in on_path or n in marked
        node_records.append(
            {
                "id": nid,
                "label": node_label(G, n, show=shown),
                "title": node_title(G, n, show=shown, language=language),
                "shape": "dot",
                "color": colours[n],
                "size": sizes[n] * (1.4 if special else 1.0),
                "x": x,
                "y": y,
            }
        )
        kind = str(attrs.get("kind"))
        nb_list = _nbs(attrs)
        theme_list = _filter_themes(attrs, shown)
        kinds_seen.add(kind)
        nbs_seen.update(nb_list)
        themes_seen.update(theme_list)
        net.sk_meta[nid] = {
            "kind": kind,
            "nbs": nb_list,
            "themes": theme_list,
            "border": HIGHLIGHT_COLOR if special else "#555555",
            "borderWidth": 4 if special else 1,
        }
    net.nodes = node_records
    net.node_ids = [r["id"] for r in node_records]
    net.node_map = {r["id"]: r for r in node_records}

    path_pairs: set[tuple[Any, Any]] = set()
    for p in paths:
        path_pairs.update(itertools.pairwise(p))
    path_pairs_undirected = path_pairs | {(b, a) for a, b in path_pairs}
    edge_records = []
    drawn_pairs: set[tuple[Any, Any]] = set()
    for u, v, key, attrs in G.edges(keys=True, data=True):
        if u not in chosen_set or v not in chosen_set:
            continue
        relation = str(attrs.get("relation", key))
        on = (u, v) in path_pairs_undirected
        if on:
            drawn_pairs.add((u, v))
            drawn_pairs.add((v, u))
        edge_records.append(
            {
                "from": str(u),
                "to": str(v),
                "title": f"{u} {relation_label(relation, language)} {v}",
                "color": HIGHLIGHT_COLOR if on else "#9a9a9a",
                "width": 4.0 if on else 1.0,
                "opacity": 1.0 if on else 0.5,
            }
        )
    for a, b in sorted(path_pairs, key=str):  # steps of a path with no tie in the map
        if (a, b) not in drawn_pairs:
            edge_records.append(
                {
                    "from": str(a),
                    "to": str(b),
                    "title": "",
                    "color": HIGHLIGHT_COLOR,
                    "width": 4.0,
                    "opacity": 1.0,
                    "dashes": True,
                }
            )
    net.edges = edge_records
    net.sk_highlighted = bool(paths or marked)

    net.sk_filters = {
        "kind": [(k, kind_label(k, language, plural=True)) for k in KINDS if k in kinds_seen],
        "neighbourhood": [(nb, nb) for nb in sorted(nbs_seen)],
        "theme": sorted(
            ((code, theme_label(code, themes, language=language)) for code in themes_seen),
            key=lambda item: item[1].lower(),
        ),
    }
    return net


def write_html(G: nx.MultiDiGraph, path: PathLike, **kwargs: Any) -> Path:
    """Write the interactive map of ``G`` as one standalone, offline HTML file.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    path : str or path-like
        The file to write; its missing parent folders are created.
    **kwargs
        Passed to :func:`interactive` (``color_by``, ``size_by``,
        ``highlight``, ``show``, ``physics``, ``seed``, ``language`` ...).

    Returns
    -------
    pathlib.Path
        The file written (one-file formats return the file). The write is
        atomic: an interrupted write leaves the old page intact.

    See Also
    --------
    interactive : the map as a pyvis Network.
    report : the whole wijkanalyse, with the map in it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import sociale_kaart as sk
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = sk.write_html(sk.load_sample(), pathlib.Path(tmp) / "map.html")
    ...     page = out.read_text(encoding="utf-8")
    >>> page.startswith("<!DOCTYPE html>"), "<script src" in page, "<link" in page
    (True, False, False)
    """
    page = interactive(G, **kwargs)
    with atomic_file(path) as tmp:
        page.write_html(tmp)
    return written_path(path)
