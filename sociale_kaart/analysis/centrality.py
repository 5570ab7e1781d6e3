"""Centrality per node, ranked within the node's kind.

Who holds the map together? :func:`centrality` answers with five classic
measures (degree, betweenness, closeness, eigenvector, PageRank), one row per
node, and ranks each node among nodes of its own kind: a district nurse is
compared with other professionals, not with all residents.

The heavy kernels run on compiled code (igraph for betweenness, scipy for
shortest paths and sparse linear algebra) over an array view of the map that
is converted once and cached per graph (see :mod:`sociale_kaart.index.ties`).
Results equal networkx's within floating-point tolerance; above
:data:`EXACT_LIMIT` nodes, betweenness and closeness are estimated, and the
frame says how well: up to :data:`ADAPTIVE_LIMIT` nodes betweenness is
sampled until it is within a stated error (KADABRA, networkit) and the
highest closeness values are exact; above, both come from random source
nodes (pivots).
"""

from __future__ import annotations

import contextlib
import math
import warnings
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse import csgraph

from sociale_kaart.analysis.frames import node_frame, rank_within_kind
from sociale_kaart.core.checks import check_edge_attribute, require_map
from sociale_kaart.index.ties import TieView, tie_view

__all__ = [
    "ADAPTIVE_LIMIT",
    "ADAPTIVE_SAMPLES",
    "DEFAULT_DELTA",
    "DEFAULT_ERROR",
    "DEFAULT_SAMPLES",
    "EXACT_LIMIT",
    "MEASURES",
    "centrality",
]

#: The measures :func:`~sociale_kaart.centrality` computes, in column order.
MEASURES: tuple[str, ...] = ("degree", "betweenness", "closeness", "eigenvector", "pagerank")

#: Maps with more nodes than this get sampled betweenness and closeness.
EXACT_LIMIT = 5_000

#: Up to this many nodes, sampled betweenness adapts its sample to a stated error
#: (KADABRA) and the highest closeness values are exact; above it, both are
#: estimated from :data:`DEFAULT_SAMPLES` pivots, whose cost grows more slowly.
ADAPTIVE_LIMIT = 50_000

#: The number of source nodes (pivots) sampled above :data:`EXACT_LIMIT`.
DEFAULT_SAMPLES = 128

#: Closeness pivots up to :data:`ADAPTIVE_LIMIT`, where the highest closeness values
#: are exact and the pivots estimate only the others.
ADAPTIVE_SAMPLES = 32

#: The absolute error of adaptive betweenness, in units of normalised betweenness:
#: every node's estimate is within it of the exact value, all at once, with
#: probability at least ``1 - DEFAULT_DELTA``.
DEFAULT_ERROR = 0.005

# The networkit release whose KADABRA scores the correction in _betweenness_kadabra fits.
_NETWORKIT_VERSION = "11.2.2"

#: The probability that the stated error of sampled betweenness and closeness fails.
DEFAULT_DELTA = 0.1

_BATCHES = 8  # pivot batches, for the standard error of sampled betweenness
_TOP_FOR_RSE = 100
_TOP = 100  # closeness: the highest values computed exactly
_CANDIDATES = 200  # closeness without networkit: estimates re-computed exactly
_KADABRA_START_FACTOR = 100  # networkit's default
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
    error: float = DEFAULT_ERROR,
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
        nodes (pivots) only, without the adaptive steps below; a value at
        least the number of nodes means exact. By default the computation is
        exact up to :data:`~sociale_kaart.analysis.centrality.EXACT_LIMIT`
        nodes and estimated above (see Notes).
    error : float, default :data:`~sociale_kaart.analysis.centrality.DEFAULT_ERROR`
        The error bound of adaptive betweenness (KADABRA), in units of
        normalised betweenness, for all nodes at once: larger is faster and
        less accurate (0.008 takes about half the time at 10,000 residents
        and finds 85-90 of the true top 100 instead of 89-91). Between 0 and 1.
    seed : int, default 0
        Seed for the pivots and the sampled paths. networkit, when used,
        runs on one thread (its results depend on the thread count) and
        its global random seed is set from ``seed``; its thread count is
        restored afterwards.

    Returns
    -------
    pandas.DataFrame
        Indexed by node id (``id``). Columns ``kind``, ``name``,
        ``neighbourhood`` (a professional's neighbourhoods joined with
        ``;``), one float column per measure, then ``<measure>_rank`` for
        each: the rank within the node's kind, 1 = highest, ties sharing the
        best rank. ``frame.attrs`` records the options and, when sampled,
        ``sampled=True``, ``samples`` (the closeness pivots: 32 when the
        highest closeness values are exact, see Notes), ``seed`` and
        the achieved error: ``betweenness_method`` (``"kadabra"`` or
        ``"pivots"``); for KADABRA ``betweenness_error``, a bound on the
        absolute error of *every* node's value at once (so also of the
        highest ones, whichever they are), holding with probability at least
        ``1 - betweenness_delta``, ``betweenness_paths``, the number of
        sampled paths, ``betweenness_rse``, the median relative standard
        error of the 100 highest estimates (binomial, from the paths), and
        ``betweenness_top_certain``, how many of the 100 highest estimates
        are certainly in the true top 100 (at ``1 - DEFAULT_DELTA`` for all
        nodes at once; see Notes); for pivots ``betweenness_pivots`` and
        ``betweenness_rse``, the median relative standard error of the 100
        highest estimates, a per-node figure that understates their error
        (they are the highest partly because they are overestimated).
        ``closeness_exact`` is the number of highest closeness values that
        are exact and certainly (or, without networkit, with probability
        ``1 - DEFAULT_DELTA``) the highest; ``closeness_rse`` is the median
        relative standard error of the 100 highest estimated ones.
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

    Sampling. Pivots (Brandes and Pich 2007): with :math:`k` random source
    nodes :math:`S`, the estimates are
    :math:`\hat C_B(v) = \frac{n}{k}\sum_{s \in S}\delta_s(v)` and
    :math:`\hat C_H(v) = \frac{n-1}{k}\sum_{s \in S} 1/d(s, v)` (then
    normalised as above); both are unbiased. Their standard errors come from
    the spread over 8 batches of pivots (betweenness) and over the pivots
    (closeness). On an unweighted, undirected map of at most
    :data:`~sociale_kaart.analysis.centrality.ADAPTIVE_LIMIT` nodes, betweenness
    is instead estimated by KADABRA (Borassi and Natale 2019, networkit's
    parallel version by van der Grinten et al. 2019): it samples one random
    shortest path between random pairs of nodes, as Riondato and
    Kornaropoulos (2016) do, but stops adaptively, as soon as every node's
    estimate is within
    :data:`~sociale_kaart.analysis.centrality.DEFAULT_ERROR` (0.005, in units of
    normalised betweenness) of the exact value, all nodes at once, with
    probability at least ``1 - DEFAULT_DELTA`` (0.9). That bound is loose
    for the ranking; the frame also gives per-node figures: a path runs
    through :math:`v` with probability :math:`p_v` (the share of pairs), so
    with :math:`N` paths the estimate :math:`\hat p_v` has standard error
    :math:`\sqrt{\hat p_v (1 - \hat p_v)/N}` (``betweenness_rse`` is its
    median relative size over the 100 highest estimates), and
    ``betweenness_top_certain`` counts the highest estimates whose lower
    bound, :math:`z` standard errors below (normal approximation, Bonferroni
    over the nodes, :math:`\delta = 0.1`), exceeds the upper bound of every
    node outside the 100 highest: if all bounds hold, such a node is in the
    true top 100. At 10,000 residents about 55,000 paths are sampled, the
    100 highest estimates have a relative standard error of 6 % and hold
    89-91 of the true top 100; a simulation of binomial counts from the
    exact values agrees (89.5 on average) and needs about 150,000 paths for
    at least 90 in 19 seeds of 20. Closeness keeps pivot estimates, from
    :data:`~sociale_kaart.analysis.centrality.ADAPTIVE_SAMPLES` (32) pivots
    instead of 128 because they only estimate the nodes below the top, and
    the 100 highest values are computed exactly:
    networkit's TopHarmonicCloseness (Bergamini et al. 2019) finds them with
    certainty; on a weighted or directed map (128 pivots, as without
    networkit 11.2.2) the 200 highest estimates are
    recomputed exactly with igraph, and those exact values that no other
    node's estimate plus :math:`z` standard errors reaches (Bonferroni over
    the nodes, :math:`\delta = 0.1`) are counted in ``closeness_exact``.
    Other nodes' estimates are capped just below the exact 100th value when
    the top is certain. Directed or weighted maps, and maps above the
    limit, use pivots for betweenness: networkit's KADABRA has no weights,
    and above the limit its cost exceeds that of 128 pivots.

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
    - Riondato, M., & Kornaropoulos, E. M. (2016). Fast approximation of
      betweenness centrality through sampling. *Data Mining and Knowledge
      Discovery*, 30(2), 438-475. https://doi.org/10.1007/s10618-015-0423-0
    - Borassi, M., & Natale, E. (2019). KADABRA is an adaptive algorithm for
      betweenness via random approximation. *ACM Journal of Experimental
      Algorithmics*, 24, 1.2:1-1.2:35. https://doi.org/10.1145/3284359
    - van der Grinten, A., Angriman, E., & Meyerhenke, H. (2019). Parallel
      adaptive sampling with almost no synchronization. *Euro-Par 2019*,
      LNCS 11725, 434-447. https://doi.org/10.1007/978-3-030-29400-7_31
    - Bergamini, E., Borassi, M., Crescenzi, P., Marino, A., & Meyerhenke,
      H. (2019). Computing top-k closeness centrality faster in unweighted
      graphs. *ACM Transactions on Knowledge Discovery from Data*, 13(5),
      53:1-53:40. https://doi.org/10.1145/3344719

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
    if (
        isinstance(error, bool)
        or not isinstance(error, (int, float, np.floating))
        or not 0 < error < 1
    ):
        raise ValueError(f"error must be a number between 0 and 1, such as 0.005, not {error!r}")
    view, values, attrs = centrality_values(
        G,
        chosen,
        relations=relations,
        weight=weight,
        directed=directed,
        normalized=normalized,
        samples=samples,
        error=float(error),
        seed=seed,
    )
    frame = node_frame(G, view.nodes)
    for measure in chosen:
        frame[measure] = values[measure]
    frame = rank_within_kind(frame, chosen)
    frame.attrs.update(attrs)
    return frame


def centrality_values(
    G: nx.MultiDiGraph,
    chosen: Sequence[str],
    *,
    relations: str | Iterable[str] | None = None,
    weight: str | None = None,
    directed: bool = False,
    normalized: bool = True,
    samples: int | None = None,
    error: float = DEFAULT_ERROR,
    seed: int = 0,
    batches: int | None = None,
) -> tuple[TieView, dict[str, np.ndarray], dict[str, Any]]:
    """The tie view, the values of each chosen measure (in the view's node order) and the attrs.

    What :func:`centrality` puts in its frame, for callers that need the numbers only
    (the diff of two maps). ``batches=1`` computes sampled betweenness in one igraph call,
    without its standard error (``betweenness_rse`` is NaN); the estimate is the same up to
    rounding.
    """
    view = tie_view(G, relations=relations, weight=weight, directed=directed)
    n = view.n
    values: dict[str, np.ndarray] = {}
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
    # Adaptive: betweenness to a stated error, the highest closeness values exact.
    adaptive = samples is None and k is not None and n <= ADAPTIVE_LIMIT
    if adaptive and k is not None and _networkit_fits(view):
        # KADABRA needs no pivots and the highest closeness values are exact:
        # the pivots only estimate the other closeness values.
        k = min(ADAPTIVE_SAMPLES, k)
    if k is not None and ("betweenness" in chosen or "closeness" in chosen):
        pivots = _choose_pivots(n, k, seed)
        attrs.update(sampled=True, samples=int(k))
    for measure in chosen:
        if measure == "degree":
            values[measure] = _degree(view, normalized)
        elif measure == "betweenness":
            values[measure], info = _betweenness(
                view,
                normalized,
                pivots,
                adaptive=adaptive,
                seed=seed,
                error=error,
                batches=_BATCHES if batches is None else batches,
            )
            attrs.update(info)
        elif measure == "closeness":
            values[measure], info = _closeness(view, normalized, pivots, adaptive=adaptive)
            attrs.update(info)
        elif measure == "eigenvector":
            values[measure] = _eigenvector(view)
        else:
            values[measure] = _pagerank(view)
    if attrs.get("betweenness_method") == "kadabra" and "closeness" not in chosen:
        attrs["samples"] = None  # no pivots were used
    return view, values, attrs


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


def _choose_pivots(n: int, k: int, seed: int) -> np.ndarray:
    return np.sort(np.random.default_rng(seed).choice(n, size=k, replace=False))


def _pivot_count(n: int, samples: int | None) -> int | None:
    """The number of pivots, or None for an exact computation."""
    if samples is None:
        return min(DEFAULT_SAMPLES, n) if n > EXACT_LIMIT else None
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
    view: TieView,
    normalized: bool,
    pivots: np.ndarray | None,
    *,
    adaptive: bool,
    seed: int,
    error: float = DEFAULT_ERROR,
    batches: int = _BATCHES,
) -> tuple[np.ndarray, dict[str, Any]]:
    n = view.n
    if n < 3 or view.m == 0:
        if pivots is None and not adaptive:
            return np.zeros(n), {}
        return np.zeros(n), {"betweenness_method": "exact", "betweenness_error": 0.0}
    scale = 1.0
    if normalized:
        scale = 1.0 / ((n - 1) * (n - 2)) if view.directed else 2.0 / ((n - 1) * (n - 2))
    if adaptive:
        found = _betweenness_kadabra(view, scale, seed, error)
        if found is not None:
            return found
    weights = None if view.weight is None else (1.0 / view.weight).tolist()
    try:
        graph = view.igraph()
    except ImportError:
        return _betweenness_networkx(view, scale, pivots)
    if pivots is None:
        raw = np.asarray(graph.betweenness(directed=view.directed, weights=weights))
        return raw * scale, {}
    parts = np.array_split(pivots, max(1, min(batches, len(pivots))))
    estimates = np.vstack(
        [
            np.asarray(
                graph.betweenness(
                    directed=view.directed, weights=weights, sources=b.tolist(), targets=None
                )
            )
            * (n / len(b))
            for b in parts
        ]
    )
    sizes = np.array([len(b) for b in parts], dtype=float)
    estimate = (estimates * sizes[:, None]).sum(axis=0) / sizes.sum()
    se = (
        estimates.std(axis=0, ddof=1) / math.sqrt(len(parts))
        if len(parts) > 1
        else np.full(n, np.nan)
    )
    return estimate * scale, {
        "betweenness_method": "pivots",
        "betweenness_pivots": len(pivots),
        "betweenness_rse": _median_rse(estimate, se) if len(parts) > 1 else math.nan,
    }


def _import_networkit() -> Any:
    """networkit, or None when it is not installed."""
    try:
        import networkit
    except ImportError:  # pragma: no cover - networkit is a runtime requirement
        return None
    return networkit


def _networkit_fits(view: TieView) -> bool:
    """Whether KADABRA and TopHarmonicCloseness run on this view (unweighted, undirected)."""
    nk = _import_networkit()
    return (
        nk is not None
        and view.weight is None
        and not view.directed
        and getattr(nk, "__version__", None) == _NETWORKIT_VERSION
    )


@contextlib.contextmanager
def _one_thread(nk: Any) -> Iterator[None]:
    """networkit on one thread (its results depend on the count), restored afterwards."""
    threads = nk.getMaxNumberOfThreads()
    nk.setNumberOfThreads(1)
    try:
        yield
    finally:
        nk.setNumberOfThreads(threads)


def _betweenness_kadabra(
    view: TieView, scale: float, seed: int, error: float = DEFAULT_ERROR
) -> tuple[np.ndarray, dict[str, Any]] | None:
    """Adaptive betweenness (KADABRA) on an unweighted view, or None without networkit.

    networkit's KADABRA samples a random shortest path between random pairs
    until every node's estimate of :math:`b(v)`, the share of ordered pairs
    :math:`s \\ne t` whose path runs through :math:`v`, is within
    ``err`` with probability :math:`1 - \\delta`. It runs on one thread so
    that a seed gives one answer (its results depend on the thread count),
    and the thread count is restored afterwards.
    """
    if not _networkit_fits(view):
        # networkit's KADABRA needs a diameter, which it has for undirected maps, and
        # the correction below fits one release only: pivots, as attrs say.
        return None
    nk = _import_networkit()
    n = view.n
    pairs = n * (n - 1) / 2
    # b(v) * pairs is the raw (unnormalised) betweenness; scale normalises it.
    to_ours = pairs * scale
    # error is in the unit of normalised betweenness, b(v) * n / (n - 2).
    err = error * (n - 2) / n
    with _one_thread(nk):
        nk.setSeed(int(seed) % 2**63, True)
        algo = nk.centrality.KadabraBetweenness(
            view.networkit(), err, DEFAULT_DELTA, True, 0, 0, _KADABRA_START_FACTOR
        )
        algo.run()
        scores = np.asarray(algo.scores(), dtype=float)
        paths = int(algo.getNumberOfIterations())
        first = int(algo.getOmega() / _KADABRA_START_FACTOR)
    scores = scores / 2.0  # networkit doubles undirected scores
    # networkit 11 divides the paths of its first phase (``first``) by the
    # count of the later ones only; over all ``paths`` the share is unbiased.
    share = scores * ((paths - first) / paths) if paths > 0 else scores
    # Each path runs through v with probability share(v): a binomial count.
    se = np.sqrt(share * (1.0 - share) / paths) if paths > 0 else np.zeros(n)
    return share * to_ours, {
        "betweenness_method": "kadabra",
        "betweenness_paths": paths,
        "betweenness_error": float(err * to_ours),
        "betweenness_delta": DEFAULT_DELTA,
        "betweenness_rse": _median_rse(share, se),
        "betweenness_top_certain": _certain_top(share, se, _z(n)),
    }


def _certain_top(estimate: np.ndarray, se: np.ndarray, z: float) -> int:
    """How many of the :data:`_TOP` highest estimates are certainly among the true top.

    A node is certain when its lower bound (estimate minus ``z`` standard errors)
    exceeds the upper bound of every node outside the highest estimates: if all
    bounds hold, only nodes among the highest estimates can be above it.
    """
    n = len(estimate)
    if n <= _TOP:
        return n
    order = np.argsort(-estimate, kind="stable")
    top, rest = order[:_TOP], order[_TOP:]
    bound = float((estimate[rest] + z * se[rest]).max())
    return int(((estimate[top] - z * se[top]) > bound).sum())


def _betweenness_networkx(
    view: TieView, scale: float, pivots: np.ndarray | None
) -> tuple[np.ndarray, dict[str, Any]]:  # pragma: no cover - used only without igraph
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
    if pivots is None:
        return values * scale, {}
    return values * scale, {
        "betweenness_method": "pivots",
        "betweenness_pivots": len(pivots),
        "betweenness_rse": float("nan"),
    }


def _closeness(
    view: TieView, normalized: bool, pivots: np.ndarray | None, *, adaptive: bool
) -> tuple[np.ndarray, dict[str, Any]]:
    n = view.n
    if n < 2 or view.m == 0:
        return np.zeros(n), ({} if pivots is None else {"closeness_exact": n})
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
            return (harmonic / (n - 1) if normalized else harmonic), {}
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
    info: dict[str, Any] = {}
    if pivots is None:
        harmonic = total
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
        rest = np.ones(n, dtype=bool)
        info["closeness_exact"] = 0
        if adaptive:
            exact, values, certain = _closeness_top(view, harmonic)
            if certain and len(values):
                # The exact top: nobody else can be higher than its lowest value.
                # (just below it, so that the ranking keeps the exact top first).
                np.minimum(harmonic, np.nextafter(values.min(), -np.inf), out=harmonic)
            harmonic[exact] = values
            se[exact] = 0.0
            rest[exact] = False
            upper = harmonic[rest] + _z(n) * se[rest]
            info["closeness_exact"] = len(exact) if certain else _certified(values, upper)
        info["closeness_rse"] = _median_rse(harmonic[rest], se[rest]) if rest.any() else 0.0
    if normalized:
        harmonic = harmonic / (n - 1)
    return harmonic, info


def _closeness_top(view: TieView, estimate: np.ndarray) -> tuple[np.ndarray, np.ndarray, bool]:
    """Exact harmonic sums of the highest nodes: positions, sums, and whether certain.

    networkit's TopHarmonicCloseness finds the exact top :data:`_TOP` nodes
    (Bergamini et al. 2019) on an unweighted undirected view; otherwise the
    :data:`_CANDIDATES` highest estimates get exact values from igraph.
    """
    n = view.n
    top = min(_TOP, n)
    nk = _import_networkit()
    if nk is not None and view.weight is None and not view.directed:
        with _one_thread(nk):
            algo = nk.centrality.TopHarmonicCloseness(view.networkit(), top, False)
            algo.run()
            nodes = np.asarray(algo.topkNodesList(), dtype=np.int64)
            values = np.asarray(algo.topkScoresList(), dtype=float)
        return nodes, values, True
    try:
        graph = view.igraph()
    except ImportError:  # pragma: no cover - igraph is a runtime requirement
        return np.zeros(0, dtype=np.int64), np.zeros(0), False
    candidates = np.argsort(-estimate, kind="stable")[: min(_CANDIDATES, n)]
    weights = None if view.weight is None else (1.0 / view.weight).tolist()
    values = np.asarray(
        graph.harmonic_centrality(
            vertices=candidates.tolist(),
            mode="in" if view.directed else "all",
            weights=weights,
            normalized=False,
        ),
        dtype=float,
    )
    return candidates, values, False


def _z(n: int) -> float:
    """The normal quantile for a bound on n estimates at once (Bonferroni)."""
    from statistics import NormalDist

    return NormalDist().inv_cdf(1.0 - DEFAULT_DELTA / (2.0 * max(n, 1)))


def _certified(exact: np.ndarray, upper: np.ndarray) -> int:
    """How many of the highest exact values no other node's upper bound reaches."""
    bound = float(upper.max()) if len(upper) else -math.inf
    highest = np.sort(exact)[::-1][:_TOP]
    return int((highest > bound).sum()) if len(highest) else 0


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
