"""The referral search: a bounded Dijkstra over a cached adjacency of moves.

The adjacency is built once per graph (and rebuilt when the number of nodes
or edges changes) and holds only the *moves* a referral can make, each with
its cost ``1 / trust``:

=====================  ===================  ==========================================
from                   to                   relation
=====================  ===================  ==========================================
resident               resident             ``knows`` (either direction)
resident               professional         ``supports`` (reversed), ``knows`` (either)
professional           professional         ``knows``, ``meets`` (either direction)
professional           offer                ``knows_of``, ``refers``, ``works_for``,
                                            ``meets``
resident (not start)   initiative           ``participates``, ``volunteers``
start resident         place                ``visits``
place                  offer                ``located_at`` (reversed)
organisation           offer                ``runs``, ``partners`` (either direction)
offer granting a tag   offer requiring it   a *chain step* (virtual, cost 1)
=====================  ===================  ==========================================

The search runs from one resident, never more than ``max_hops`` moves deep,
and stops once it has settled ``limit`` wanted targets (an exact
resource-constrained search: a node is settled again only when reached in
fewer moves than before).
"""

from __future__ import annotations

import heapq
import math
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

__all__ = [
    "CHAIN_STEP_COST",
    "DEFAULT_TRUST",
    "Found",
    "Index",
    "clear_index",
    "get_index",
    "search",
]

#: Trust assumed for a tie without a recorded ``trust`` (scale 1-4).
DEFAULT_TRUST = 2
#: The cost of a chain step: from an offer that grants a status to an offer
#: that requires it (the resident goes on with the new status in hand).
CHAIN_STEP_COST = 1.0

RESIDENT, PROFESSIONAL, INITIATIVE, ORGANISATION, PLACE = range(5)
_KIND_CODE = {
    "resident": RESIDENT,
    "professional": PROFESSIONAL,
    "initiative": INITIATIVE,
    "organisation": ORGANISATION,
    "place": PLACE,
}
_OFFERS = (INITIATIVE, ORGANISATION)

# Move types: which moves are allowed depends on where the search stands.
M_PLAIN, M_JOIN, M_VISIT = 0, 1, 2


def _cost(trust: Any) -> float:
    t = DEFAULT_TRUST if trust is None else trust
    return 1.0 / float(t)


@dataclass
class Index:
    """Everything the referral search needs, built once per graph."""

    ids: list[str]
    pos: dict[str, int]
    kind: list[int]
    adj: list[list[tuple[int, float, int]]]
    themes: list[frozenset[str]]  # offers: themes; residents: themes offered
    coords: list[tuple[float, float] | None]
    joined: list[frozenset[int]]  # residents: offers they participate/volunteer in
    grants: dict[str, list[str]]  # tag -> names of offers that grant it
    granters: dict[int, tuple[str, ...]]  # offer -> tags it grants
    requiring: dict[tuple[str, str], list[int]]  # (tag, theme) -> offers
    local: dict[tuple[str, str | None], list[int]]  # (theme, neighbourhood) -> offers
    fingerprint: tuple[int, int]
    token: object = field(default_factory=object)


_CACHE: weakref.WeakKeyDictionary[nx.MultiDiGraph, Index] = weakref.WeakKeyDictionary()
_TOKEN = "sociale_kaart.referral.suggest"


def get_index(G: nx.MultiDiGraph) -> Index:
    """The cached index of ``G``, rebuilt after the graph's structure changed.

    networkx clears ``G.__networkx_cache__`` whenever nodes or edges are added
    or removed; a token kept there marks the index as current. On a graph
    without that cache the node and edge counts serve as the fingerprint
    (counting multigraph edges takes a pass over the graph). Changing an
    attribute in place (e.g. a tie's ``trust``) does not invalidate the index:
    call :func:`sociale_kaart.clear_cache` after such edits.
    """
    index = _CACHE.get(G)
    cache = getattr(G, "__networkx_cache__", None)
    if index is not None:
        if isinstance(cache, dict):
            if cache.get(_TOKEN) is index.token and index.fingerprint[0] == len(G):
                return index
        elif index.fingerprint == (len(G), G.number_of_edges()):
            return index
    index = build_index(G)
    if isinstance(cache, dict):
        cache[_TOKEN] = index.token
    _CACHE[G] = index
    return index


def clear_index(G: nx.MultiDiGraph | None) -> None:
    """Forget the cached index of ``G`` (of every graph when ``None``)."""
    if G is None:
        _CACHE.clear()
    else:
        _CACHE.pop(G, None)


def build_index(G: nx.MultiDiGraph) -> Index:
    """Build the adjacency of moves and the offer indexes of ``G``."""
    ids = [str(n) for n in G.nodes]
    pos = {n: i for i, n in enumerate(G.nodes)}
    attrs = [G.nodes[n] for n in G.nodes]
    kind = [_KIND_CODE.get(a.get("kind", ""), -1) for a in attrs]
    n = len(ids)
    adj: list[list[tuple[int, float, int]]] = [[] for _ in range(n)]
    joined: list[set[int]] = [set() for _ in range(n)]
    best: dict[tuple[int, int, int], float] = {}

    def add(u: int, v: int, cost: float, move: int = M_PLAIN) -> None:
        key = (u, v, move)
        if cost < best.get(key, math.inf):
            best[key] = cost

    n_edges = 0
    for a, b, rel, data in G.edges(keys=True, data=True):
        n_edges += 1
        u, v = pos[a], pos[b]
        ku, kv = kind[u], kind[v]
        c = _cost(data.get("trust"))
        if rel == "knows":
            if ku == RESIDENT or kv == RESIDENT:
                if ku == RESIDENT and kv == RESIDENT:
                    add(u, v, c)
                    add(v, u, c)
                elif ku == RESIDENT:
                    add(u, v, c)  # resident -> professional
                else:
                    add(v, u, c)
            else:
                add(u, v, c)
                add(v, u, c)
        elif rel == "supports":
            add(v, u, c)
        elif rel in ("knows_of", "refers", "works_for"):
            add(u, v, c)
        elif rel == "meets":
            if ku == PROFESSIONAL and kv == PROFESSIONAL:
                add(u, v, c)
                add(v, u, c)
            elif ku == PROFESSIONAL:
                add(u, v, c)
            elif kv == PROFESSIONAL:
                add(v, u, c)
            else:
                add(u, v, c)
                add(v, u, c)
        elif rel in ("participates", "volunteers"):
            add(u, v, c, M_JOIN)
            joined[u].add(v)
        elif rel == "visits":
            if ku == RESIDENT:
                add(u, v, c, M_VISIT)
        elif rel == "located_at":
            add(v, u, c)
        elif rel == "runs":
            add(u, v, c)
        elif rel == "partners":
            add(u, v, c)
            add(v, u, c)
    for (u, v, move), c in sorted(best.items()):
        adj[u].append((v, c, move))

    themes: list[frozenset[str]] = []
    coords: list[tuple[float, float] | None] = []
    grants: dict[str, list[str]] = {}
    granters: dict[int, tuple[str, ...]] = {}
    requiring: dict[tuple[str, str], list[int]] = {}
    local: dict[tuple[str, str | None], list[int]] = {}
    place_of: dict[int, int] = {}
    for a, b, rel in G.edges(keys=True):
        if rel == "located_at":
            place_of.setdefault(pos[a], pos[b])
    for i, a in enumerate(attrs):
        k = kind[i]
        lat, lon = a.get("lat"), a.get("lon")
        if (lat is None or lon is None) and k in _OFFERS and i in place_of:
            p = attrs[place_of[i]]
            lat, lon = p.get("lat"), p.get("lon")
        coords.append((lat, lon) if lat is not None and lon is not None else None)
        if k in _OFFERS:
            ts = frozenset(a.get("themes") or ())
            themes.append(ts)
            tags = tuple(a.get("grants") or ())
            if tags:
                granters[i] = tags
                for tag in tags:
                    grants.setdefault(tag, []).append(str(a.get("name") or ids[i]))
            for tag in a.get("requires") or ():
                for theme in ts:
                    requiring.setdefault((tag, theme), []).append(i)
            areas: set[str | None] = set(a.get("serves") or ())
            if a.get("neighbourhood") is not None:
                areas.add(a["neighbourhood"])
            if not areas:
                areas.add(None)
            for theme in ts:
                for area in areas:
                    local.setdefault((theme, area), []).append(i)
        elif k == RESIDENT:
            themes.append(frozenset(a.get("offers") or ()))
        else:
            themes.append(frozenset())
    return Index(
        ids=ids,
        pos=pos,
        kind=kind,
        adj=adj,
        themes=themes,
        coords=coords,
        joined=[frozenset(s) for s in joined],
        grants=grants,
        granters=granters,
        requiring=requiring,
        local=local,
        fingerprint=(n, n_edges),
    )


@dataclass(frozen=True)
class Found:
    """A target settled by the search."""

    node: int
    cost: float
    hops: int
    path: tuple[int, ...]
    chain: bool  # the last step is a chain step (granter -> target)


def search(
    index: Index,
    start: int,
    wanted: frozenset[str],
    *,
    max_hops: int,
    limit: int,
    lacks: Callable[[str], bool],
    own_network_hops: int,
    accept: Callable[[Found], bool],
    weighted: bool = True,
) -> list[Found]:
    """Bounded Dijkstra from ``start``; stops after ``limit`` accepted targets.

    Targets are offers with a wanted theme (reached directly or through a
    chain step) and residents who offer a wanted theme, reached through
    residents only within ``own_network_hops``. ``accept`` decides whether a
    target counts towards ``limit`` (e.g. only eligible ones); every target is
    returned. ``lacks(tag)`` says whether the resident lacks a status, which
    opens chain steps from offers that grant it.
    """
    n = len(index.ids)
    adj, kind, themes = index.adj, index.kind, index.themes
    joined = index.joined[start]
    heap: list[tuple[float, int, int, int]] = [(0.0, 0, start, -1)]
    best_hops: dict[int, int] = {}
    lab_node: list[int] = []
    lab_parent: list[int] = []
    found: list[Found] = []
    recorded: set[int] = set()
    accepted = 0
    push, pop = heapq.heappush, heapq.heappop

    def path_of(label: int) -> tuple[int, ...]:
        out = []
        while label >= 0:
            out.append(lab_node[label])
            label = lab_parent[label]
        return tuple(reversed(out))

    while heap:
        c, h, u, parent = pop(heap)
        bh = best_hops.get(u)
        if bh is not None and bh <= h:
            continue
        best_hops[u] = h
        label = len(lab_node)
        lab_node.append(u)
        lab_parent.append(parent)
        node = u - n if u >= n else u
        if u not in recorded and u != start:
            k = kind[node]
            hit = False
            if u >= n:
                hit = node not in joined
            elif k in _OFFERS:
                hit = node not in joined and not wanted.isdisjoint(themes[node])
            elif k == RESIDENT and h <= own_network_hops:
                hit = not wanted.isdisjoint(themes[node])
            if hit:
                recorded.add(u)
                p = path_of(label)
                item = Found(node, c, h, tuple(x - n if x >= n else x for x in p), u >= n)
                found.append(item)
                if accept(item):
                    accepted += 1
                    if accepted >= limit:
                        break
        if h >= max_hops or u >= n:
            continue
        nh = h + 1
        for v, w, move in adj[u]:
            if move == M_JOIN:
                if u == start:
                    continue
            elif move == M_VISIT and u != start:
                continue
            bv = best_hops.get(v)
            if bv is None or nh < bv:
                push(heap, (c + (w if weighted else 1.0), nh, v, label))
        tags = index.granters.get(u)
        if tags:
            for tag in tags:
                if not lacks(tag):
                    continue
                for theme in wanted:
                    for target in index.requiring.get((tag, theme), ()):
                        v = target + n
                        bv = best_hops.get(v)
                        if bv is None or nh < bv:
                            push(heap, (c + CHAIN_STEP_COST, nh, v, label))
    return found


def iter_local(index: Index, themes: Iterable[str], neighbourhood: str | None) -> list[int]:
    """Offers of the themes in (or serving) the neighbourhood, or without one."""
    out: set[int] = set()
    for theme in themes:
        out.update(index.local.get((theme, neighbourhood), ()))
        if neighbourhood is not None:
            out.update(index.local.get((theme, None), ()))
    return sorted(out)
