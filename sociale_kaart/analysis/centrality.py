"""Centrality per node, ranked within the node's kind.

Who holds the map together? :func:`centrality` answers with five classic
measures (degree, betweenness, closeness, eigenvector, PageRank), one row per
node, and ranks each node among nodes of its own kind: a district nurse is
compared with other professionals, not with all residents.

The heavy kernels run on compiled code (igraph for betweenness, scipy for
shortest paths and sparse linear algebra) over an array view of the map that
is converted once and cached per graph (see :mod:`sociale_kaart.index.ties`).
Results equal networkx's within floating-point tolerance; above
:data:`EXACT_LIMIT` nodes, betweenness and closeness are estimated from a
random sample of source nodes, and the frame says so.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse import csgraph

from sociale_kaart.analysis.frames import node_frame, rank_within_kind
from sociale_kaart.core.checks import check_edge_attribute, require_map
from sociale_kaart.index.ties import TieView, tie_view

__all__ = ["DEFAULT_SAMPLES", "EXACT_LIMIT", "MEASURES", "centrality"]

#: The measures :func:`~sociale_kaart.centrality` computes, in column order.
MEASURES: tuple[str, ...] = ("degree", "betweenness", "closeness", "eigenvector", "pagerank")

#: Maps with more nodes than this get sampled betweenness and closeness.
EXACT_LIMIT = 5_000

#: The number of source nodes (pivots) sampled above :data:`EXACT_LIMIT`.
DEFAULT_SAMPLES = 128

_BATCHES = 8  # pivot batches, for the standard error of sampled betweenness
_TOP_FOR_RSE = 100
_PAGERANK_ALPHA = 0.85
_TOL = 1e-10
_MAX_ITER = 1000
_DENSE_LIMIT = 2_000


def centrality(
    G: nx.MultiDiGraph,
    *,
    measures: str | Sequence[str] = MEASURES,
    relations: str | Iterable[str] | None = None,
    weight: str | None = None,
    directed: bool = False,
    normalized: bool = True,
    samples: int | None = None,
    seed: int = 0,
) -> pd.DataFrame:
    r"""Degree, betweenness, closeness, eigenvector and PageRank centrality per node.

    Ties are collapsed first: two nodes are tied if any edge (of the chosen
    relations) joins them, in either direction unless ``directed=True``.
    With ``weight``, the tie's strength is the largest value of that
    attribute over its edges (missing values count as 1); strengths are used
    as such by degree, eigenvector and PageRank, and as distances
    :math:`1/w` by betweenness and closeness (a strong tie is a short one).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    measures : str or sequence of str
        Any of ``"degree"``, ``"betweenness"``, ``"closeness"``,
        ``"eigenvector"``, ``"pagerank"``; all by default.
    relations : str or list of str, optional
        Only use ties of these relations (e.g. ``["knows", "meets"]``).
        Every node of ``G`` keeps its row.
    weight : str, optional
        A numeric edge attribute with tie strengths, e.g. ``"trust"``.
    directed : bool
        Keep the direction of ties: degree counts in- plus out-ties,
        closeness uses paths *to* the node, eigenvector centrality and
        PageRank flow along the ties.
    normalized : bool
        Scale degree by :math:`1/(n-1)`, betweenness by the number of pairs
        of other nodes and closeness by :math:`1/(n-1)`, as networkx does.
    samples : int, optional
        Estimate betweenness and closeness from this many random source
        nodes (pivots). By default the computation is exact up to
        :data:`~sociale_kaart.analysis.centrality.EXACT_LIMIT` nodes and uses
        :data:`~sociale_kaart.analysis.centrality.DEFAULT_SAMPLES` pivots above; a
        value at least the number of nodes means exact.
    seed : int, default 0
        Seed for the choice of pivots.

    Returns
    -------
    pandas.DataFrame
        Indexed by node id (``id``). Columns ``kind``, ``name``,
        ``neighbourhood`` (a professional's neighbourhoods joined with
        ``;``), one float column per measure, then ``<measure>_rank`` for
        each: the rank within the node's kind, 1 = highest, ties sharing the
        best rank. ``frame.attrs`` records the options and, when sampled,
        ``samples``, ``seed`` and the median relative standard error of the
        100 highest estimates (``betweenness_rse``, ``closeness_rse``).
        ``name`` is missing (``pd.NA``) for residents, who are identified by
        their id (docs/conventions.md, "Names in tables").
        An empty map gives an empty frame with these columns.

    Raises
    ------
    ValueError
        If a measure or relation is unknown, ``samples`` is not positive, or
        a weight is not a positive number.
    TypeError
        If ``weight`` is not a string.

    See Also
    --------
    brokerage : Gould-Fernandez brokerage roles between groups.
    structural_holes : Burt's constraint and effective size.

    Notes
    -----
    With :math:`n` nodes, :math:`d(s, t)` the shortest-path distance,
    :math:`\sigma_{st}` the number of shortest paths from :math:`s` to
    :math:`t` and :math:`\sigma_{st}(v)` those through :math:`v`:

    - degree (Freeman 1979): :math:`C_D(v) = \deg(v) / (n-1)`, the weighted
      degree (strength) when ``weight`` is given;
    - betweenness (Freeman 1977), computed with Brandes' (2001) algorithm:
      :math:`C_B(v) = \sum_{s \ne v \ne t} \sigma_{st}(v)/\sigma_{st}`,
      divided by :math:`(n-1)(n-2)/2` (undirected) or :math:`(n-1)(n-2)`
      (directed);
    - closeness, harmonic so that disconnected maps work (Marchiori and
      Latora 2000; Boldi and Vigna 2014):
      :math:`C_H(v) = \frac{1}{n-1}\sum_{u \ne v} 1/d(u, v)`, with
      :math:`1/\infty = 0`;
    - eigenvector (Bonacich 1987): the principal eigenvector of the
      adjacency matrix, :math:`\lambda x = A^\top x`, with unit Euclidean
      norm, found by power iteration on :math:`A + I` from a vector of ones,
      as networkx does. On a disconnected map it concentrates on the
      component with the largest eigenvalue; other components get (almost)
      zero (1e-91 on a directory of 1,500 pieces), so when two or more
      components have ties a ``RuntimeWarning`` says how many (values kept,
      as networkx gives them: compare nodes only within one component);
    - PageRank (Page et al. 1999), damping :math:`\alpha = 0.85`:
      :math:`x = \alpha (x P + (x \cdot \mathbf{d}) / n) + (1-\alpha)/n`,
      with :math:`P` the row-normalised adjacency and :math:`\mathbf{d}` the
      nodes without out-ties.

    Sampling (Brandes and Pich 2007): with :math:`k` pivots :math:`S`, the
    estimates are :math:`\hat C_B(v) = \frac{n}{k}\sum_{s \in S}\delta_s(v)`
    and :math:`\hat C_H(v) = \frac{n-1}{k}\sum_{s \in S} 1/d(s, v)` (then
    normalised as above); both are unbiased. Their standard errors come from
    the spread over 8 batches of pivots (betweenness) and over the pivots
    (closeness).

    References
    ----------
    - Freeman, L. C. (1977). A set of measures of centrality based on
      betweenness. *Sociometry*, 40(1), 35-41. https://doi.org/10.2307/3033543
    - Freeman, L. C. (1979). Centrality in social networks: conceptual
      clarification. *Social Networks*, 1(3), 215-239.
      https://doi.org/10.1016/0378-8733(78)90021-7
    - Brandes, U. (2001). A faster algorithm for betweenness centrality.
      *Journal of Mathematical Sociology*, 25(2), 163-177.
      https://doi.org/10.1080/0022250X.2001.9990249
    - Bonacich, P. (1987). Power and centrality: a family of measures.
      *American Journal of Sociology*, 92(5), 1170-1182.
      https://doi.org/10.1086/228631
    - Page, L., Brin, S., Motwani, R., & Winograd, T. (1999). The PageRank
      citation ranking: bringing order to the web. Stanford InfoLab.
    - Boldi, P., & Vigna, S. (2014). Axioms for centrality. *Internet
      Mathematics*, 10(3-4), 222-262. https://doi.org/10.1080/15427951.2013.865686
    - Brandes, U., & Pich, C. (2007). Centrality estimation in large
      networks. *International Journal of Bifurcation and Chaos*, 17(7),
      2303-2318. https://doi.org/10.1142/S0218127407018403

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> c = sk.centrality(G)
    >>> top = c[c["kind"] == "professional"].nlargest(3, "betweenness")
    >>> top[["betweenness", "betweenness_rank"]].round(3)
                        betweenness  betweenness_rank
    id
    p_opbouw                  0.153                 1
    p_wijkverpleging          0.055                 2
    p_maatschappelijk3        0.050                 3
    >>> c.loc["r_spil", ["degree_rank", "betweenness_rank"]].tolist()
    [1, 1]
    """
    require_map(G)
    check_edge_attribute(G, weight, parameter="weight")
    chosen = _check_measures(measures)
    if samples is not None and (
        isinstance(samples, bool) or not isinstance(samples, (int, np.integer)) or samples < 1
    ):
        raise ValueError(f"samples must be a whole number of at least 1 or None, not {samples!r}")
    view = tie_view(G, relations=relations, weight=weight, directed=directed)
    n = view.n
    frame = node_frame(G, view.nodes)
    attrs: dict[str, Any] = {
        "measures": list(chosen),
        "relations": None if relations is None else sorted(_as_list(relations)),
        "weight": weight,
        "directed": bool(directed),
        "normalized": bool(normalized),
        "sampled": False,
        "samples": None,
        "seed": seed,
    }
    k = _pivot_count(n, samples)
    pivots: np.ndarray | None = None
    if k is not None and ("betweenness" in chosen or "closeness" in chosen):
        pivots = np.sort(np.random.default_rng(seed).choice(n, size=k, replace=False))
        attrs.update(sampled=True, samples=int(k))
    for measure in chosen:
        if measure == "degree":
            values = _degree(view, normalized)
        elif measure == "betweenness":
            values, rse = _betweenness(view, normalized, pivots)
            if rse is not None:
                attrs["betweenness_rse"] = rse
        elif measure == "closeness":
            values, rse = _closeness(view, normalized, pivots)
            if rse is not None:
                attrs["closeness_rse"] = rse
        elif measure == "eigenvector":
            values = _eigenvector(view)
        else:
            values = _pagerank(view)
        frame[measure] = values
    frame = rank_within_kind(frame, chosen)
    frame.attrs.update(attrs)
    return frame


# --------------------------------------------------------------------------- checks


def _as_list(value: str | Iterable[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _check_measures(measures: str | Sequence[str]) -> tuple[str, ...]:
    wanted = _as_list(measures)
    unknown = [m for m in wanted if m not in MEASURES]
    if unknown:
        raise ValueError(
            f"measures has unknown measure(s) {', '.join(map(repr, unknown))}; "
            f"choose from {', '.join(MEASURES)}"
        )
    if not wanted:
        raise ValueError(f"measures is empty; choose one or more of {', '.join(MEASURES)}")
    return tuple(m for m in MEASURES if m in wanted)


def _pivot_count(n: int, samples: int | None) -> int | None:
    """The number of pivots, or None for an exact computation."""
    if samples is None:
        return DEFAULT_SAMPLES if n > EXACT_LIMIT else None
    return int(samples) if samples < n else None


# --------------------------------------------------------------------------- measures


def _degree(view: TieView, normalized: bool) -> np.ndarray:
    n = view.n
    w = view.strengths()
    deg = np.bincount(view.src, weights=w, minlength=n) + np.bincount(
        view.dst, weights=w, minlength=n
    )
    if not normalized:
        return deg
    if n <= 1:
        return np.ones(n)  # as networkx.degree_centrality
    return deg / (n - 1)


def _distance_matrix(view: TieView) -> Any:
    """The adjacency with tie lengths 1/w (1 when unweighted)."""
    A = view.adjacency().copy()
    A.data = 1.0 / A.data
    return A


def _betweenness(
    view: TieView, normalized: bool, pivots: np.ndarray | None
) -> tuple[np.ndarray, float | None]:
    n = view.n
    if n < 3 or view.m == 0:
        return np.zeros(n), (0.0 if pivots is not None else None)
    scale = 1.0
    if normalized:
        scale = 1.0 / ((n - 1) * (n - 2)) if view.directed else 2.0 / ((n - 1) * (n - 2))
    weights = None if view.weight is None else (1.0 / view.weight).tolist()
    try:
        graph = view.igraph()
    except ImportError:
        return _betweenness_networkx(view, scale, pivots)
    if pivots is None:
        raw = np.asarray(graph.betweenness(directed=view.directed, weights=weights))
        return raw * scale, None
    batches = np.array_split(pivots, min(_BATCHES, len(pivots)))
    estimates = np.vstack(
        [
            np.asarray(
                graph.betweenness(
                    directed=view.directed, weights=weights, sources=b.tolist(), targets=None
                )
            )
            * (n / len(b))
            for b in batches
        ]
    )
    sizes = np.array([len(b) for b in batches], dtype=float)
    estimate = (estimates * sizes[:, None]).sum(axis=0) / sizes.sum()
    se = (
        estimates.std(axis=0, ddof=1) / math.sqrt(len(batches))
        if len(batches) > 1
        else np.full(n, np.nan)
    )
    return estimate * scale, _median_rse(estimate, se)


def _betweenness_networkx(
    view: TieView, scale: float, pivots: np.ndarray | None
) -> tuple[np.ndarray, float | None]:  # pragma: no cover - used only without igraph
    H = nx.DiGraph() if view.directed else nx.Graph()
    H.add_nodes_from(range(view.n))
    dist = 1.0 / view.strengths()
    H.add_weighted_edges_from(
        zip(view.src.tolist(), view.dst.tolist(), dist.tolist(), strict=True), weight="d"
    )
    wt = None if view.weight is None else "d"
    if pivots is None:
        raw = nx.betweenness_centrality(H, normalized=False, weight=wt)
        factor = 1.0
    else:
        raw = nx.betweenness_centrality_subset(
            H, pivots.tolist(), list(range(view.n)), normalized=False, weight=wt
        )
        factor = view.n / len(pivots)
    values = np.array([raw[i] for i in range(view.n)]) * factor
    return values * scale, None if pivots is None else float("nan")


def _closeness(
    view: TieView, normalized: bool, pivots: np.ndarray | None
) -> tuple[np.ndarray, float | None]:
    n = view.n
    if n < 2 or view.m == 0:
        return np.zeros(n), (0.0 if pivots is not None else None)
    if pivots is None:
        try:
            graph = view.igraph()
        except ImportError:  # pragma: no cover - scipy does it, more slowly
            graph = None
        if graph is not None:
            weights = None if view.weight is None else (1.0 / view.weight).tolist()
            mode = "in" if view.directed else "all"
            harmonic = np.asarray(
                graph.harmonic_centrality(mode=mode, weights=weights, normalized=False)
            )
            return (harmonic / (n - 1) if normalized else harmonic), None
    A = _distance_matrix(view)
    unweighted = view.weight is None
    sources = np.arange(n) if pivots is None else pivots
    total = np.zeros(n)
    total_sq = np.zeros(n)
    chunk = max(1, min(len(sources), 4_000_000 // max(n, 1)))
    for start in range(0, len(sources), chunk):
        idx = sources[start : start + chunk]
        D = csgraph.dijkstra(A, directed=True, indices=idx, unweighted=unweighted)
        with np.errstate(divide="ignore"):
            inv = 1.0 / D
        inv[~np.isfinite(inv)] = 0.0  # the source itself (d = 0) and unreachable nodes
        total += inv.sum(axis=0)
        if pivots is not None:
            total_sq += (inv * inv).sum(axis=0)
    if pivots is None:
        harmonic = total
        rse = None
    else:
        k = len(pivots)
        # A pivot contributes nothing to itself: average over the other pivots.
        own = np.zeros(n, dtype=bool)
        own[pivots] = True
        count = np.where(own, k - 1, k).astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(count > 0, total / count, 0.0)
            var = np.where(count > 1, (total_sq - count * mean**2) / (count - 1), np.nan)
        harmonic = mean * (n - 1)
        se = np.sqrt(np.maximum(var, 0.0) / count) * (n - 1)
        rse = _median_rse(harmonic, se)
    if normalized:
        harmonic = harmonic / (n - 1)
    return harmonic, rse


def _median_rse(estimate: np.ndarray, se: np.ndarray) -> float:
    """Median relative standard error over the highest estimates."""
    positive = np.flatnonzero(estimate > 0)
    if len(positive) == 0:
        return 0.0
    top = positive[np.argsort(-estimate[positive])[:_TOP_FOR_RSE]]
    return float(np.nanmedian(se[top] / estimate[top]))


def _eigenvector(view: TieView) -> np.ndarray:
    values = _eigenvector_values(view)
    if view.n:
        _warn_if_split(view.adjacency())
    return values


def _warn_if_split(A: Any) -> None:
    """Warn when ties fall apart into several pieces (issue 11).

    The leading eigenvector of a split map lives on the piece with the largest
    eigenvalue; every other piece gets values near zero (1e-91 on a directory
    of 1,500 pieces), which read as "no influence" while they only mean
    "another piece". The values are kept, as in networkx, with this warning.
    """
    from scipy.sparse.csgraph import connected_components

    _, labels = connected_components(A, directed=False)
    sizes = np.bincount(labels)
    pieces = int((sizes > 1).sum())
    if pieces > 1:
        warnings.warn(
            f"eigenvector centrality: the ties fall apart into {pieces} pieces of two or "
            "more nodes; only the piece with the largest eigenvalue gets meaningful values, "
            "the others are near zero. Compare nodes only within one piece, or "
            "use PageRank or degree.",
            RuntimeWarning,
            stacklevel=4,
        )


def _eigenvector_values(view: TieView) -> np.ndarray:
    n = view.n
    if n == 0:
        return np.zeros(0)
    A = view.adjacency()
    M = A.T.tocsr() if view.directed else A
    x = np.full(n, 1.0 / n)
    for _ in range(_MAX_ITER):
        last = x
        x = last + M @ last
        norm = float(np.sqrt(x @ x)) or 1.0
        x = x / norm
        if np.abs(x - last).sum() < n * _TOL:
            return x
    if not view.directed:
        # Slow convergence: two components with nearly the same leading
        # eigenvalue. The power iteration's limit is the leading eigenvector.
        return _leading_eigenvector(A, x)
    warnings.warn(
        "eigenvector centrality did not converge in "
        f"{_MAX_ITER} iterations (the map may have no dominant component, e.g. a directed "
        "map without cycles); the column is left missing. PageRank works on any map.",
        RuntimeWarning,
        stacklevel=3,
    )
    return np.full(n, np.nan)


def _leading_eigenvector(A: Any, start: np.ndarray) -> np.ndarray:
    """The unit eigenvector of the largest eigenvalue of the symmetric matrix A."""
    n = A.shape[0]
    if n <= _DENSE_LIMIT:
        _, vectors = np.linalg.eigh(A.toarray())
        vector = vectors[:, -1]
    else:
        from scipy.sparse.linalg import eigsh

        _, vectors = eigsh(A.astype(float), k=1, which="LA", v0=start)
        vector = vectors[:, 0]
    vector = np.abs(vector)
    return np.asarray(vector / np.linalg.norm(vector))


def _pagerank(view: TieView) -> np.ndarray:
    n = view.n
    if n == 0:
        return np.zeros(0)
    A = view.adjacency()
    out = np.asarray(A.sum(axis=1)).ravel()
    dangling = out == 0
    inv = np.zeros(n)
    inv[~dangling] = 1.0 / out[~dangling]
    P = (A.multiply(inv[:, None])).tocsr()
    PT = P.T.tocsr()
    x = np.full(n, 1.0 / n)
    p = np.full(n, 1.0 / n)
    for _ in range(_MAX_ITER):
        last = x
        x = _PAGERANK_ALPHA * (PT @ last + last[dangling].sum() * p) + (1 - _PAGERANK_ALPHA) * p
        if np.abs(x - last).sum() < n * _TOL:
            break
    return np.asarray(x)
