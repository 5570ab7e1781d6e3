"""The ``moves`` facet of the compiled index: the adjacency a referral walks.

The adjacency is built once per map (see :mod:`sociale_kaart.index` for when
it is rebuilt) and holds only the *moves* a referral can make, each with its
cost ``1 / trust``:

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
offer granting a tag   offer requiring it   a *chain step* (made by the search)
=====================  ===================  ==========================================

The search itself (:func:`sociale_kaart.referral.search.search`) lives in the
referral layer: this module holds data only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

__all__ = ["DEFAULT_TRUST", "Index", "build_index", "moves_index"]

#: Trust assumed for a tie without a recorded ``trust`` (scale 1-4).
DEFAULT_TRUST = 2

RESIDENT, PROFESSIONAL, INITIATIVE, ORGANISATION, PLACE = range(5)
_KIND_CODE = {
    "resident": RESIDENT,
    "professional": PROFESSIONAL,
    "initiative": INITIATIVE,
    "organisation": ORGANISATION,
    "place": PLACE,
}
OFFERS = (INITIATIVE, ORGANISATION)

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
    # made on first use, under the index's rule (clear_cache after in-place edits):
    # e.g. the professional name counts of suggest_referrals' labels
    memo: dict[str, Any] = field(default_factory=dict)


def moves_index(G: nx.MultiDiGraph) -> Index:
    """The moves of ``G``, from its compiled index (built on first use).

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.index.moves import moves_index
    >>> G = sk.load_sample()
    >>> index = moves_index(G)
    >>> index is moves_index(G)
    True
    >>> index.ids[index.pos["r_henk"]]
    'r_henk'
    """
    from sociale_kaart.index.compiled import get_index

    return get_index(G).moves()


def build_index(G: nx.MultiDiGraph) -> Index:
    """Build the adjacency of moves and the offer indexes of ``G`` (uncached).

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.index.moves import build_index
    >>> index = build_index(sk.load_sample())
    >>> sorted({move for moves in index.adj for _, _, move in moves})  # plain, join, visit
    [0, 1, 2]
    """
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

    for a, b, rel, data in G.edges(keys=True, data=True):
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
        if (lat is None or lon is None) and k in OFFERS and i in place_of:
            p = attrs[place_of[i]]
            lat, lon = p.get("lat"), p.get("lon")
        coords.append((lat, lon) if lat is not None and lon is not None else None)
        if k in OFFERS:
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
    )
