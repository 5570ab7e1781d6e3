"""The referral search: a bounded Dijkstra over the moves of a map.

It reads the ``moves`` facet of the map's compiled index
(:class:`~sociale_kaart.index.moves.Index`, see :mod:`sociale_kaart.index.moves`
for the moves), runs from one resident, never more than ``max_hops`` moves
deep, and stops once it has settled ``limit`` wanted targets (an exact
resource-constrained search: a node is settled again only when reached in
fewer moves than before). Besides the moves of the index it makes *chain
steps*: from an offer that grants a status the resident lacks to an offer
that requires it, at cost :data:`CHAIN_STEP_COST`.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sociale_kaart.index.moves import M_JOIN, M_VISIT, OFFERS, RESIDENT, Index

__all__ = ["CHAIN_STEP_COST", "Found", "iter_local", "search"]

#: The cost of a chain step: from an offer that grants a status to an offer
#: that requires it (the resident goes on with the new status in hand).
CHAIN_STEP_COST = 1.0


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

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.index.moves import moves_index
    >>> index = moves_index(sk.load_sample())
    >>> found = search(
    ...     index, index.pos["r_henk"], frozenset({"exercise"}), max_hops=4, limit=2,
    ...     lacks=lambda tag: True, own_network_hops=2, accept=lambda item: True,
    ... )
    >>> [[index.ids[i] for i in item.path] for item in found]
    [['r_henk', 'r_082'], ['r_henk', 'p_sportcoach', 'i_seniorengym']]
    >>> round(found[1].cost, 2)  # 1/2 + 1/4: trust 2 (assumed), then trust 4
    0.75
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
            elif k in OFFERS:
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
    """Offers of the themes in (or serving) the neighbourhood, or without one.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.index.moves import moves_index
    >>> G = sk.load_sample()
    >>> index = moves_index(G)
    >>> nb = G.nodes["r_henk"]["neighbourhood"]
    >>> [index.ids[i] for i in iter_local(index, ["exercise"], nb)]
    ['i_wandelgroep']
    """
    out: set[int] = set()
    for theme in themes:
        out.update(index.local.get((theme, neighbourhood), ()))
        if neighbourhood is not None:
            out.update(index.local.get((theme, None), ()))
    return sorted(out)
