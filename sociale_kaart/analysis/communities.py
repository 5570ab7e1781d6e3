"""Communities: groups of nodes more tied to each other than to the rest."""

from __future__ import annotations

import random
from collections.abc import Iterable
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from sociale_kaart.analysis.frames import node_frame
from sociale_kaart.core.checks import check_edge_attribute, require_map
from sociale_kaart.index.ties import import_igraph, tie_view

__all__ = ["METHODS", "communities"]

#: The community detection methods :func:`~sociale_kaart.communities` offers.
METHODS: tuple[str, ...] = ("leiden", "louvain")


def communities(
    G: nx.MultiDiGraph,
    *,
    method: str = "leiden",
    relations: str | Iterable[str] | None = None,
    weight: str | None = None,
    resolution: float = 1.0,
    seed: int = 0,
) -> pd.DataFrame:
    r"""A community for every node, found by maximising modularity.

    Ties are taken regardless of direction (parallel edges collapsed; with
    ``weight``, the strongest). Communities are numbered 0, 1, ... from the
    largest; a node without ties is a community of its own.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    method : {"leiden", "louvain"}
        Leiden (Traag et al. 2019; igraph's implementation, two iterations)
        or Louvain (Blondel et al. 2008; igraph's multilevel algorithm).
    relations : str or list of str, optional
        Only use ties of these relations; all by default.
    weight : str, optional
        A numeric edge attribute with tie strengths, e.g. ``"trust"``.
    resolution : float, default 1.0
        Higher values give more, smaller communities.
    seed : int, default 0
        The same seed gives the same communities.

    Returns
    -------
    pandas.DataFrame
        Indexed by node id (``id``), columns ``kind``, ``name``,
        ``neighbourhood`` and ``community`` (int). ``frame.attrs`` holds
        ``"modularity"`` (the modularity :math:`Q` of the partition, at the
        given resolution), ``"n_communities"``, ``"method"``,
        ``"resolution"`` and ``"seed"``. An empty map gives an empty frame
        with modularity NaN.
        ``name`` is missing (``pd.NA``) for residents, who are identified by
        their id (docs/conventions.md, "Names in tables").

    Raises
    ------
    ValueError
        If ``method`` is unknown, ``resolution`` is not positive, or a
        relation is unknown.
    ImportError
        If igraph is not installed (``pip install igraph``).

    See Also
    --------
    network_stats : E-I index between given groups, such as neighbourhoods.

    Notes
    -----
    Modularity (Newman and Girvan 2004) with resolution :math:`\gamma`:

    .. math:: Q = \frac{1}{2m}\sum_{ij}\Bigl(A_{ij} -
              \gamma\frac{k_i k_j}{2m}\Bigr)\,[c_i = c_j],

    with :math:`A` the (weighted) adjacency, :math:`k_i` the (weighted)
    degree and :math:`m` the total tie weight; it equals
    ``networkx.community.modularity`` of the same partition. Leiden
    improves on Louvain by guaranteeing connected communities. igraph draws
    random numbers from a generator seeded with ``seed`` for the call only,
    so the global ``random`` state is left alone.

    References
    ----------
    - Traag, V. A., Waltman, L., & van Eck, N. J. (2019). From Louvain to
      Leiden: guaranteeing well-connected communities. *Scientific
      Reports*, 9, 5233. https://doi.org/10.1038/s41598-019-41695-z
    - Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & Lefebvre, E.
      (2008). Fast unfolding of communities in large networks. *Journal of
      Statistical Mechanics*, P10008.
      https://doi.org/10.1088/1742-5468/2008/10/P10008
    - Newman, M. E. J., & Girvan, M. (2004). Finding and evaluating
      community structure in networks. *Physical Review E*, 69, 026113.
      https://doi.org/10.1103/PhysRevE.69.026113

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> parts = sk.communities(G, relations="knows")
    >>> round(parts.attrs["modularity"], 2) > 0.3
    True
    >>> int(parts["community"].max()) + 1 == parts.attrs["n_communities"]
    True
    """
    require_map(G)
    check_edge_attribute(G, weight, parameter="weight")
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(map(repr, METHODS))}, not {method!r}")
    if isinstance(resolution, bool) or not isinstance(resolution, (int, float)) or resolution <= 0:
        raise ValueError(f"resolution must be a positive number, not {resolution!r}")
    view = tie_view(G, relations=relations, weight=weight, directed=False)
    frame = node_frame(G, view.nodes)
    attrs: dict[str, Any] = {
        "method": method,
        "resolution": float(resolution),
        "seed": seed,
        "relations": None
        if relations is None
        else sorted([relations] if isinstance(relations, str) else relations),
        "weight": weight,
    }
    if view.n == 0:
        frame["community"] = pd.Series([], dtype=np.int64, index=frame.index)
        attrs.update(modularity=float("nan"), n_communities=0)
        frame.attrs.update(attrs)
        return frame
    ig = import_igraph()
    graph = view.igraph()
    weights = None if view.weight is None else "weight"
    previous = random.getstate()
    ig.set_random_number_generator(random.Random(seed))
    try:
        if method == "leiden":
            clustering = graph.community_leiden(
                objective_function="modularity",
                weights=weights,
                resolution=resolution,
                n_iterations=2,
            )
        else:
            clustering = graph.community_multilevel(weights=weights, resolution=resolution)
        membership = np.asarray(clustering.membership, dtype=np.int64)
    finally:
        ig.set_random_number_generator(random)
        random.setstate(previous)
    labels = _relabel(membership)
    if view.m:
        modularity = float(
            graph.modularity(labels.tolist(), weights=weights, resolution=resolution)
        )
    else:
        modularity = float("nan")
    frame["community"] = labels
    attrs.update(modularity=modularity, n_communities=int(labels.max()) + 1)
    frame.attrs.update(attrs)
    return frame


def _relabel(membership: np.ndarray) -> np.ndarray:
    """Number communities 0.. by size (largest first), then by first node."""
    _, first, inverse, sizes = np.unique(
        membership, return_index=True, return_inverse=True, return_counts=True
    )
    order = np.lexsort((first, -sizes))
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank[inverse.ravel()]
