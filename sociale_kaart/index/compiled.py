"""One compiled index per map: the library's only cache.

Every analysis reads the map through a :class:`MapIndex`, got with
:func:`get_index`. The index holds *facets*, each built lazily the first time
something asks for it and then reused:

``edges``
    Every edge once, as an :class:`~sociale_kaart.index.edges.EdgeTable`:
    positions, keys, relations and attribute dicts. The other facets and the
    diff of two maps start from it, so the edges are walked once per map.
``ties``
    The map's ties as arrays (:class:`~sociale_kaart.index.ties.TieView`, with
    its sparse matrix and igraph graph), one per set of options (relations,
    weight, direction). The network measures read these.
``moves``
    The adjacency of moves that a referral can make
    (:class:`~sociale_kaart.index.moves.Index`). The referral search reads it.
``lookups``
    The adjacency and attribute look-ups of the gap detectors
    (:class:`~sociale_kaart.index.lookups.GapIndex`). Built once; each
    ``today`` gets its own eligibility answers on top of the shared look-ups.

:attr:`MapIndex.builds` counts how often each facet was built, so a test can
check that one report builds each facet once.

See :mod:`sociale_kaart.index` for when the index is invalidated.
"""

from __future__ import annotations

import datetime as _dt
import weakref
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from typing import TYPE_CHECKING, Any

import networkx as nx

from sociale_kaart.core.checks import MAP_CHECKED

if TYPE_CHECKING:
    from sociale_kaart.index.edges import EdgeTable
    from sociale_kaart.index.lookups import GapIndex
    from sociale_kaart.index.moves import Index
    from sociale_kaart.index.ties import TieView

__all__ = ["MapIndex", "clear_cache", "get_index"]

#: The key of the index in ``G.__networkx_cache__``.
CACHE_KEY = "sociale_kaart.index"
#: The key of a graph's stamp: an object that lives in the graph's networkx
#: cache until networkx clears it. Views of the graph check it.
STAMP_KEY = "sociale_kaart.stamp"

_TieKey = tuple[tuple[str, ...] | None, str | None, bool, tuple[str, ...]]

# The graphs that hold an index, so that clear_cache() can reach them all.
_HOLDERS: weakref.WeakSet[Any] = weakref.WeakSet()


def _cache_of(G: Any) -> dict[str, Any] | None:
    cache = getattr(G, "__networkx_cache__", None)
    return cache if isinstance(cache, dict) else None


def _bases(G: Any) -> list[Any]:
    """The graphs under a view (``G._graph``, its ``_graph``, ...), nearest first."""
    out: list[Any] = []
    base = getattr(G, "_graph", None)
    while base is not None and len(out) < 64:
        out.append(base)
        base = getattr(base, "_graph", None)
    return out


def _stamps(G: Any) -> tuple[object, ...] | None:
    """The current stamps of the graphs under ``G``, made where missing.

    ``None`` when one of them keeps no networkx cache: then no change to it
    can be noticed, and nothing about ``G`` is cached.
    """
    stamps = []
    for base in _bases(G):
        cache = _cache_of(base)
        if cache is None:
            return None
        stamps.append(cache.setdefault(STAMP_KEY, object()))
    return tuple(stamps)


def _stamps_hold(G: Any, stamps: tuple[object, ...]) -> bool:
    bases = _bases(G)
    if len(bases) != len(stamps):
        return False
    for base, stamp in zip(bases, stamps, strict=True):
        cache = _cache_of(base)
        if cache is None or cache.get(STAMP_KEY) is not stamp:
            return False
    return True


def _ties_name(key: _TieKey) -> str:
    relations, weight, directed, symmetric = key
    parts = [
        "relations=" + ("all" if relations is None else "+".join(relations)),
        f"weight={weight}",
        "directed" if directed else "undirected",
    ]
    if symmetric:
        parts.append("symmetric=" + "+".join(symmetric))
    return "ties(" + ", ".join(parts) + ")"


class MapIndex:
    """The compiled index of one map: its facets, each built on first use.

    Get it with :func:`get_index`; do not make one yourself. The facets are
    read-only: code that reads them must not change them.

    Attributes
    ----------
    builds : collections.Counter
        Facet name -> how many times this index built it: ``"moves"``,
        ``"lookups"``, and one ``"ties(...)"`` name per option set, such as
        ``"ties(relations=all, weight=None, undirected)"``.
    cached : bool
        Whether the index is kept with the graph. It is not for a graph
        without a networkx cache (see :mod:`sociale_kaart.index`): then every
        :func:`get_index` call makes a new, empty index.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.index import get_index
    >>> G = sk.load_sample()
    >>> index = get_index(G)
    >>> index.ties().n == len(G)
    True
    >>> index.ties() is get_index(G).ties()  # built once, then reused
    True
    >>> dict(index.builds)
    {'edges': 1, 'ties(relations=all, weight=None, undirected)': 1}
    """

    def __init__(
        self, G: nx.Graph, *, stamps: tuple[object, ...] | None, cached: bool = True
    ) -> None:
        self._graph: Callable[[], nx.Graph | None] = weakref.ref(G)
        self._stamps = stamps
        self._nodes = len(G)
        self.cached = cached
        self.builds: Counter[str] = Counter()
        self._edges: EdgeTable | None = None
        self._ties: dict[_TieKey, TieView] = {}
        self._moves: Index | None = None
        self._lookups: GapIndex | None = None
        self._days: dict[_dt.date, GapIndex] = {}

    def __repr__(self) -> str:
        facets = ", ".join(sorted(self.builds)) or "nothing built"
        return f"<MapIndex of {self._nodes} nodes: {facets}>"

    def __reduce__(self) -> tuple[Any, tuple[()]]:
        # A pickled or deep-copied graph carries no index: the copy builds its own.
        return (_forgotten, ())

    # ------------------------------------------------------------- validity

    @property
    def graph(self) -> nx.Graph:
        """The graph this index was built for."""
        G = self._graph()
        if G is None:
            raise RuntimeError("the graph of this index no longer exists")
        return G

    def is_current(self, G: nx.Graph) -> bool:
        """Whether this index still describes ``G`` (see :mod:`sociale_kaart.index`)."""
        return (
            self.cached
            and self._stamps is not None
            and len(G) == self._nodes
            and self._graph() is G
            and _stamps_hold(G, self._stamps)
        )

    # --------------------------------------------------------------- facets

    def edges(self) -> EdgeTable:
        """Every edge once, as arrays and lists (:class:`~sociale_kaart.index.edges.EdgeTable`)."""
        if self._edges is None:
            from sociale_kaart.index.edges import make_edge_table

            self._edges = make_edge_table(self.graph)
            self.builds["edges"] += 1
        return self._edges

    def ties(
        self,
        *,
        relations: str | Iterable[str] | None = None,
        weight: str | None = None,
        directed: bool = False,
        symmetric: Collection[str] = (),
    ) -> TieView:
        """The tie arrays for one set of options (see :func:`.ties.tie_view`)."""
        from sociale_kaart.index.ties import check_relations, make_view

        chosen = check_relations(relations)
        if weight is not None and not isinstance(weight, str):
            raise TypeError(f"weight must be the name of an edge attribute or None, not {weight!r}")
        sym = tuple(sorted(set(symmetric))) if directed else ()
        key: _TieKey = (chosen, weight, bool(directed), sym)
        view = self._ties.get(key)
        if view is None:
            view = make_view(self.edges(), chosen, weight, bool(directed), frozenset(sym))
            self._ties[key] = view
            self.builds[_ties_name(key)] += 1
        return view

    def moves(self) -> Index:
        """The adjacency of referral moves (:class:`~sociale_kaart.index.moves.Index`)."""
        if self._moves is None:
            from sociale_kaart.index.moves import build_index

            self._moves = build_index(self.graph)
            self.builds["moves"] += 1
        return self._moves

    def lookups(self, *, today: _dt.date) -> GapIndex:
        """The gap look-ups, with eligibility judged on ``today``."""
        if self._lookups is None:
            from sociale_kaart.index.lookups import GapIndex

            self._lookups = GapIndex(self.graph, today=today)
            self._lookups.release()  # no reference cycle graph -> cache -> index -> graph
            self.builds["lookups"] += 1
        if self._lookups.today == today:
            return self._lookups
        found = self._days.get(today)
        if found is None:
            found = self._days[today] = self._lookups.for_day(today)
        return found


def _forgotten() -> MapIndex:
    index = MapIndex.__new__(MapIndex)
    index._graph = lambda: None
    index._stamps = None
    index._nodes = -1
    index.cached = False
    index.builds = Counter()
    index._edges = None
    index._ties = {}
    index._moves = None
    index._lookups = None
    index._days = {}
    return index


def get_index(G: nx.Graph) -> MapIndex:
    """The compiled index of ``G``, made (empty) or renewed when ``G`` has changed.

    Parameters
    ----------
    G : networkx.Graph
        Usually a social map; any networkx graph works.

    Returns
    -------
    MapIndex
        The same object on every call until ``G`` changes (a node or edge
        added or removed through networkx) or :func:`clear_cache` is called.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.index import get_index
    >>> G = sk.load_sample()
    >>> get_index(G) is get_index(G)
    True
    >>> before = get_index(G)
    >>> G.remove_edge("r_duo_a", "r_duo_b", key="knows")
    >>> get_index(G) is before  # networkx cleared the cache: a new index
    False
    """
    cache = _cache_of(G)
    if cache is not None:
        found = cache.get(CACHE_KEY)
        if isinstance(found, MapIndex) and found.is_current(G):
            return found
        stamps = _stamps(G)
        if stamps is not None:
            index = MapIndex(G, stamps=stamps)
            cache[CACHE_KEY] = index
            _HOLDERS.add(G)
            return index
    return MapIndex(G, stamps=None, cached=False)


def clear_cache(G: nx.Graph | None = None) -> None:
    """Forget the compiled index of ``G`` (of every graph when ``None``).

    The index notices every node or edge added or removed through networkx's
    methods, whatever the counts. It does not notice an attribute edited in
    place, such as ``G.edges[u, v, "knows"]["trust"] = 1`` or a resident's
    ``needs``: call this function after such edits (:func:`sociale_kaart.validate`
    calls it too). Views of ``G`` (``G.subgraph(...)``) are forgotten with it.

    Parameters
    ----------
    G : networkx.Graph, optional
        The graph to forget; every graph when not given.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> before = sk.centrality(G, weight="trust", measures="degree").loc["r_duo_a", "degree"]
    >>> G.edges["r_duo_a", "r_duo_b", "knows"]["trust"] = 1  # an edit in place
    >>> sk.clear_cache(G)
    >>> after = sk.centrality(G, weight="trust", measures="degree").loc["r_duo_a", "degree"]
    >>> bool(after < before)
    True
    """
    graphs = list(_HOLDERS) if G is None else [G]
    for graph in graphs:
        cache = _cache_of(graph)
        if cache is not None:
            cache.pop(CACHE_KEY, None)
            cache.pop(STAMP_KEY, None)  # views of this graph check the stamp
            cache.pop(MAP_CHECKED, None)  # the memo of require_map, under the same rule
        _HOLDERS.discard(graph)
