"""The index layer: one compiled index per map, the library's only cache.

The analyses do not walk the :class:`networkx.MultiDiGraph` themselves: they
read its compiled index (:class:`~sociale_kaart.index.compiled.MapIndex`,
from :func:`~sociale_kaart.index.compiled.get_index`). It has four facets,
each built lazily on first use and then shared by every analysis of the map:

- ``edges`` (:mod:`~sociale_kaart.index.edges`): every edge once, as arrays
  and lists; the tie views, the network scores and the diff start from it.
- ``ties`` (:mod:`~sociale_kaart.index.ties`): the ties as arrays, with their
  sparse matrix and igraph graph, one per set of options; the network
  measures read these.
- ``moves`` (:mod:`~sociale_kaart.index.moves`): the adjacency of referral
  moves; the referral search reads it.
- ``lookups`` (:mod:`~sociale_kaart.index.lookups`): the look-ups of the gap
  detectors, with eligibility answers per ``today``.

This layer holds data only; the algorithms that read it live in the layers
above (analysis, gaps, referral), and nothing here imports them.

When the index is renewed
-------------------------
**Structure.** The index is kept in the graph's own networkx cache,
``G.__networkx_cache__``, which networkx empties on every change to the
graph's structure made through its API. So any node or edge added or
removed is seen, whatever the counts: on networkx 3.6.1 ``add_node``,
``add_nodes_from``, ``remove_node``, ``remove_nodes_from``, ``add_edge``,
``add_edges_from``, ``add_weighted_edges_from``, ``remove_edge``,
``remove_edges_from``, ``update``, ``clear``, ``clear_edges``,
:func:`networkx.set_node_attributes` and :func:`networkx.set_edge_attributes`
all empty it (the test suite checks each), and :func:`networkx.relabel_nodes`
with ``copy=False`` goes through them. ``add_node`` and ``add_edge`` on an
existing node or edge, with new attributes, empty it too.

**Attributes edited in place.** Writing into an attribute dict,
``G.nodes[n]["needs"] = ...`` or ``G.edges[u, v, key]["trust"] = 1``, goes
around networkx, and nothing can see it. After such edits call
:func:`sociale_kaart.clear_cache` (``sk.clear_cache(G)``), or
:func:`sociale_kaart.validate`, which checks the edited map and clears the
cache too. Without it the analyses answer for the map as it was before the
edit.

**Views and copies.** A view (``G.subgraph(...)``, ``G.reverse(copy=False)``,
``G.to_undirected(as_view=True)``) keeps its own index and checks, on every
use, that the graphs under it have not changed since. ``G.copy()``, a pickle
or a deep copy start without an index. A view whose filter reads data that
you change yourself (``nx.subgraph_view`` with your own function) needs
:func:`sociale_kaart.clear_cache` after that change.

**Not seen.** Edits that bypass networkx's methods by writing into its
private dicts (``G._adj``, ``G._node``, ``G._succ``, ``G._pred``) are not
seen, except that a changed number of nodes always renews the index. A graph
whose ``__networkx_cache__`` is not a dict (networkx before 3.3, or set to
``None`` by hand) is never cached: every call builds the facets it needs.
"""

from __future__ import annotations

from sociale_kaart.index.compiled import MapIndex, clear_cache, get_index

__all__ = ["MapIndex", "clear_cache", "get_index"]
