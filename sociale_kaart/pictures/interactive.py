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
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

from sociale_kaart.core.checks import check_node_attribute, require_map
from sociale_kaart.core.errors import NodeNotFoundError
from sociale_kaart.core.records import MODELS, SENSITIVE_FIELDS
from sociale_kaart.core.strings import (
    check_language,
    field_label,
    kind_label,
    relation_label,
    text,
)
from sociale_kaart.core.themes import theme_label
from sociale_kaart.core.vocabulary import KINDS, LEVELS
from sociale_kaart.io.atomic import atomic_file, written_path
from sociale_kaart.pictures.labelling import label_order, zoom_table
from sociale_kaart.pictures.layout import auto_layout
from sociale_kaart.pictures.search import search_data
from sociale_kaart.pictures.style import (
    EDGE_COLOR,
    HIGHLIGHT_COLOR,
    MAP_BORDER_COLOR,
    check_show,
    highlights,
    node_colors,
    node_label,
    node_sizes,
)
from sociale_kaart.privacy import export_fields

if TYPE_CHECKING:
    from sociale_kaart.pictures.mapnetwork import MapNetwork

__all__ = [
    "PHYSICS_MAX_NODES",
    "TOOLTIP_FIELDS",
    "TOOLTIP_OMITS",
    "MapNetwork",
    "interactive",
    "write_html",
]

PathLike = str | os.PathLike[str]

#: Maps with more nodes than this are drawn without physics, from a Python layout.
PHYSICS_MAX_NODES = 1000

#: Exported fields a tooltip leaves out: the coordinates (the map already
#: places the node) and a professional's working hours.
TOOLTIP_OMITS: frozenset[str] = frozenset({"lat", "lon", "hours_per_week"})
#: Fields shown in tooltips by default, per kind: the export whitelist
#: :func:`sociale_kaart.export_fields` (which leaves out every sensitive
#: field of :data:`~sociale_kaart.core.records.SENSITIVE_FIELDS`) without
#: :data:`TOOLTIP_OMITS`, in the models' order. ``show=`` adds fields.
TOOLTIP_FIELDS: dict[str, tuple[str, ...]] = {
    kind: tuple(f for f in fields if f not in TOOLTIP_OMITS)
    for kind, fields in export_fields().items()
}
_MAX_TEXT = 300


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
        return text(key, language) if value in LEVELS else value
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
    language: str = "en",
    layout: str = "auto",
    height: str = "640px",
    title: str | None = None,
    max_physics_nodes: int = PHYSICS_MAX_NODES,
    search: bool = True,
    eligibility: bool = False,
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
    language : {"en", "nl"}, default "en"
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
    search : bool, default True
        Put a search box above the map: the drawn offers by theme, near a
        postcode or place and within a radius, as :func:`sociale_kaart.find_offers`
        filters them, on data embedded in the page (see
        :mod:`sociale_kaart.pictures.search`).
    eligibility : bool, default False
        Let the search box check the offers for a drawn resident: embeds
        each drawn resident's eligibility and the reasons (which can
        name statuses). For team pages only; never for the public.

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
    Labels follow the zoom: the highlighted path (and marked nodes) are
    always labelled, and of the other nodes only the largest (by the size
    drawn, ties by degree), as many as
    :func:`~sociale_kaart.pictures.labelling.label_count` gives for the
    current zoom, less those whose label would overlap one placed before
    it; every node shows its label when the pointer is on it.
    Filters for kind, neighbourhood and theme are in the page, and the
    search box lists the offers that match, nearest first, with the
    number left out for want of coordinates when searching near a place. A
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
    require_map(G)
    check_node_attribute(G, color_by, parameter="color_by")
    map_network = _map_network_class()
    language = check_language(language)
    shown = check_show(show)
    if isinstance(max_physics_nodes, bool) or not isinstance(max_physics_nodes, int):
        raise TypeError("max_physics_nodes must be a whole number")
    for flag, value in (("search", search), ("eligibility", eligibility)):
        if not isinstance(value, bool):
            raise TypeError(f"{flag} must be True or False, not {value!r}")
    chosen = list(G.nodes) if nodes is None else list(dict.fromkeys(nodes))
    for n in chosen:
        if n not in G:
            raise NodeNotFoundError(f"node {n!r} (in nodes=) is not in the map")
    chosen_set = set(chosen)
    paths, marked = highlights(highlight)
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
    colours, net.sk_legend = node_colors(G, color_by, chosen, language)
    sizes = node_sizes(G, size_by, chosen)
    themes = G.graph.get("themes") or {}

    label_texts = {n: node_label(G, n, show=shown) for n in chosen}
    always = [*(n for p in paths for n in p), *sorted(marked, key=str)]
    order = label_order(
        {n: sizes[n] for n in chosen if label_texts[n]},
        degree=dict(G.degree(chosen)),
        always=always,
    )
    fixed = {n for n in always if label_texts.get(n)}
    ranks: dict[Any, int] = {}
    for n in order:
        ranks[n] = -1 if n in fixed else len(ranks) - len(fixed)
    net.sk_label_steps = zoom_table(len(order) - len(fixed))

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
                "label": label_texts[n],
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
            "border": HIGHLIGHT_COLOR if special else MAP_BORDER_COLOR,
            "borderWidth": 4 if special else 1,
            "rank": ranks.get(n),
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
                "color": HIGHLIGHT_COLOR if on else EDGE_COLOR,
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
    if search:
        net.sk_search = search_data(G, chosen, language=language, eligibility=eligibility)

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
    require_map(G)
    page = interactive(G, **kwargs)
    with atomic_file(path) as tmp:
        page.write_html(tmp)
    return written_path(path)
