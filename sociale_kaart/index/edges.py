"""The map's edges as one table: the ``edges`` facet of the compiled index.

Every array view of the ties (:mod:`sociale_kaart.index.ties`), the network
scores and the diff of two maps need the same walk over the graph's edges:
each edge's two ends as positions, its key, its relation and its attribute
dict. An :class:`EdgeTable` is that walk, done once per map and kept in the
map's compiled index (:mod:`sociale_kaart.index.compiled`); everything after
it is numpy on its arrays. At 100,000 residents the walk takes about a
second, and a map used to pay it once per view (issue 12, scale).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

__all__ = ["EdgeTable", "make_edge_table"]


@dataclass(eq=False)
class EdgeTable:
    """Every edge of a graph, in ``G.edges(keys=True, data=True)`` order.

    Attributes
    ----------
    nodes : list
        Node ids in the graph's order; position ``i`` is ``nodes[i]``.
    src, dst : numpy.ndarray
        The positions of each edge's two ends (``int64``); self-loops included.
    keys : list
        Each edge's key (``None`` for a graph that is not a multigraph).
    relations : numpy.ndarray
        Each edge's relation (object array): its ``relation`` attribute, else
        its key.
    data : list of dict
        Each edge's attribute dict (the graph's own dicts: read, never write).
    directed : bool
        Whether the graph is directed. An undirected graph lists each edge once.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.index.edges import make_edge_table
    >>> G = sk.load_sample()
    >>> table = make_edge_table(G)
    >>> table.m == G.number_of_edges()
    True
    >>> first = table.nodes[table.src[0]], table.nodes[table.dst[0]], table.keys[0]
    >>> first == next(iter(G.edges(keys=True)))
    True
    """

    nodes: list[Hashable]
    src: np.ndarray
    dst: np.ndarray
    keys: list[Any]
    relations: np.ndarray
    data: list[dict[str, Any]]
    directed: bool

    @property
    def n(self) -> int:
        """The number of nodes."""
        return len(self.nodes)

    @property
    def m(self) -> int:
        """The number of edges."""
        return len(self.src)

    def relation_mask(self, relations: frozenset[str] | None) -> np.ndarray:
        """Which edges have one of ``relations`` (every edge when ``None``)."""
        if relations is None:
            return np.ones(self.m, dtype=bool)
        return np.fromiter(
            (r in relations for r in self.relations.tolist()), dtype=bool, count=self.m
        )

    def values(self, attribute: str) -> list[Any]:
        """Each edge's value of ``attribute`` (``None`` where missing)."""
        return [d.get(attribute) for d in self.data]


def make_edge_table(G: nx.Graph) -> EdgeTable:
    """Walk ``G``'s edges once into an :class:`EdgeTable` (uncached; the index caches it)."""
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    src: list[int] = []
    dst: list[int] = []
    keys: list[Any] = []
    relations: list[Any] = []
    data: list[dict[str, Any]] = []
    if type(G) is nx.MultiDiGraph:
        # A map: walk networkx's own successor dicts, in the order of G.edges (a
        # third of the time of the generic walk through the edge view).
        succ: dict[Hashable, dict[Hashable, dict[Any, dict[str, Any]]]] = G._succ
        for u, nbrs in succ.items():
            iu = index[u]
            for v, by_key in nbrs.items():
                iv = index[v]
                for k, d in by_key.items():
                    src.append(iu)
                    dst.append(iv)
                    keys.append(k)
                    relations.append(d.get("relation", k))
                    data.append(d)
    elif G.is_multigraph():
        for u, v, k, d in G.edges(keys=True, data=True):
            src.append(index[u])
            dst.append(index[v])
            keys.append(k)
            relations.append(d.get("relation", k))
            data.append(d)
    else:
        for u, v, d in G.edges(data=True):
            src.append(index[u])
            dst.append(index[v])
            keys.append(None)
            relations.append(d.get("relation"))
            data.append(d)
    rel = np.empty(len(relations), dtype=object)
    rel[:] = relations
    return EdgeTable(
        nodes=nodes,
        src=np.asarray(src, dtype=np.int64),
        dst=np.asarray(dst, dtype=np.int64),
        keys=keys,
        relations=rel,
        data=data,
        directed=G.is_directed(),
    )
