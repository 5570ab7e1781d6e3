"""Brokers: Gould-Fernandez brokerage roles and Burt's structural holes.

A *sociale makelaar* (social broker) links people and groups that are not
linked directly. :func:`brokerage` counts, for every node, the open two-paths
``i -> v -> j`` it sits on, by how the groups of ``i``, ``v`` and ``j``
relate (Gould and Fernandez 1989). :func:`structural_holes` measures how much
a node's contacts are themselves unconnected (Burt 1992).
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Iterator

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from sociale_kaart.analysis.frames import Partition, group_of, node_frame
from sociale_kaart.core.checks import check_edge_attribute, check_node_attribute, require_map
from sociale_kaart.core.vocabulary import BROKERAGE_ROLES, SYMMETRIC_RELATIONS
from sociale_kaart.index.ties import tie_view

__all__ = ["ROLES", "brokerage", "structural_holes"]

#: The five brokerage roles, in column order (defined once in :mod:`sociale_kaart.core.vocabulary`).
ROLES: tuple[str, ...] = BROKERAGE_ROLES

_PATHS_PER_CHUNK = 4_000_000
_PAIRS_PER_CHUNK = 4_000_000


def brokerage(
    G: nx.MultiDiGraph,
    *,
    by: Partition = "organisation",
    relations: str | Iterable[str] | None = None,
    symmetric: Collection[str] = SYMMETRIC_RELATIONS,
) -> pd.DataFrame:
    r"""The five Gould-Fernandez brokerage roles of every node, on directed ties.

    A node ``v`` brokers for the ordered pair ``(i, j)`` when there are ties
    ``i -> v`` and ``v -> j`` but no tie ``i -> j`` (and ``i != j``). Each
    such open two-path is counted once, in one of five roles given by the
    groups of ``i``, ``v`` and ``j``:

    ================  ==============  ===========================================
    role              pattern         the broker ...
    ================  ==============  ===========================================
    coordinator       A -> A -> A     links two members of its own group
    itinerant         A -> B -> A     links two members of another group
                                      (also called *consultant*)
    representative    A -> A -> B     passes its group's contact to another group
    gatekeeper        A -> B -> B     lets an outsider in to its own group
    liaison           A -> B -> C     links two other, different groups
    ================  ==============  ===========================================

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    by : str or callable, default "organisation"
        The groups: a node attribute name (``"organisation"``, the employer
        of a professional or runner of an initiative; ``"kind"``;
        ``"neighbourhood"``) or a callable ``f(node, attrs)`` returning a
        group label. Nodes without a group (``None``, e.g. residents under
        ``"organisation"``) are left out: they broker nothing and no path
        through them counts. A list value becomes a tuple label.
    relations : str or list of str, optional
        Only use ties of these relations; all by default.
    symmetric : list of str
        Relations whose ties hold both ways (*a knows b* means *b knows
        a*): each such edge also counts in reverse. By default ``knows``,
        ``partners`` and ``meets``; pass ``()`` to use every edge only in
        its recorded direction.

    Returns
    -------
    pandas.DataFrame
        Indexed by node id (``id``), columns ``kind``, ``name``, ``group``,
        ``coordinator``, ``itinerant``, ``representative``, ``gatekeeper``,
        ``liaison`` and ``total`` (whole numbers). An empty map gives an
        empty frame with these columns.
        ``name`` is missing (``pd.NA``) for residents, who are identified by
        their id (docs/conventions.md, "Names in tables").

    Raises
    ------
    TypeError
        If ``by`` is neither a string nor callable, or gives a label
        that cannot be hashed.
    ValueError
        If a relation is unknown, or no node has the attribute ``by`` names
        (the message suggests the closest one).

    See Also
    --------
    structural_holes : Burt's constraint and effective size.
    centrality : betweenness, another view of brokerage.

    Notes
    -----
    With :math:`A` the directed 0/1 adjacency (parallel edges collapsed) and
    :math:`g(\cdot)` the group, the count of role :math:`r` for :math:`v` is

    .. math:: b_r(v) = \sum_{i \ne j} A_{iv} A_{vj} (1 - A_{ij})\,
              [\text{the pattern of } g(i), g(v), g(j) \text{ is } r].

    The counts are the raw scores of R's ``sna::brokerage`` (its
    ``raw.nli``): columns ``w_I`` (coordinator), ``w_O`` (itinerant),
    ``b_IO`` (representative), ``b_OI`` (gatekeeper), ``b_O`` (liaison) and
    ``t`` (total). sna, like this function, skips a two-path when the
    direct tie ``i -> j`` exists; a mutual tie ``i <-> v`` does not make
    ``i -> v -> i`` a two-path. The test suite compares both on several
    graphs. The two-paths are enumerated with numpy over a sparse
    adjacency, in chunks, so the cost grows with the number of two-paths.

    References
    ----------
    - Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: a
      formal approach to brokerage in transaction networks. *Sociological
      Methodology*, 19, 89-126. https://doi.org/10.2307/270949
    - Butts, C. T. (2008). Social network analysis with sna. *Journal of
      Statistical Software*, 24(6). https://doi.org/10.18637/jss.v024.i06

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> b = sk.brokerage(G, by="neighbourhood", relations="knows")
    >>> b.loc["r_spil", "group"]
    'Havenkwartier'
    >>> b.loc["r_spil", ["coordinator", "liaison", "total"]].astype(int).tolist()
    [70, 96, 416]
    >>> b.sort_values("total", ascending=False).index[0]
    'r_spil'
    """
    require_map(G)
    check_node_attribute(G, by, parameter="by")
    view = tie_view(G, relations=relations, directed=True, symmetric=symmetric)
    groups = group_of(G, by, name="by")
    counts = _count_roles(view.n, view.src, view.dst, _group_codes(groups))
    frame = node_frame(G, view.nodes)[["kind", "name"]]
    frame["group"] = pd.Series(groups, index=frame.index, dtype=object)
    for r, role in enumerate(ROLES):
        frame[role] = counts[:, r]
    frame["total"] = counts.sum(axis=1)
    frame.attrs = {
        "by": by if isinstance(by, str) else repr(by),
        "relations": None if relations is None else sorted(_as_list(relations)),
        "symmetric": sorted(symmetric),
    }
    return frame


def _as_list(value: str | Iterable[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _group_codes(groups: list[Hashable]) -> np.ndarray:
    """An integer code per group (in the order of ``groups``); -1 for no group."""
    codes, _ = pd.factorize(pd.Series(groups, dtype=object), use_na_sentinel=True)
    return np.asarray(codes, dtype=np.int64)


def brokerage_totals(
    G: nx.MultiDiGraph,
    groups: list[Hashable],
    *,
    relations: str | Iterable[str] | None = None,
    symmetric: Collection[str] = SYMMETRIC_RELATIONS,
) -> np.ndarray:
    """The ``total`` column of :func:`brokerage`, in ``G``'s node order, without the roles.

    ``groups`` is :func:`~sociale_kaart.analysis.frames.group_of` of the partition,
    or the same list made otherwise (one pass over the nodes that also reads other
    attributes). For the diff of two maps, which needs only the totals.
    """
    view = tie_view(G, relations=relations, directed=True, symmetric=symmetric)
    return _count_total(view.n, view.src, view.dst, _group_codes(groups))


def _count_roles(n: int, src: np.ndarray, dst: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Role counts (n x 5) over the open two-paths of the directed ties src -> dst."""
    out = np.zeros((n, len(ROLES)), dtype=np.int64)
    for v, i, j in _open_two_paths(n, src, dst, codes):
        gi, gv, gj = codes[i], codes[v], codes[j]
        role = np.full(len(v), 4, dtype=np.int64)  # liaison A -> B -> C
        role[(gi == gv) & (gv == gj)] = 0  # coordinator
        role[(gi == gj) & (gi != gv)] = 1  # itinerant
        role[(gi == gv) & (gv != gj)] = 2  # representative
        role[(gi != gv) & (gv == gj)] = 3  # gatekeeper
        out += np.bincount(v * len(ROLES) + role, minlength=n * len(ROLES)).reshape(n, -1)
    return out


def _count_total(n: int, src: np.ndarray, dst: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """The total of :func:`_count_roles` per node, without telling the roles apart."""
    out = np.zeros(n, dtype=np.int64)
    for v, _, _ in _open_two_paths(n, src, dst, codes):
        out += np.bincount(v, minlength=n)
    return out


def _open_two_paths(
    n: int, src: np.ndarray, dst: np.ndarray, codes: np.ndarray
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The open two-paths ``i -> v -> j`` between grouped nodes, as arrays (v, i, j) by chunk."""
    grouped = (codes[src] >= 0) & (codes[dst] >= 0)
    src, dst = src[grouped], dst[grouped]
    if n == 0 or len(src) == 0:
        return
    ones = np.ones(len(src), dtype=np.int8)
    A = sp.csr_array((ones, (src, dst)), shape=(n, n))
    A.sum_duplicates()
    AT = A.T.tocsr()  # rows: in-neighbours
    edge_codes = np.sort(src * n + dst)
    in_deg = np.diff(AT.indptr)
    out_deg = np.diff(A.indptr)
    paths = in_deg * out_deg
    brokers = np.flatnonzero(paths)
    if len(brokers) == 0:
        return
    # Chunks of brokers with at most _PATHS_PER_CHUNK two-paths each (one broker may exceed it).
    cum = np.cumsum(paths[brokers])
    bounds = np.searchsorted(cum, np.arange(_PATHS_PER_CHUNK, cum[-1], _PATHS_PER_CHUNK))
    for chunk in np.split(brokers, np.unique(bounds + 1)):
        if len(chunk) == 0:
            continue
        p = paths[chunk]
        v = np.repeat(chunk, p)
        start = np.repeat(np.cumsum(p) - p, p)
        q = np.arange(len(v)) - start
        b = out_deg[v]
        i = AT.indices[AT.indptr[v] + q // b]
        j = A.indices[A.indptr[v] + q % b]
        keep = i != j
        closed = np.zeros(len(i), dtype=bool)
        pos = np.searchsorted(edge_codes, i * n + j)
        inside = pos < len(edge_codes)
        closed[inside] = edge_codes[pos[inside]] == (i * n + j)[inside]
        keep &= ~closed
        yield v[keep], i[keep], j[keep]


def structural_holes(
    G: nx.MultiDiGraph,
    *,
    relations: str | Iterable[str] | None = None,
    weight: str | None = None,
) -> pd.DataFrame:
    r"""Burt's effective size, efficiency and constraint of every node.

    A node whose contacts do not know each other spans *structural holes*:
    it hears different things from each and can bring them together. Ties
    are taken regardless of direction (parallel edges collapsed; with
    ``weight``, the strongest).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    relations : str or list of str, optional
        Only use ties of these relations; all by default.
    weight : str, optional
        A numeric edge attribute with tie strengths, e.g. ``"trust"``.

    Returns
    -------
    pandas.DataFrame
        Indexed by node id (``id``), columns ``kind``, ``name``,
        ``neighbourhood``, ``degree`` (number of contacts), ``effective_size``,
        ``efficiency`` (effective size / degree) and ``constraint``. Nodes
        without ties get missing values (NaN) for the last three, as in
        networkx. An empty map gives an empty frame with these columns.
        ``name`` is missing (``pd.NA``) for residents, who are identified by
        their id (docs/conventions.md, "Names in tables").

    Raises
    ------
    ValueError
        If a relation is unknown or a weight is not a positive number.

    See Also
    --------
    brokerage : brokerage roles between groups.

    Notes
    -----
    With :math:`w_{ij}` the tie strength (1 when unweighted),
    :math:`p_{ij} = w_{ij} / \sum_k w_{ik}` the share of :math:`i`'s ties
    that go to :math:`j` and :math:`m_{jq} = w_{jq} / \max_k w_{jk}`:

    .. math::

      c_i = \sum_{j \in N(i)} \Bigl(p_{ij} + \sum_{q \ne i, j} p_{iq} p_{qj}\Bigr)^2,
      \qquad
      E_i = \sum_{j \in N(i)} \Bigl(1 - \sum_{q \ne i, j} p_{iq} m_{jq}\Bigr).

    Without weights :math:`E_i = n_i - 2 t_i / n_i`, with :math:`n_i`
    contacts and :math:`t_i` ties among them (Borgatti 1997). These are
    networkx's ``constraint`` and ``effective_size``. The indirect terms
    (:math:`q` tied to both :math:`i` and :math:`j`) are sums over the
    triangles of the ties, so they are gathered in one numpy pass over the
    triangles, listed with each tie pointing to its end of higher degree
    (Chiba and Nishizeki 1985): the work grows with the pairs of such ties,
    not with all two-paths.

    igraph's ``Graph.constraint`` gives the same constraint on the same
    ties (the test suite compares them). On a map's own edges it would not:
    it adds up parallel edges (several relations between two nodes) and
    counts a tie recorded both ways twice, where this function keeps one
    tie per pair, the strongest.

    References
    ----------
    - Burt, R. S. (1992). *Structural Holes: The Social Structure of
      Competition*. Harvard University Press.
      https://doi.org/10.4159/9780674029095
    - Borgatti, S. P. (1997). Structural holes: unpacking Burt's
      redundancy measures. *Connections*, 20(1), 35-38.
    - Chiba, N., & Nishizeki, T. (1985). Arboricity and subgraph listing
      algorithms. *SIAM Journal on Computing*, 14(1), 210-223.
      https://doi.org/10.1137/0214017

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> holes = sk.structural_holes(G, relations=["knows", "knows_of"])
    >>> holes.loc[["p_opbouw", "r_spil"], ["degree", "constraint"]].round(3)
              degree  constraint
    id
    p_opbouw      53       0.032
    r_spil        23       0.049
    """
    require_map(G)
    check_edge_attribute(G, weight, parameter="weight")
    view = tie_view(G, relations=relations, weight=weight, directed=False)
    frame = node_frame(G, view.nodes)
    degree, esize, efficiency, constraint = _burt(view.n, view.src, view.dst, view.weight)
    frame["degree"] = degree
    frame["effective_size"] = esize
    frame["efficiency"] = efficiency
    frame["constraint"] = constraint
    frame.attrs = {
        "relations": None if relations is None else sorted(_as_list(relations)),
        "weight": weight,
    }
    return frame


def _triangles(n: int, src: np.ndarray, dst: np.ndarray) -> Iterator[tuple[np.ndarray, ...]]:
    """The triangles of the undirected ties ``src < dst`` (sorted by pair, no repeats), in chunks.

    Yields arrays ``(x, y, z, a, b, c)``: the three nodes of each triangle and
    the positions of its ties ``a = {x, y}``, ``b = {x, z}`` and ``c = {y, z}``,
    once per triangle. Each tie points from its end of lower degree to its
    end of higher degree (equal degrees: by position), so a node has at most
    ``sqrt(2m)`` ties out, and the work is the number of pairs of ties out of
    one node (Chiba and Nishizeki 1985), not the number of two-paths. The
    pairs are made in chunks of about ``_PAIRS_PER_CHUNK``.
    """
    m = len(src)
    if m == 0:
        return
    degree = np.bincount(src, minlength=n) + np.bincount(dst, minlength=n)
    up = (degree[src] < degree[dst]) | ((degree[src] == degree[dst]) & (src < dst))
    low = np.where(up, src, dst)
    high = np.where(up, dst, src)
    order = np.argsort(low * n + high)  # out-ties of each node together, by their other end
    low, high = low[order], high[order]
    starts = np.searchsorted(low, np.arange(n + 1))
    later = starts[low + 1] - np.arange(m) - 1  # out-ties of the same node after this one
    codes = src * n + dst  # sorted: the view keeps each pair once, in order
    cum = np.cumsum(later)
    total = int(cum[-1])
    if total == 0:
        return
    bounds = np.searchsorted(cum, np.arange(_PAIRS_PER_CHUNK, total, _PAIRS_PER_CHUNK))
    for chunk in np.split(np.arange(m), np.unique(bounds + 1)):
        counts = later[chunk]
        first = np.repeat(chunk, counts)
        if len(first) == 0:
            continue
        offset = np.arange(len(first)) - np.repeat(np.cumsum(counts) - counts, counts)
        second = first + 1 + offset
        pair = high[first] * n + high[second]  # high[first] < high[second]: sorted above
        pos = np.minimum(np.searchsorted(codes, pair), m - 1)
        closed = codes[pos] == pair
        first, second = first[closed], second[closed]
        yield low[first], high[first], high[second], order[first], order[second], pos[closed]


def _burt(
    n: int, src: np.ndarray, dst: np.ndarray, weight: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Degree, effective size, efficiency and constraint from the undirected ties.

    ``src < dst``, each pair once, sorted by pair (a :class:`TieView`). Every
    tie gives two directed slots: ``e`` for ``src -> dst``, ``m + e`` for
    ``dst -> src``. The indirect terms are sums over triangles only, so they
    are gathered triangle by triangle (six orders of its three nodes each).
    """
    m = len(src)
    w = np.ones(m) if weight is None else np.asarray(weight, dtype=float)
    tail = np.concatenate([src, dst])  # slot -> i
    w2 = np.concatenate([w, w])
    degree = np.bincount(tail, minlength=n).astype(np.int64)
    strength = np.bincount(tail, weights=w2, minlength=n)
    rowmax = np.zeros(n)
    if weight is None:
        rowmax[degree > 0] = 1.0
    else:
        np.maximum.at(rowmax, tail, w2)
    with np.errstate(divide="ignore", invalid="ignore"):
        inv_strength = np.where(strength > 0, 1.0 / strength, 0.0)
        inv_max = np.where(rowmax > 0, 1.0 / rowmax, 0.0)
    p = w2 * inv_strength[tail]  # p_ij of each slot
    indirect = np.zeros(2 * m)
    redundancy = np.zeros(n)
    for x, y, z, a, b, c in _triangles(n, src, dst):
        wxy, wxz, wyz = w[a], w[b], w[c]
        sx, sy, sz = inv_strength[x], inv_strength[y], inv_strength[z]
        mx, my, mz = inv_max[x], inv_max[y], inv_max[z]
        # indirect[i -> j] += p_iq p_qj, q the third node; slot e is src -> dst, m + e back
        xy, xz, yz = m * (x > y), m * (x > z), m * (y > z)
        slots = np.concatenate([a + xy, a + m - xy, b + xz, b + m - xz, c + yz, c + m - yz])
        terms = np.concatenate(
            [
                wxz * sx * wyz * sz,  # x -> z -> y
                wyz * sy * wxz * sz,  # y -> z -> x
                wxy * sx * wyz * sy,  # x -> y -> z
                wyz * sz * wxy * sy,  # z -> y -> x
                wxy * sy * wxz * sx,  # y -> x -> z
                wxz * sz * wxy * sx,  # z -> x -> y
            ]
        )
        indirect += np.bincount(slots, weights=terms, minlength=2 * m)
        # redundancy[i] += p_iq m_jq over the orders (j, q) of the other two
        nodes = np.concatenate([x, y, z])
        terms = np.concatenate(
            [
                sx * (wxz * wyz * my + wxy * wyz * mz),
                sy * (wyz * wxz * mx + wxy * wxz * mz),
                sz * (wyz * wxy * mx + wxz * wxy * my),
            ]
        )
        redundancy += np.bincount(nodes, weights=terms, minlength=n)
    local = p + indirect
    constraint = np.bincount(tail, weights=local * local, minlength=n)
    isolated = degree == 0
    esize = np.where(isolated, np.nan, degree - redundancy)
    with np.errstate(divide="ignore", invalid="ignore"):
        efficiency = np.where(isolated, np.nan, esize / np.maximum(degree, 1))
    return degree, esize, efficiency, np.where(isolated, np.nan, constraint)
