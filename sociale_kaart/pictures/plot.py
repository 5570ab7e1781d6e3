"""Static figures with matplotlib: map, coverage, centrality, ego network, referral, brokers.

Every function takes ``ax=None`` (a new figure when not given), returns the
:class:`~matplotlib.axes.Axes` it drew on, and neither shows nor saves
anything: call ``ax.figure.savefig(...)`` yourself. Layouts that involve
chance take a ``seed``. Positions are computed in
:mod:`sociale_kaart.pictures.layout`, apart from the drawing.

Artists carry a ``gid`` so that tests (and you) can find them: node
collections are ``"nodes:<group>"``, ties ``"edges"``, a highlighted path
``"highlight-edges"``, marked nodes ``"highlight"``.

Privacy: residents are not labelled by name, and residents' coordinates are
not used for positions, unless ``show=`` asks for ``"name"`` or for
``"lat"`` and ``"lon"``.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import pandas as pd

from sociale_kaart.core.checks import check_node_attribute, require_map
from sociale_kaart.core.errors import NodeNotFoundError
from sociale_kaart.core.strings import STRINGS, check_language, kind_label, relation_label, text
from sociale_kaart.core.themes import DEFAULT_THEMES, theme_label
from sociale_kaart.core.vocabulary import BROKERAGE_ROLES, KINDS
from sociale_kaart.core.wording import label_sort_key
from sociale_kaart.pictures.labelling import declutter, label_order, labels_at_zoom
from sociale_kaart.pictures.layout import auto_layout, ego_layout, path_layout
from sociale_kaart.pictures.style import (
    BORDER_COLOR,
    DEMAND_COLORMAP,
    EDGE_COLOR,
    FONT_CELL,
    FONT_LABEL,
    FONT_TEXT,
    FONT_TITLE,
    HIGHLIGHT_COLOR,
    KIND_COLORS,
    NODE_SIZE,
    OTHER_COLOR,
    ROLE_COLORS,
    SUPPRESSED_COLOR,
    TEXT_COLOR,
    check_show,
    highlights,
    node_colors,
    node_label,
    node_sizes,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "plot_brokerage",
    "plot_centrality",
    "plot_coverage",
    "plot_ego",
    "plot_map",
    "plot_referral",
]


def load_pyplot() -> Any:
    """``matplotlib.pyplot``, imported on first use, with the install hint when it is missing."""
    try:
        import matplotlib.pyplot as plt
    except ImportError as err:
        raise ImportError(
            "figures need matplotlib: pip install 'sociale_kaart[plot]' (or pip install matplotlib)"
        ) from err
    return plt


def _axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    _, new = load_pyplot().subplots(figsize=figsize)
    return new


def _draw_network(
    ax: Axes,
    G: nx.MultiDiGraph,
    pos: Mapping[Any, tuple[float, float]],
    nodes: list[Any],
    *,
    color_by: str | Mapping[Any, Any],
    sizes: Mapping[Any, float],
    labels: Mapping[Any, str],
    paths: list[list[Any]],
    marked: set[Any],
    language: str,
    legend: bool,
) -> None:
    from matplotlib.collections import LineCollection

    node_set = set(nodes)
    pairs = {
        (u, v) if str(u) <= str(v) else (v, u)
        for u, v in G.edges()
        if u in node_set and v in node_set and u != v
    }
    segments = [(pos[u], pos[v]) for u, v in sorted(pairs, key=str)]
    lines = LineCollection(segments, colors=EDGE_COLOR, linewidths=0.5, alpha=0.6, zorder=1)
    lines.set_gid("edges")
    ax.add_collection(lines)

    path_segments = [(pos[a], pos[b]) for p in paths for a, b in itertools.pairwise(p)]
    if path_segments:
        hl = LineCollection(path_segments, colors=HIGHLIGHT_COLOR, linewidths=3, zorder=2)
        hl.set_gid("highlight-edges")
        ax.add_collection(hl)

    colours, legend_items = node_colors(G, color_by, nodes, language)
    by_colour: dict[str, list[Any]] = {}
    for n in nodes:
        by_colour.setdefault(colours[n], []).append(n)
    labels_by_colour = dict(legend_items)
    groups = [c for c, _ in legend_items if c in by_colour]
    groups += [c for c in by_colour if c not in groups]
    kind_of_colour = {v: k for k, v in KIND_COLORS.items()}
    for colour in groups:
        members = by_colour[colour]
        xy = np.array([pos[n] for n in members])
        area = np.array([sizes[n] for n in members]) ** 2 / 3
        label = labels_by_colour.get(colour, "")
        coll = ax.scatter(
            xy[:, 0],
            xy[:, 1],
            s=area,
            c=colour,
            edgecolors=BORDER_COLOR,
            linewidths=0.4,
            zorder=3,
            label=label or None,
        )
        group = kind_of_colour.get(colour, label) if color_by == "kind" else label
        coll.set_gid(f"nodes:{group}")
    if marked or paths:
        special = [n for n in nodes if n in marked or any(n in p for p in paths)]
        xy = np.array([pos[n] for n in special])
        ring = ax.scatter(
            xy[:, 0],
            xy[:, 1],
            s=np.array([sizes[n] for n in special]) ** 2 / 3 * 2.2,
            facecolors="none",
            edgecolors=HIGHLIGHT_COLOR,
            linewidths=2,
            zorder=4,
            label=text("map.highlight", language),
        )
        ring.set_gid("highlight")
    ax.set_aspect("equal", adjustable="datalim")
    ax.autoscale_view()
    ax.set_axis_off()
    ax.apply_aspect()
    placed = []
    for n, label in labels.items():
        if label and n in pos:
            x, y = pos[n]
            placed.append(
                ax.annotate(
                    label,
                    (x, y),
                    xytext=(3, 3),
                    textcoords="offset points",
                    fontsize=FONT_LABEL,
                    zorder=5,
                    gid=f"label:{n}",
                    annotation_clip=False,
                )
            )
    if placed:
        canvas: Any = ax.figure.canvas  # Agg and the interactive canvases have get_renderer
        declutter(placed, canvas.get_renderer())
    if legend and groups:
        ax.legend(loc="best", fontsize=FONT_TEXT, frameon=False, markerscale=0.8)


def _labels(
    G: nx.MultiDiGraph,
    nodes: list[Any],
    labels: bool | str | Iterable[Any],
    shown: frozenset[str],
    *,
    sizes: Mapping[Any, float],
    always: list[Any],
) -> dict[Any, str]:
    """Node -> label, in the order of priority that :func:`declutter` keeps."""
    if labels is False:
        return {}
    if labels is True or labels == "auto":
        texts = {n: node_label(G, n, show=shown) for n in nodes}
        candidates = {n: sizes[n] for n in nodes if texts[n]}
        degree = dict(G.degree(candidates))
        if labels is True:
            order = label_order(candidates, degree=degree, always=always)
        else:
            order = labels_at_zoom(candidates, 1.0, degree=degree, always=always)
        return {n: texts[n] for n in order}
    if isinstance(labels, str):
        raise ValueError(
            f"labels must be True, False, 'auto' or a list of node ids, not {labels!r}"
        )
    wanted = list(labels)
    missing = [n for n in wanted if n not in G]
    if missing:
        raise NodeNotFoundError(f"labels= names nodes that are not in the map: {missing[:5]}")
    return {n: node_label(G, n, show=shown) or str(n) for n in wanted}


def plot_map(
    G: nx.MultiDiGraph,
    *,
    ax: Axes | None = None,
    layout: str = "auto",
    color_by: str | Mapping[Any, Any] = "kind",
    size_by: str | pd.Series | Mapping[Any, float] | None = None,
    labels: bool | str | Iterable[Any] = "auto",
    highlight: Any = None,
    nodes: Iterable[Any] | None = None,
    show: Iterable[str] | None = None,
    seed: int = 0,
    language: str = "en",
    legend: bool = True,
) -> Axes:
    """Draw the social map: nodes coloured by kind, ties as thin lines.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when not given.
    layout : {"auto", "neighbourhood", "coordinates", "spring"}, default "auto"
        ``"neighbourhood"``: one disc per neighbourhood on a circle, with
        wijk-wide nodes (professionals of several buurten, organisations
        without a neighbourhood) in the middle. ``"coordinates"``: by
        ``lat``/``lon``. ``"auto"``: coordinates when at least half of the
        offers and places have them.
    color_by : str or mapping, default "kind"
        ``"kind"``, a node field (``"neighbourhood"``, ``"level"``,
        ``"role"``, ``"type"``, ``"team"``) or a mapping node -> group.
    size_by : str, Series or mapping, optional
        Node size from a centrality column, ``"degree"``, or numbers per node.
    labels : bool, str or list, default "auto"
        ``"auto"`` labels the highlighted path and the largest nodes (by
        the size drawn, ties by degree: see
        :func:`~sociale_kaart.pictures.labelling.labels_at_zoom` at zoom 1);
        ``True`` tries every node, largest first; a list tries those nodes in
        its order. Residents get a label only with ``show=["name"]``. In
        every case a label that would overlap one placed before it is left
        out (:func:`~sociale_kaart.pictures.labelling.declutter`), so no two
        labels overlap.
    highlight : pandas.Series, pandas.DataFrame or list, optional
        As in :func:`sociale_kaart.interactive`.
    nodes : iterable, optional
        Draw only these nodes.
    show : iterable of str, optional
        Sensitive fields the figure may use: ``"name"`` labels residents by
        name; ``"lat"`` and ``"lon"`` place residents at their coordinates.
    seed : int, default 0
        Seed of the layout.
    language : {"en", "nl"}, default "en"
        Language of the legend.
    legend : bool, default True
        Draw a legend.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    NodeNotFoundError
        If ``nodes``, ``labels`` or ``highlight`` name a node not in the map.
    ValueError
        For an unknown ``layout``, ``color_by`` or ``show`` field.

    See Also
    --------
    sociale_kaart.interactive : the same map, interactive.

    Notes
    -----
    Several ties between two nodes are drawn as one line, without arrows.
    Labels are measured at the figure's size when drawn: resizing the
    figure afterwards (or ``bbox_inches="tight"``) can bring them closer.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import sociale_kaart as sk
    >>> ax = sk.plot_map(sk.load_sample(), layout="neighbourhood", language="en")
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['Residents', 'Professionals', 'Initiatives', 'Organisations', 'Places']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    require_map(G)
    check_node_attribute(G, color_by, parameter="color_by")
    language = check_language(language)
    shown = check_show(show)
    chosen = list(G.nodes) if nodes is None else list(dict.fromkeys(nodes))
    missing = [n for n in chosen if n not in G]
    if missing:
        raise NodeNotFoundError(f"nodes= names nodes that are not in the map: {missing[:5]}")
    paths, marked = highlights(highlight)
    for n in [*marked, *(n for p in paths for n in p)]:
        if n not in G:
            raise NodeNotFoundError(f"highlighted node {n!r} is not in the map")
        if n not in chosen:
            chosen.append(n)
    ax = _axes(ax, (9, 9))
    if not chosen:
        ax.set_axis_off()
        return ax
    pos = auto_layout(
        G,
        layout=layout,
        seed=seed,
        resident_coordinates={"lat", "lon"} <= shown,
        nodes=chosen,
    )
    sizes = node_sizes(G, size_by, chosen)
    always = [*(n for p in paths for n in p), *sorted(marked, key=str)]
    _draw_network(
        ax,
        G,
        pos,
        chosen,
        color_by=color_by,
        sizes=sizes,
        labels=_labels(G, chosen, labels, shown, sizes=sizes, always=always),
        paths=paths,
        marked=marked,
        language=language,
        legend=legend,
    )
    return ax


def plot_ego(
    G: nx.MultiDiGraph,
    node: Any,
    *,
    radius: int = 2,
    ax: Axes | None = None,
    show: Iterable[str] | None = None,
    seed: int = 0,
    language: str = "en",
    legend: bool = True,
) -> Axes:
    """Draw one person's world: everyone and everything within ``radius`` ties.

    Ties count in both directions. The node itself is in the middle, ringed;
    each further step lies further out.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    node : str
        A resident, professional, or any other node.
    radius : int, default 2
        How many ties away to go (at least 1).
    ax : matplotlib.axes.Axes, optional
        Where to draw.
    show : iterable of str, optional
        ``["name"]`` labels residents by name (by default they are labelled
        by id).
    seed : int, default 0
        Seed of the spring layout that smooths the rings.
    language : {"en", "nl"}, default "en"
        Language of the legend and title.
    legend : bool, default True
        Draw a legend.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    NodeNotFoundError
        If ``node`` is not in the map.
    ValueError
        If ``radius`` is below 1.

    See Also
    --------
    plot_map : the whole map.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import sociale_kaart as sk
    >>> ax = sk.plot_ego(sk.load_sample(), "r_henk", radius=1, language="en")
    >>> ax.get_title()
    'The world of r_henk'
    >>> sorted(c.get_gid() for c in ax.collections if c.get_gid().startswith("nodes"))
    ['nodes:place', 'nodes:professional', 'nodes:resident']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    require_map(G)
    language = check_language(language)
    shown = check_show(show)
    if node not in G:
        raise NodeNotFoundError(f"node {node!r} is not in the map")
    if isinstance(radius, bool) or not isinstance(radius, int) or radius < 1:
        raise ValueError(f"radius must be a whole number of at least 1, not {radius!r}")
    undirected = G.to_undirected(as_view=True)
    distances = dict(nx.single_source_shortest_path_length(undirected, node, cutoff=radius))
    nodes = sorted(distances, key=lambda n: (distances[n], str(n)))
    pos = ego_layout(G, node, distances, seed=seed)
    ax = _axes(ax, (8, 8))
    labels = {n: node_label(G, n, show=shown) or str(n) for n in nodes if distances[n] <= 1}
    sizes = {n: (22.0 if n == node else NODE_SIZE) for n in nodes}
    _draw_network(
        ax,
        G,
        pos,
        nodes,
        color_by="kind",
        sizes=sizes,
        labels=labels,
        paths=[],
        marked={node},
        language=language,
        legend=legend,
    )
    ax.set_title(f"{text('fig.ego', language)} {node_label(G, node, show=shown) or node}")
    return ax


def _edge_relation(G: nx.MultiDiGraph, a: Any, b: Any, language: str) -> str:
    if G.has_edge(a, b):
        key = next(iter(G[a][b]))
        return relation_label(G[a][b][key].get("relation", key), language)
    if G.has_edge(b, a):
        key = next(iter(G[b][a]))
        return relation_label(G[b][a][key].get("relation", key), language)
    return ""


def plot_referral(
    G: nx.MultiDiGraph,
    referral_row: pd.Series | Mapping[str, Any],
    *,
    ax: Axes | None = None,
    show: Iterable[str] | None = None,
    language: str = "en",
) -> Axes:
    """Draw one referral: the path from a resident to an offer, step by step.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    referral_row : pandas.Series or mapping
        A row of ``sk.suggest_referrals``: ``path`` (list of
        ids) is required; ``target_name``, ``theme`` and ``reasons`` are
        drawn when present.
    ax : matplotlib.axes.Axes, optional
        Where to draw.
    show : iterable of str, optional
        ``["name"]`` labels residents by name.
    language : {"en", "nl"}, default "en"
        Language of the relation labels and title.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If the row has no ``path`` or it is empty.
    NodeNotFoundError
        If the path names a node not in the map.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import sociale_kaart as sk
    >>> row = {"path": ["r_henk", "p_maatschappelijk1", "o_infopunt"], "reasons": ["grants pass"]}
    >>> ax = sk.plot_referral(sk.load_sample(), row, language="en")
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "step"]
    ['supports', 'knows of']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    require_map(G)
    language = check_language(language)
    shown = check_show(show)
    path = referral_row.get("path") if hasattr(referral_row, "get") else None
    if not isinstance(path, (list, tuple)) or not path:
        raise ValueError("referral_row needs a 'path': the list of node ids from resident to offer")
    for n in path:
        if n not in G:
            raise NodeNotFoundError(f"node {n!r} on the referral path is not in the map")
    path = list(path)
    pos = path_layout(path)
    ax = _axes(ax, (max(6.0, 2.2 * len(path)), 3.2))
    from matplotlib.collections import LineCollection

    segments = [(pos[a], pos[b]) for a, b in itertools.pairwise(path)]
    hl = LineCollection(segments, colors=HIGHLIGHT_COLOR, linewidths=3, zorder=1)
    hl.set_gid("highlight-edges")
    ax.add_collection(hl)
    for kind in KINDS:
        members = [n for n in path if G.nodes[n].get("kind") == kind]
        if not members:
            continue
        xy = np.array([pos[n] for n in members])
        coll = ax.scatter(
            xy[:, 0],
            xy[:, 1],
            s=420,
            c=KIND_COLORS[kind],
            edgecolors=BORDER_COLOR,
            zorder=3,
            label=kind_label(kind, language),
        )
        coll.set_gid(f"nodes:{kind}")
    for n in path:
        x, y = pos[n]
        ax.annotate(
            node_label(G, n, show=shown) or str(n),
            (x, y),
            xytext=(0, -22),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=FONT_TEXT,
            gid=f"label:{n}",
        )
    for a, b in itertools.pairwise(path):
        relation = _edge_relation(G, a, b, language)
        (xa, ya), (xb, yb) = pos[a], pos[b]
        ax.text(
            (xa + xb) / 2,
            (ya + yb) / 2 + 0.12,
            relation,
            ha="center",
            fontsize=FONT_TEXT,
            color=TEXT_COLOR,
            gid="step",
        )
    title = text("fig.referral", language)
    named = referral_row.get("target_name")
    target = named if isinstance(named, str) and named else path[-1]
    theme = referral_row.get("theme")
    if theme:
        vocabulary = G.graph.get("themes") or DEFAULT_THEMES
        title += f": {theme_label(str(theme), vocabulary, language=language)}"
    ax.set_title(f"{title} → {target}", fontsize=FONT_TITLE)
    reasons = referral_row.get("reasons")
    if isinstance(reasons, (list, tuple)) and reasons:
        ax.text(
            0.0,
            -0.12,
            "\n".join(f"• {r}" for r in reasons),
            transform=ax.transAxes,
            fontsize=FONT_TEXT,
            va="top",
            gid="reasons",
        )
    ax.set_xlim(-0.6, len(path) - 0.4)
    ax.set_ylim(-0.8, 1.0)
    ax.set_axis_off()
    ax.legend(
        loc="upper left", fontsize=FONT_LABEL, frameon=False, ncol=len(KINDS), markerscale=0.4
    )
    return ax


def _row_label(frame: pd.DataFrame, node: Any, shown: frozenset[str]) -> str:
    kind = frame.at[node, "kind"] if "kind" in frame.columns else None
    name: Any = frame.at[node, "name"] if "name" in frame.columns else None
    if kind == "resident" and "name" not in shown:
        return str(node)
    if name is None or _missing(name) or name == "":
        return str(node)
    return str(name)


def _missing(value: Any) -> bool:
    """None, NaN or ``pd.NA`` (a list or other container is not missing)."""
    return value is None or (not isinstance(value, (list, tuple, dict)) and bool(pd.isna(value)))


def _warn_unnamed(frame: pd.DataFrame, nodes: Iterable[Any], shown: frozenset[str]) -> None:
    """Say so when ``show=["name"]`` asks for residents' names that the frame does not hold."""
    if "name" not in shown or "kind" not in frame.columns:
        return
    names = frame["name"] if "name" in frame.columns else pd.Series(pd.NA, index=frame.index)
    unnamed = [n for n in nodes if frame.at[n, "kind"] == "resident" and _missing(names.at[n])]
    if unnamed:
        warnings.warn(
            f"show=['name']: the frame holds no name for {len(unnamed)} resident(s) "
            f"(e.g. {unnamed[0]!r}), so they are labelled by id; analysis tables leave "
            "residents' names out (docs/conventions.md, 'Names in tables'): fill the "
            "name column from G first to label them by name",
            UserWarning,
            stacklevel=3,
        )


def plot_centrality(
    frame: pd.DataFrame,
    *,
    measure: str = "betweenness",
    top: int = 5,
    ax: Axes | None = None,
    show: Iterable[str] | None = None,
    language: str = "en",
) -> Axes:
    """Bar chart of the most central nodes of each kind.

    Parameters
    ----------
    frame : pandas.DataFrame
        The result of ``sk.centrality``: indexed by node id,
        with ``kind``, ``name`` and the measure's column.
    measure : str, default "betweenness"
        The column to rank by, e.g. ``"degree"``, ``"pagerank"``.
    top : int, default 5
        Bars per kind.
    ax : matplotlib.axes.Axes, optional
        Where to draw.
    show : iterable of str, optional
        ``["name"]`` labels residents by name (by default by id), from the
        frame's ``name`` column; the analyses leave residents' names out of
        it (docs/conventions.md, "Names in tables"), so fill it in first, or
        residents stay labelled by id, with a warning.
    language : {"en", "nl"}, default "en"
        Language of the legend and title.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If ``measure`` or ``kind`` is not a column, or ``top`` is below 1.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> import sociale_kaart as sk
    >>> frame = pd.DataFrame(
    ...     {"kind": ["resident", "resident", "professional"], "name": ["A", "B", "C"],
    ...      "betweenness": [0.1, 0.3, 0.5]}, index=["r1", "r2", "p1"])
    >>> ax = sk.plot_centrality(frame, top=1, language="en")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['r2', 'C']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    language = check_language(language)
    shown = check_show(show)
    for column in (measure, "kind"):
        if column not in frame.columns:
            raise ValueError(
                f"the frame has no {column!r} column; pass the result of sk.centrality(G) "
                f"and a measure among {list(frame.columns)}"
            )
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise ValueError(f"top must be a whole number of at least 1, not {top!r}")
    ax = _axes(ax, (7, 6))
    kinds = [k for k in KINDS if k in set(frame["kind"])]
    kinds += sorted(set(frame["kind"]) - set(kinds), key=str)
    labels: list[str] = []
    y = 0
    for kind in kinds:
        part = frame[frame["kind"] == kind]
        part = part.sort_values([measure], ascending=False, kind="stable").head(top)
        if part.empty:
            continue
        ys = np.arange(y, y + len(part))
        bars = ax.barh(
            ys,
            part[measure].astype(float).to_numpy(),
            color=KIND_COLORS.get(str(kind), OTHER_COLOR),
            label=kind_label(kind, language, plural=True),
        )
        for patch in bars.patches:
            patch.set_gid(f"bars:{kind}")
        _warn_unnamed(frame, part.index, shown)
        labels.extend(_row_label(frame, n, shown) for n in part.index)
        y += len(part) + 1
        labels.append("")
    ticks = [i for i, lab in enumerate(labels) if lab]
    ax.set_yticks(ticks, [labels[i] for i in ticks], fontsize=FONT_TEXT)
    ax.invert_yaxis()
    # a known measure by its plain name ("bruggenbouwer"), a column of the user's own as named
    ax.set_xlabel(text(f"col.{measure}", language) if f"col.{measure}" in STRINGS else measure)
    ax.set_title(text("fig.centrality", language))
    ax.legend(loc="lower right", fontsize=FONT_TEXT, frameon=False)
    return ax


def plot_brokerage(
    frame: pd.DataFrame,
    *,
    top: int = 10,
    ax: Axes | None = None,
    show: Iterable[str] | None = None,
    language: str = "en",
) -> Axes:
    """Stacked bars of the five brokerage roles for the strongest brokers.

    Parameters
    ----------
    frame : pandas.DataFrame
        The result of ``sk.brokerage``: indexed by node id,
        with the columns of :data:`~sociale_kaart.core.vocabulary.BROKERAGE_ROLES`
        (and ``total``, ``kind``, ``name`` when present).
    top : int, default 10
        How many nodes, by ``total`` (or the sum of the roles).
    ax : matplotlib.axes.Axes, optional
        Where to draw.
    show : iterable of str, optional
        ``["name"]`` labels residents by name, from the frame's ``name``
        column, as in :func:`plot_centrality` (residents without a name there
        stay labelled by id, with a warning).
    language : {"en", "nl"}, default "en"
        Language of the role names and title.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If a role column is missing or ``top`` is below 1.

    References
    ----------
    Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: A formal
    approach to brokerage in transaction networks. *Sociological Methodology*,
    19, 89-126. https://doi.org/10.2307/270949

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> import sociale_kaart as sk
    >>> frame = pd.DataFrame({"coordinator": [2, 0], "itinerant": [0, 1],
    ...     "representative": [1, 0], "gatekeeper": [0, 3], "liaison": [4, 0]},
    ...     index=["p_opbouw", "r_spil"])
    >>> ax = sk.plot_brokerage(frame, language="en")
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['coordinator', 'itinerant', 'representative', 'gatekeeper', 'liaison']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    language = check_language(language)
    shown = check_show(show)
    missing = [r for r in BROKERAGE_ROLES if r not in frame.columns]
    if missing:
        raise ValueError(
            f"the frame lacks the role columns {missing}; pass the result of sk.brokerage(G)"
        )
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise ValueError(f"top must be a whole number of at least 1, not {top!r}")
    roles = frame[list(BROKERAGE_ROLES)].astype(float)
    total = frame["total"].astype(float) if "total" in frame.columns else roles.sum(axis=1)
    order = total.sort_values(ascending=False, kind="stable").head(top).index
    ax = _axes(ax, (8, max(3.0, 0.4 * len(order) + 1.5)))
    ys = np.arange(len(order))
    left = np.zeros(len(order))
    for role, colour in zip(BROKERAGE_ROLES, ROLE_COLORS, strict=True):
        values = roles.loc[order, role].to_numpy()
        bars = ax.barh(ys, values, left=left, color=colour, label=text(f"role.{role}", language))
        for patch in bars.patches:
            patch.set_gid(f"role:{role}")
        left = left + values
    _warn_unnamed(frame, order, shown)
    ax.set_yticks(ys, [_row_label(frame, n, shown) for n in order], fontsize=FONT_TEXT)
    ax.invert_yaxis()
    ax.set_xlabel(text("fig.count", language))
    ax.set_title(text("fig.brokerage", language))
    ax.legend(loc="lower right", fontsize=FONT_TEXT, frameon=False)
    return ax


def plot_coverage(
    data: nx.MultiDiGraph | pd.DataFrame,
    *,
    ax: Axes | None = None,
    language: str = "en",
    annotate: bool = True,
) -> Axes:
    """Heatmap of demand against supply, by neighbourhood and theme.

    Parameters
    ----------
    data : networkx.MultiDiGraph or pandas.DataFrame
        A map (its coverage is computed with ``sk.coverage``)
        or a coverage frame indexed by (``neighbourhood``, ``theme``) with
        ``demand``, ``supply`` and ``gap`` columns.
    ax : matplotlib.axes.Axes, optional
        Where to draw.
    language : {"en", "nl"}, default "en"
        Language of the theme labels and title.
    annotate : bool, default True
        Write "demand / supply" in each cell.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If the frame lacks the columns or the index levels.
    ImportError
        If given a map and this version has no ``sk.coverage``.

    Notes
    -----
    The colour is the ZRM-weighted demand; cells flagged as a gap have a
    thick outline (their ``gid`` is ``"gap:<neighbourhood>:<theme>"``).
    Suppressed (missing) demand is drawn grey.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> import sociale_kaart as sk
    >>> idx = pd.MultiIndex.from_tuples(
    ...     [("Noord", "finances"), ("Noord", "loneliness"), ("Zuid", "finances")],
    ...     names=["neighbourhood", "theme"])
    >>> cov = pd.DataFrame({"demand": [12.0, 3.0, 0.0], "residents": [5, 2, 0],
    ...     "supply": [0, 2, 1], "gap": [True, False, False]}, index=idx)
    >>> ax = sk.plot_coverage(cov, language="en")
    >>> [p.get_gid() for p in ax.patches]
    ['gap:Noord:finances']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    language = check_language(language)
    themes: Mapping[str, Any] = DEFAULT_THEMES
    if isinstance(data, nx.Graph):
        require_map(data, parameter="data")
        themes = data.graph.get("themes") or DEFAULT_THEMES
        from sociale_kaart.gaps.api import coverage

        frame = coverage(data)
    elif isinstance(data, pd.DataFrame):
        frame = data
    else:
        raise TypeError(f"data must be a social map or a coverage frame, not {type(data).__name__}")
    names = list(frame.index.names)
    if "neighbourhood" not in names or "theme" not in names:
        raise ValueError(
            "the coverage frame must be indexed by ('neighbourhood', 'theme'); "
            f"its index levels are {names}"
        )
    missing = [c for c in ("demand", "supply") if c not in frame.columns]
    if missing:
        raise ValueError(f"the coverage frame lacks the columns {missing}")
    flat = frame.reset_index()
    demand = flat.pivot(index="neighbourhood", columns="theme", values="demand")
    supply = flat.pivot(index="neighbourhood", columns="theme", values="supply")
    gap = (
        flat.pivot(index="neighbourhood", columns="theme", values="gap")
        if "gap" in flat.columns
        else None
    )
    # columns in the alphabetical order of their labels in the page's language (not of the codes)
    labels = {t: theme_label(str(t), themes, language=language) for t in demand.columns}
    order = sorted(demand.columns, key=lambda t: (label_sort_key(labels[t]), str(t)))
    demand, supply = demand[order], supply[order]
    if gap is not None:
        gap = gap[order]
    ax = _axes(ax, (max(6.0, 0.55 * demand.shape[1] + 3), max(3.0, 0.5 * demand.shape[0] + 2)))
    matrix = demand.to_numpy(dtype=float, na_value=np.nan)
    masked = np.ma.masked_invalid(matrix)
    supplied = supply.to_numpy(dtype=float, na_value=np.nan)
    plt = load_pyplot()
    cmap = plt.get_cmap(DEMAND_COLORMAP).with_extremes(bad=SUPPRESSED_COLOR)
    image = ax.imshow(masked, cmap=cmap, aspect="auto", vmin=0)
    image.set_gid("demand")
    ax.set_xticks(
        range(demand.shape[1]),
        [labels[t] for t in demand.columns],
        rotation=45,
        ha="right",
        fontsize=FONT_TEXT,
    )
    ax.set_yticks(range(demand.shape[0]), [str(n) for n in demand.index], fontsize=FONT_TEXT)
    from matplotlib.patches import Rectangle

    vmax = np.nanmax(matrix) if np.isfinite(matrix).any() else 0.0
    for i, nb in enumerate(demand.index):
        for j, theme in enumerate(demand.columns):
            d = matrix[i, j]
            s = supplied[i, j]
            if annotate:
                dtext = "–" if np.isnan(d) else f"{d:g}"
                stext = "–" if np.isnan(s) else f"{s:g}"
                ax.text(
                    j,
                    i,
                    f"{dtext}/{stext}",
                    ha="center",
                    va="center",
                    fontsize=FONT_CELL,
                    color="white" if not np.isnan(d) and d > 0.6 * vmax else "black",
                    gid=f"cell:{nb}:{theme}",
                )
            flag = gap.iloc[i, j] if gap is not None else False
            if isinstance(flag, (bool, np.bool_)) and bool(flag):
                rect = Rectangle(
                    (j - 0.5, i - 0.5),
                    1,
                    1,
                    fill=False,
                    edgecolor=HIGHLIGHT_COLOR,
                    linewidth=2.0,
                    gid=f"gap:{nb}:{theme}",
                )
                ax.add_patch(rect)
    bar = ax.figure.colorbar(image, ax=ax, fraction=0.03, pad=0.02)
    bar.set_label(text("fig.coverage_cbar", language), fontsize=FONT_TEXT)
    ax.set_title(
        f"{text('fig.coverage', language)} ({text('fig.coverage_cell', language)})",
        fontsize=FONT_TITLE,
    )
    return ax
