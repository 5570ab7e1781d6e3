"""Array views of a social map: the ``ties`` facet of the compiled index.

The analysis modules do not walk the :class:`networkx.MultiDiGraph` node by
node. They ask :func:`tie_view` for a :class:`TieView`: the map's ties as
integer arrays (one row per pair of nodes, parallel edges of several
relations collapsed into one tie), from which a :mod:`scipy.sparse` adjacency
matrix and an :mod:`igraph` graph are made on demand. Making the view costs
about as much as building the graph (a second or two at 100,000 residents),
so it is made once per graph and set of options and kept in the map's
compiled index (:mod:`sociale_kaart.index.compiled`), which is invalidated by
the one rule described in :mod:`sociale_kaart.index`.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Hashable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from sociale_kaart.core.vocabulary import RELATIONS
from sociale_kaart.index.edges import EdgeTable

if TYPE_CHECKING:
    import igraph

__all__ = ["TieView", "check_relations", "make_view", "tie_view"]


_IGRAPH_HINT = (
    "this needs the optional package 'igraph' (pip install 'sociale_kaart[fast]' "
    "or pip install igraph)"
)


def import_igraph() -> Any:
    """Import igraph, or raise an ImportError that says how to install it."""
    try:
        import igraph
    except ImportError as exc:  # pragma: no cover - igraph is installed in the test env
        raise ImportError(_IGRAPH_HINT) from exc
    return igraph


def check_relations(
    relations: str | Iterable[str] | None, *, name: str = "relations"
) -> tuple[str, ...] | None:
    """Validate a ``relations=`` argument; ``None`` means all relations."""
    if relations is None:
        return None
    if isinstance(relations, str):
        relations = [relations]
    try:
        chosen = tuple(sorted(set(relations)))
    except TypeError as exc:
        raise TypeError(
            f"{name} must be a relation name or a list of relation names, not {relations!r}"
        ) from exc
    unknown = [r for r in chosen if r not in RELATIONS]
    if unknown:
        raise ValueError(
            f"{name} has unknown relation(s) {', '.join(map(repr, unknown))}; "
            f"choose from {', '.join(RELATIONS)}"
        )
    return chosen


@dataclass(eq=False)
class TieView:
    """A map's ties as arrays over node positions ``0..n-1``.

    Attributes
    ----------
    nodes : list
        Node ids in the graph's order; position ``i`` is ``nodes[i]``.
    src, dst : numpy.ndarray
        One entry per tie. Undirected views keep each pair once with
        ``src < dst``; directed views keep each ordered pair once.
    weight : numpy.ndarray or None
        The tie's strength (the largest value over the collapsed edges), or
        ``None`` when no weight was asked for.
    directed : bool
        Whether the ties are directed.
    """

    nodes: list[Hashable]
    src: np.ndarray
    dst: np.ndarray
    weight: np.ndarray | None
    directed: bool
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def n(self) -> int:
        """The number of nodes."""
        return len(self.nodes)

    @property
    def m(self) -> int:
        """The number of ties."""
        return len(self.src)

    def index(self) -> dict[Hashable, int]:
        """Node id -> position."""
        if "index" not in self._cache:
            self._cache["index"] = {v: i for i, v in enumerate(self.nodes)}
        return dict(self._cache["index"])

    def strengths(self) -> np.ndarray:
        """The tie weights, or ones when the view is unweighted."""
        return np.ones(self.m) if self.weight is None else self.weight

    def adjacency(self) -> sp.csr_array:
        """The weighted adjacency matrix; symmetric for undirected views."""
        if "adjacency" not in self._cache:
            n = self.n
            w = self.strengths()
            if self.directed:
                rows, cols, vals = self.src, self.dst, w
            else:
                rows = np.concatenate([self.src, self.dst])
                cols = np.concatenate([self.dst, self.src])
                vals = np.concatenate([w, w])
            self._cache["adjacency"] = sp.csr_array((vals, (rows, cols)), shape=(n, n))
        matrix: sp.csr_array = self._cache["adjacency"]
        return matrix

    def igraph(self) -> igraph.Graph:
        """The view as an :class:`igraph.Graph` (edge attribute ``weight`` if weighted)."""
        if "igraph" not in self._cache:
            ig = import_igraph()
            # A list of tuples converts several times faster than a numpy array.
            edges = list(zip(self.src.tolist(), self.dst.tolist(), strict=True))
            graph = ig.Graph(n=self.n, edges=edges, directed=self.directed)
            if self.weight is not None:
                graph.es["weight"] = self.weight.tolist()
            self._cache["igraph"] = graph
        return self._cache["igraph"]

    def networkit(self) -> Any:
        """The view as an unweighted :class:`networkit.Graph` (made once, like :meth:`igraph`)."""
        if "networkit" not in self._cache:
            import networkit as nk

            graph = nk.Graph(self.n, False, self.directed)
            graph.addEdges((self.src.astype(np.uint64), self.dst.astype(np.uint64)))
            self._cache["networkit"] = graph
        return self._cache["networkit"]


def _weight_value(value: Any, weight: str, u: Hashable, v: Hashable, key: Hashable) -> float:
    if value is None:
        return 1.0
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(
            f"weight={weight!r}: the tie {u!r} -> {v!r} ({key}) has the value {value!r}, "
            "which is not a number; choose a numeric edge attribute such as 'trust'"
        )
    number = float(value)
    if not math.isfinite(number) or number <= 0:
        raise ValueError(
            f"weight={weight!r}: the tie {u!r} -> {v!r} ({key}) has the value {value!r}; "
            "weights are tie strengths and must be positive numbers"
        )
    return number


def _weights(table: EdgeTable, kept: list[int], weight: str) -> np.ndarray:
    """The ``weight`` values of the edges at ``kept``; missing ones count as 1.

    Raises the error of :func:`_weight_value` for the first edge whose value is
    not a positive number.
    """
    values = [table.data[i].get(weight) for i in kept]
    if all(type(x) is float or type(x) is int for x in values):
        arr = np.asarray(values, dtype=float)
        if bool(np.isfinite(arr).all() and (arr > 0).all()):
            return arr
    nodes = table.nodes
    return np.asarray(
        [
            _weight_value(x, weight, nodes[table.src[i]], nodes[table.dst[i]], table.relations[i])
            for x, i in zip(values, kept, strict=True)
        ],
        dtype=float,
    )


def tie_view(
    G: nx.Graph,
    *,
    relations: str | Iterable[str] | None = None,
    weight: str | None = None,
    directed: bool = False,
    symmetric: Collection[str] = (),
) -> TieView:
    """The (cached) array view of ``G``'s ties.

    Parameters
    ----------
    G : networkx graph
        Usually a social map; any networkx graph works (edge keys or the
        ``relation`` attribute name the relation of a multigraph edge).
    relations : str or list of str, optional
        Keep only edges of these relations; all by default.
    weight : str, optional
        An edge attribute holding a tie strength (higher = stronger).
        Missing values count as 1. Parallel edges keep the largest value.
    directed : bool
        Keep the direction of the edges.
    symmetric : collection of str
        In a directed view, edges of these relations also count in the
        reverse direction.

    Returns
    -------
    TieView
        Kept in the map's compiled index: the same object until the map
        changes (see :mod:`sociale_kaart.index`).

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.index.ties import tie_view
    >>> G = sk.load_sample()
    >>> view = tie_view(G, relations="knows")
    >>> view is tie_view(G, relations=["knows"])
    True
    >>> bool((view.src < view.dst).all())  # undirected: each pair once
    True
    """
    from sociale_kaart.index.compiled import get_index

    return get_index(G).ties(
        relations=relations, weight=weight, directed=directed, symmetric=symmetric
    )


def make_view(
    table: EdgeTable,
    relations: tuple[str, ...] | None,
    weight: str | None,
    directed: bool,
    symmetric: frozenset[str],
) -> TieView:
    """Build the view for checked options from a map's edge table (uncached; see :func:`tie_view`).

    The compiled index passes its own :class:`~sociale_kaart.index.edges.EdgeTable`,
    so the edges are walked once per map.
    """
    nodes = table.nodes
    n = len(nodes)
    keep = None if relations is None else frozenset(relations)
    mask = table.src != table.dst  # no self-loops
    if keep is not None:
        mask &= table.relation_mask(keep)
    s, d = table.src[mask], table.dst[mask]
    if weight is None:
        w_arr = np.ones(len(s))
    else:
        kept = np.flatnonzero(mask).tolist()
        w_arr = _weights(table, kept, weight)
    if directed and not table.directed:
        # Each edge of an undirected graph runs both ways.
        s, d, w_arr = np.concatenate([s, d]), np.concatenate([d, s]), np.concatenate([w_arr, w_arr])
    elif directed and symmetric:
        back = mask & table.relation_mask(symmetric)
        both = back[mask]
        s, d = np.concatenate([s, d[both]]), np.concatenate([d, s[both]])
        w_arr = np.concatenate([w_arr, w_arr[both]])
    if not directed:
        s, d = np.minimum(s, d), np.maximum(s, d)
    codes = s * max(n, 1) + d
    order = np.lexsort((-w_arr, codes))  # by pair, strongest first
    codes, w_arr = codes[order], w_arr[order]
    first = np.ones(len(codes), dtype=bool)
    first[1:] = codes[1:] != codes[:-1]
    codes, w_arr = codes[first], w_arr[first]
    n_safe = max(n, 1)
    return TieView(
        nodes=nodes,
        src=codes // n_safe,
        dst=codes % n_safe,
        weight=None if weight is None else w_arr,
        directed=directed,
    )
