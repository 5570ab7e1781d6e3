"""Where to put the nodes: layouts for the static figures and the interactive map.

Computing positions is kept apart from drawing them (as networkx keeps
``layout.py`` apart from ``nx_pylab.py``). Every layout returns
``{node: (x, y)}`` with plain floats and is deterministic for a given
``seed``.

Privacy: residents' own coordinates are personal data (their address). The
coordinate layout places residents near the centre of their neighbourhood
unless the caller explicitly allows their coordinates.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
import numpy as np

from sociale_kaart.core.vocabulary import OFFER_KINDS

__all__ = [
    "SHARED",
    "auto_layout",
    "coordinate_layout",
    "ego_layout",
    "group_of",
    "has_coordinates",
    "neighbourhood_layout",
    "path_layout",
]

#: The group of nodes that belong to no single neighbourhood (shown in the middle).
SHARED = ""
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
_KIND_ORDER = {"organisation": 0, "initiative": 1, "place": 2, "professional": 3, "resident": 4}


def group_of(attrs: Mapping[str, Any]) -> str:
    """The neighbourhood a node is drawn in; :data:`SHARED` when none or several."""
    nb = attrs.get("neighbourhood")
    if nb:
        return str(nb)
    many = attrs.get("neighbourhoods")
    if isinstance(many, list) and len(many) == 1:
        return str(many[0])
    return SHARED


def _sunflower(m: int) -> np.ndarray:
    """``m`` points evenly spread over a disc of radius ``sqrt(m)`` (Vogel's spiral)."""
    i = np.arange(m, dtype=float)
    r = np.sqrt(i + 0.5)
    theta = i * _GOLDEN_ANGLE
    return np.column_stack([r * np.cos(theta), r * np.sin(theta)])


def _order(G: nx.MultiDiGraph, nodes: list[Any], rng: np.random.Generator) -> list[Any]:
    """Offers and places in the middle of a group, residents outside; random within kind."""
    keys = rng.random(len(nodes))
    ranked = sorted(
        range(len(nodes)),
        key=lambda i: (_KIND_ORDER.get(G.nodes[nodes[i]].get("kind"), 9), keys[i]),
    )
    return [nodes[i] for i in ranked]


def neighbourhood_layout(
    G: nx.MultiDiGraph, *, seed: int = 0, nodes: Iterable[Any] | None = None
) -> dict[Any, tuple[float, float]]:
    """One disc per neighbourhood, on a circle; wijk-wide nodes in the middle.

    Within a disc, organisations, initiatives and places sit in the middle
    and residents around them, in a random order drawn from ``seed``.
    Runs in linear time, so it also lays out maps of 100,000 nodes.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.pictures.layout import neighbourhood_layout
    >>> pos = neighbourhood_layout(sk.load_sample(), seed=1)
    >>> len(pos), all(isinstance(x, float) for x, _ in pos.values())
    (294, True)
    """
    rng = np.random.default_rng(seed)
    chosen = list(G.nodes) if nodes is None else [n for n in nodes if n in G]
    groups: dict[str, list[Any]] = {}
    for node in chosen:
        groups.setdefault(group_of(G.nodes[node]), []).append(node)
    names = sorted(g for g in groups if g != SHARED)
    radius = {g: math.sqrt(len(members)) + 1.0 for g, members in groups.items()}
    centres: dict[str, tuple[float, float]] = {}
    centre_r = radius.get(SHARED, 0.0)
    if SHARED in groups:
        centres[SHARED] = (0.0, 0.0)
    k = len(names)
    if k == 1 and SHARED not in groups:
        centres[names[0]] = (0.0, 0.0)
    elif k:
        largest = max(radius[g] for g in names)
        ring = max(
            centre_r + largest + 1.0,
            (largest + 0.5) / math.sin(math.pi / k) if k > 1 else 0.0,
        )
        for i, g in enumerate(names):
            angle = math.pi / 2 - 2 * math.pi * i / k
            centres[g] = (ring * math.cos(angle), ring * math.sin(angle))
    pos: dict[Any, tuple[float, float]] = {}
    for g, members in groups.items():
        cx, cy = centres[g]
        points = _sunflower(len(members))
        for node, (x, y) in zip(_order(G, members, rng), points, strict=True):
            pos[node] = (float(cx + x), float(cy + y))
    return pos


def _coords(attrs: Mapping[str, Any]) -> tuple[float, float] | None:
    lat, lon = attrs.get("lat"), attrs.get("lon")
    if lat is None or lon is None:
        return None
    return float(lat), float(lon)


def has_coordinates(G: nx.MultiDiGraph, *, share: float = 0.5) -> bool:
    """Whether at least ``share`` of the offers and places have coordinates."""
    known = total = 0
    for _, attrs in G.nodes(data=True):
        if attrs.get("kind") in OFFER_KINDS or attrs.get("kind") == "place":
            total += 1
            known += _coords(attrs) is not None
    return total > 0 and known / total >= share


def coordinate_layout(
    G: nx.MultiDiGraph,
    *,
    seed: int = 0,
    resident_coordinates: bool = False,
    nodes: Iterable[Any] | None = None,
) -> dict[Any, tuple[float, float]]:
    """Positions from ``lat``/``lon`` (equirectangular), in kilometres.

    Residents are placed at random near the middle of the known coordinates
    of their neighbourhood, unless ``resident_coordinates`` is true (their
    coordinates are personal data). Nodes without coordinates go near the
    middle of their neighbourhood, or of the whole map.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.pictures.layout import coordinate_layout
    >>> pos = coordinate_layout(sk.load_sample())
    >>> x, y = pos["pl_bankje"]
    >>> round(x, 1) < round(coordinate_layout(sk.load_sample())["pl_buurthuis"][0], 1)
    True
    """
    rng = np.random.default_rng(seed)
    chosen = list(G.nodes) if nodes is None else [n for n in nodes if n in G]
    known: dict[Any, tuple[float, float]] = {}
    for node in chosen:
        attrs = G.nodes[node]
        if attrs.get("kind") == "resident" and not resident_coordinates:
            continue
        c = _coords(attrs)
        if c is not None:
            known[node] = c
    if not known:
        return neighbourhood_layout(G, seed=seed, nodes=chosen)
    lat0 = float(np.mean([c[0] for c in known.values()]))
    scale = 111.32  # km per degree of latitude
    xy = {
        n: ((lon * math.cos(math.radians(lat0))) * scale, lat * scale)
        for n, (lat, lon) in known.items()
    }
    by_group: dict[str, list[tuple[float, float]]] = {}
    for n, p in xy.items():
        by_group.setdefault(group_of(G.nodes[n]), []).append(p)
    everything = np.array(list(xy.values()))
    middle = everything.mean(axis=0)
    spread = float(np.clip(everything.std(axis=0).mean(), 0.05, None))
    centres = {g: np.array(ps).mean(axis=0) for g, ps in by_group.items()}
    pos: dict[Any, tuple[float, float]] = {n: (float(x), float(y)) for n, (x, y) in xy.items()}
    for node in chosen:
        if node in pos:
            continue
        centre = centres.get(group_of(G.nodes[node]), middle)
        dx, dy = rng.normal(0.0, spread * 0.25, 2)
        pos[node] = (float(centre[0] + dx), float(centre[1] + dy))
    return pos


def auto_layout(
    G: nx.MultiDiGraph,
    *,
    layout: str = "auto",
    seed: int = 0,
    resident_coordinates: bool = False,
    nodes: Iterable[Any] | None = None,
) -> dict[Any, tuple[float, float]]:
    """Dispatch on ``layout``: ``"auto"``, ``"neighbourhood"``, ``"coordinates"`` or ``"spring"``.

    ``"auto"`` uses coordinates when at least half of the offers and places
    have them, and neighbourhoods otherwise.
    """
    if layout not in ("auto", "neighbourhood", "coordinates", "spring"):
        raise ValueError(
            f"layout must be 'auto', 'neighbourhood', 'coordinates' or 'spring', not {layout!r}"
        )
    if layout == "auto":
        layout = "coordinates" if has_coordinates(G) else "neighbourhood"
    if layout == "coordinates":
        return coordinate_layout(
            G, seed=seed, resident_coordinates=resident_coordinates, nodes=nodes
        )
    if layout == "spring":
        chosen = list(G.nodes) if nodes is None else [n for n in nodes if n in G]
        H = nx.Graph(G.subgraph(chosen))
        start = neighbourhood_layout(G, seed=seed, nodes=chosen)
        raw = nx.spring_layout(H, pos=start, seed=seed, iterations=30)
        return {n: (float(x), float(y)) for n, (x, y) in raw.items()}
    return neighbourhood_layout(G, seed=seed, nodes=nodes)


def ego_layout(
    G: nx.MultiDiGraph, node: Any, distances: Mapping[Any, int], *, seed: int = 0
) -> dict[Any, tuple[float, float]]:
    """The ego in the middle, each distance on its own ring, smoothed by a spring layout."""
    rng = np.random.default_rng(seed)
    rings: dict[int, list[Any]] = {}
    for n, d in distances.items():
        rings.setdefault(d, []).append(n)
    start: dict[Any, tuple[float, float]] = {}
    for d, members in rings.items():
        members = sorted(members, key=lambda n: (_KIND_ORDER.get(G.nodes[n].get("kind"), 9), n))
        offset = rng.random() * 2 * math.pi
        for i, n in enumerate(members):
            angle = offset + 2 * math.pi * i / max(len(members), 1)
            start[n] = (d * math.cos(angle), d * math.sin(angle))
    H = nx.Graph(G.subgraph(list(distances)))
    if H.number_of_nodes() < 3:
        return {n: (float(x), float(y)) for n, (x, y) in start.items()}
    raw = nx.spring_layout(H, pos=start, fixed=[node], seed=seed, iterations=20, k=0.6)
    return {n: (float(x), float(y)) for n, (x, y) in raw.items()}


def path_layout(path: list[Any]) -> dict[Any, tuple[float, float]]:
    """Nodes of a path on a gentle zig-zag from left to right."""
    return {n: (float(i), 0.25 * (i % 2)) for i, n in enumerate(path)}
