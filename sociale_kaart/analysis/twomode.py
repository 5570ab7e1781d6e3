"""Two-mode analysis: residents and the initiatives they take part in.

Residents and initiatives form a *two-mode* (bipartite) network: ties run
only between the two modes. :func:`two_mode_graph` makes it,
:func:`projection` turns it into a one-mode network (residents who share an
initiative; initiatives that share a resident) and
:func:`two_mode_centrality` gives degree, betweenness and closeness with the
normalisation of Borgatti and Everett (1997), which compares a node only
with what is possible in a two-mode network.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse import csgraph

from sociale_kaart.analysis.centrality import EXACT_LIMIT, _betweenness, _pivot_count
from sociale_kaart.analysis.frames import node_frame
from sociale_kaart.core.checks import require_map
from sociale_kaart.index.ties import TieView, check_relations

__all__ = ["TWO_MODE_RELATIONS", "projection", "two_mode_centrality", "two_mode_graph"]

#: The relations that tie residents to initiatives.
TWO_MODE_RELATIONS: tuple[str, ...] = ("participates", "volunteers")

_MODES = {"residents": "resident", "initiatives": "initiative"}


def _two_mode_arrays(
    G: nx.MultiDiGraph, relations: str | Iterable[str]
) -> tuple[list[Any], list[Any], np.ndarray, np.ndarray]:
    """Residents, initiatives and the (resident, initiative) position pairs."""
    chosen = check_relations(relations) or ()
    residents = [v for v, k in G.nodes(data="kind") if k == "resident"]
    initiatives = [v for v, k in G.nodes(data="kind") if k == "initiative"]
    r_index = {v: i for i, v in enumerate(residents)}
    i_index = {v: i for i, v in enumerate(initiatives)}
    pairs = set()
    for u, v, key, relation in G.edges(keys=True, data="relation"):
        if (relation or key) not in chosen:
            continue
        if u in r_index and v in i_index:
            pairs.add((r_index[u], i_index[v]))
        elif v in r_index and u in i_index:
            pairs.add((r_index[v], i_index[u]))
    ordered = sorted(pairs)
    rows = np.array([p[0] for p in ordered], dtype=np.int64)
    cols = np.array([p[1] for p in ordered], dtype=np.int64)
    return residents, initiatives, rows, cols


def two_mode_graph(
    G: nx.MultiDiGraph, *, relations: str | Iterable[str] = TWO_MODE_RELATIONS
) -> nx.Graph:
    """The resident-initiative network as a bipartite :class:`networkx.Graph`.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    relations : str or list of str
        The relations that tie a resident to an initiative; ``participates``
        and ``volunteers`` by default.

    Returns
    -------
    networkx.Graph
        Every resident (node attribute ``bipartite=0``) and initiative
        (``bipartite=1``) of ``G``, with their ``kind``; one edge per
        resident-initiative pair that has a tie of the chosen relations.
        Other attributes (names, needs) are not copied: the graph holds no
        personal data beyond the ids.

    Raises
    ------
    ValueError
        If a relation is unknown.

    See Also
    --------
    projection, two_mode_centrality

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> B = sk.two_mode_graph(sk.load_sample())
    >>> sorted(B["r_spil"])
    ['i_budgetcafe', 'i_koffieochtend', 'i_taalmaatjes']
    """
    require_map(G)
    residents, initiatives, rows, cols = _two_mode_arrays(G, relations)
    B = nx.Graph()
    B.add_nodes_from(residents, kind="resident", bipartite=0)
    B.add_nodes_from(initiatives, kind="initiative", bipartite=1)
    B.add_edges_from(
        (residents[r], initiatives[c]) for r, c in zip(rows.tolist(), cols.tolist(), strict=True)
    )
    return B


def projection(
    G: nx.MultiDiGraph,
    *,
    onto: str = "residents",
    relations: str | Iterable[str] = TWO_MODE_RELATIONS,
) -> nx.Graph:
    r"""The one-mode projection: who shares an initiative, or which initiatives share people.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    onto : {"residents", "initiatives"}
        ``"residents"``: residents are tied when they take part in a common
        initiative; ``"initiatives"``: initiatives are tied when a resident
        takes part in both.
    relations : str or list of str
        The relations that tie a resident to an initiative.

    Returns
    -------
    networkx.Graph
        All nodes of the chosen mode (with ``kind``), and an edge with
        attribute ``weight``, the number of shared initiatives (residents),
        for every pair that shares at least one.

    Raises
    ------
    ValueError
        If ``onto`` or a relation is unknown.

    See Also
    --------
    two_mode_graph

    Notes
    -----
    With :math:`B` the resident-by-initiative incidence matrix, the
    weights are the off-diagonal entries of :math:`BB^\top` (residents) or
    :math:`B^\top B` (initiatives), as in networkx's
    ``bipartite.weighted_projected_graph`` (Newman 2001).

    References
    ----------
    - Newman, M. E. J. (2001). Scientific collaboration networks. II.
      Shortest paths, weighted networks, and centrality. *Physical Review
      E*, 64, 016132. https://doi.org/10.1103/PhysRevE.64.016132

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> P = sk.projection(sk.load_sample(), onto="initiatives")
    >>> P["i_taalmaatjes"]["i_budgetcafe"]["weight"] >= 1
    True
    """
    require_map(G)
    if onto not in _MODES:
        raise ValueError(f"onto must be 'residents' or 'initiatives', not {onto!r}")
    residents, initiatives, rows, cols = _two_mode_arrays(G, relations)
    Bm = sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=(len(residents), len(initiatives)))
    if onto == "residents":
        nodes, C = residents, (Bm @ Bm.T).tocoo()
    else:
        nodes, C = initiatives, (Bm.T @ Bm).tocoo()
    P = nx.Graph()
    P.add_nodes_from(nodes, kind=_MODES[onto])
    upper = C.row < C.col
    P.add_weighted_edges_from(
        (nodes[a], nodes[b], int(w))
        for a, b, w in zip(
            C.row[upper].tolist(), C.col[upper].tolist(), C.data[upper].tolist(), strict=True
        )
    )
    return P


def two_mode_centrality(
    G: nx.MultiDiGraph,
    *,
    relations: str | Iterable[str] = TWO_MODE_RELATIONS,
    samples: int | None = None,
    seed: int = 0,
) -> pd.DataFrame:
    r"""Degree, betweenness and closeness in the resident-initiative network.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    relations : str or list of str
        The relations that tie a resident to an initiative.
    samples : int, optional
        Estimate betweenness and closeness from this many random source
        nodes; by default exact up to
        :data:`~sociale_kaart.analysis.centrality.EXACT_LIMIT` nodes, sampled (128
        pivots) above, as in :func:`centrality`.
    seed : int, default 0
        Seed for the choice of pivots.

    Returns
    -------
    pandas.DataFrame
        One row per resident and initiative, indexed by node id (``id``).
        Columns ``kind``, ``name``, ``neighbourhood``, ``degree``,
        ``betweenness``, ``closeness``, each normalised within its mode.
        ``frame.attrs`` records ``sampled``, ``samples`` and ``seed``.
        ``name`` is missing (``pd.NA``) for residents, who are identified by
        their id (docs/conventions.md, "Names in tables").

    Raises
    ------
    ValueError
        If a relation is unknown.

    See Also
    --------
    centrality : one-mode centrality of the whole map.

    Notes
    -----
    Borgatti and Everett (1997) normalise by the largest value possible in
    a two-mode network with :math:`n_1` nodes in the node's own mode and
    :math:`n_2` in the other (these are networkx's ``bipartite`` measures):

    - degree: :math:`d(v) / n_2`;
    - closeness: :math:`(n_2 + 2(n_1 - 1)) / \sum_u d(v, u)`, over the
      nodes :math:`v` reaches, times the share of all nodes reached;
    - betweenness: :math:`C_B(v) / b_{\max}`, with, writing
      :math:`n_1 - 1 = s\,n_2 + t` (:math:`0 \le t < n_2`),
      :math:`b_{\max} = \tfrac12[n_2^2(s+1)^2 + n_2(s+1)(2t-s-1) - t(2s-t+3)]`.

    References
    ----------
    - Borgatti, S. P., & Everett, M. G. (1997). Network analysis of 2-mode
      data. *Social Networks*, 19(3), 243-269.
      https://doi.org/10.1016/S0378-8733(96)00301-2

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> c = sk.two_mode_centrality(sk.load_sample())
    >>> c.loc["r_spil", "degree"].round(3)  # 3 of the 26 initiatives
    np.float64(0.115)
    """
    require_map(G)
    residents, initiatives, rows, cols = _two_mode_arrays(G, relations)
    nodes = [*residents, *initiatives]
    n1, n2 = len(residents), len(initiatives)
    N = n1 + n2
    src, dst = rows, cols + n1
    view = TieView(nodes=nodes, src=src, dst=dst, weight=None, directed=False)
    frame = node_frame(G, nodes)
    top = np.arange(N) < n1  # residents
    own = np.where(top, n1, n2).astype(float)
    other = np.where(top, n2, n1).astype(float)
    degree = np.bincount(src, minlength=N) + np.bincount(dst, minlength=N)
    with np.errstate(divide="ignore", invalid="ignore"):
        frame["degree"] = np.where(other > 0, degree / other, 0.0)
    k = _pivot_count(N, samples)
    pivots = None if k is None else np.sort(np.random.default_rng(seed).choice(N, k, replace=False))
    raw, _ = _betweenness(view, False, pivots, adaptive=False, seed=seed)
    frame["betweenness"] = raw / np.array([_bet_max(a, b) for a, b in zip(own, other, strict=True)])
    frame["closeness"] = _closeness(view, own, other, pivots)
    frame.attrs = {
        "relations": sorted([relations] if isinstance(relations, str) else relations),
        "sampled": pivots is not None,
        "samples": None if pivots is None else len(pivots),
        "seed": seed,
        "exact_limit": EXACT_LIMIT,
    }
    return frame


def _bet_max(own: float, other: float) -> float:
    """Borgatti-Everett's largest betweenness in a two-mode network (1 when undefined)."""
    if other <= 0:
        return 1.0
    s, t = divmod(int(own) - 1, int(other))
    m = int(other)
    value = ((m**2) * ((s + 1) ** 2) + m * (s + 1) * (2 * t - s - 1) - t * (2 * s - t + 3)) / 2
    return float(value) if value > 0 else 1.0


def _closeness(
    view: TieView, own: np.ndarray, other: np.ndarray, pivots: np.ndarray | None
) -> np.ndarray:
    N = view.n
    if N < 2 or view.m == 0:
        return np.zeros(N)
    A = view.adjacency()
    sources = np.arange(N) if pivots is None else pivots
    total = np.zeros(N)
    reached = np.zeros(N)
    chunk = max(1, min(len(sources), 4_000_000 // N))
    for start in range(0, len(sources), chunk):
        D = csgraph.dijkstra(A, indices=sources[start : start + chunk], unweighted=True)
        finite = np.isfinite(D) & (D > 0)
        total += np.where(finite, D, 0.0).sum(axis=0)
        reached += finite.sum(axis=0)
    if pivots is not None:
        # Undirected: d(p, v) = d(v, p); scale the pivots' sums up to all nodes.
        k = len(pivots)
        is_pivot = np.zeros(N, dtype=bool)
        is_pivot[pivots] = True
        factor = (N - 1) / np.where(is_pivot, max(k - 1, 1), k)
        total, reached = total * factor, reached * factor
    with np.errstate(divide="ignore", invalid="ignore"):
        value = (other + 2 * (own - 1)) / total * (reached / (N - 1))
    return np.where(total > 0, value, 0.0)
