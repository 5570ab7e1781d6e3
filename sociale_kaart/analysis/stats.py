"""Network statistics for the whole map and per group (neighbourhood, organisation...)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse import csgraph

from sociale_kaart.analysis.frames import Partition, group_of
from sociale_kaart.core.checks import check_node_attribute, require_map
from sociale_kaart.core.records import KINDS, RELATIONS
from sociale_kaart.index.compiled import get_index
from sociale_kaart.index.ties import check_relations, tie_view
from sociale_kaart.privacy.suppression import suppress_small

__all__ = ["network_stats"]

TOTAL = "total"
_KIND_COLUMNS = {kind: f"{kind}s" for kind in KINDS}


def network_stats(
    G: nx.MultiDiGraph,
    *,
    by: Partition | None = "neighbourhood",
    relations: str | Iterable[str] | None = None,
    min_cell: int | None = None,
) -> pd.DataFrame:
    r"""Size, density, components, reciprocity and E-I index, for the map and per group.

    The row ``"total"`` describes the whole map; each other row describes
    the part of the map inside one group: its nodes and the ties among them.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    by : str or callable or None, default "neighbourhood"
        The groups: a node attribute name (``"neighbourhood"``,
        ``"organisation"``, ``"kind"``) or a callable ``f(node, attrs)``.
        Nodes without a group (professionals have ``neighbourhoods``, not a
        ``neighbourhood``) count only in the total. ``None`` gives the total
        row only.
    relations : str or list of str, optional
        Only count ties of these relations; all by default.
    min_cell : int, optional
        Suppress counts of residents below this threshold (at least 5) with
        :func:`~sociale_kaart.privacy.suppression.suppress_small`, for tables that
        leave the team; the ``residents`` column then becomes nullable and a
        ``suppressed`` column is added.

    Returns
    -------
    pandas.DataFrame
        Indexed by group (``group``; sorted, then ``"total"``). Columns:
        ``nodes``, ``residents``, ``professionals``, ``initiatives``,
        ``organisations``, ``places``; ``ties`` (edges) and one column per
        relation; ``density``, ``components``, ``isolates``,
        ``average_degree``, ``reciprocity`` and ``ei_index``. For an empty
        map, the total row has zero counts and missing ratios.

    Raises
    ------
    ValueError
        If a relation is unknown, ``min_cell`` is below 5, or no node has the
        attribute ``by`` names (the message suggests the closest one).
    TypeError
        If ``by`` is not a string, callable or None.

    See Also
    --------
    summary : counts of nodes and ties per neighbourhood.
    communities : groups found from the ties themselves.

    Notes
    -----
    Structure is measured on *pairs*: two nodes are tied if any edge (of
    the chosen relations) joins them, in either direction. With :math:`n`
    nodes and :math:`m` tied pairs:

    - density :math:`= 2m / (n(n-1))`; average degree :math:`= 2m/n`;
    - components are connected components (direction ignored); isolates
      are nodes without any tie;
    - reciprocity is the share of directed pairs :math:`u \to v` whose
      reverse :math:`v \to u` is also present (networkx's
      ``overall_reciprocity``); relations that only run one way, such as
      ``supports``, pull it down, so restrict ``relations`` to read it;
    - Krackhardt and Stern's (1988) E-I index
      :math:`(E - I)/(E + I)`, with :math:`E` the tied pairs that cross
      group lines and :math:`I` those inside a group: -1 when all ties stay
      inside, +1 when all cross. A group's row counts the pairs with at
      least one member in the group; the total row counts every pair whose
      two nodes have a group.

    References
    ----------
    - Krackhardt, D., & Stern, R. N. (1988). Informal networks and
      organizational crises: an experimental simulation. *Social Psychology
      Quarterly*, 51(2), 123-140. https://doi.org/10.2307/2786835
    - Wasserman, S., & Faust, K. (1994). *Social Network Analysis:
      Methods and Applications*. Cambridge University Press.
      https://doi.org/10.1017/CBO9780511815478

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> stats = sk.network_stats(G)
    >>> stats.loc["total", ["nodes", "ties", "components", "isolates"]].tolist()
    [294, 1261, 2, 1]
    >>> stats.loc[:, ["residents", "ei_index"]].round(2)
                   residents  ei_index
    group
    Havenkwartier         68     -0.21
    Molenbuurt            57     -0.17
    Oude Dorp             49     -0.09
    Parkzicht             55     -0.05
    total                229     -0.45
    """
    require_map(G)
    check_node_attribute(G, by, parameter="by")
    chosen = check_relations(relations)
    nodes = list(G)  # the order of G.nodes(data=True) below
    groups: list[Any] = [None] * len(nodes) if by is None else group_of(G, by, name="by")
    codes, labels = pd.factorize(pd.Series(groups, dtype=object), use_na_sentinel=True)
    codes = np.asarray(codes, dtype=np.int64)
    undirected = tie_view(G, relations=chosen, directed=False)
    directed = tie_view(G, relations=chosen, directed=True)
    kinds = np.array([attrs.get("kind") for _, attrs in G.nodes(data=True)], dtype=object)
    edge_rel, edge_src, edge_dst = _edge_arrays(G, chosen)

    rows: dict[Any, dict[str, Any]] = {}
    per_group = _describe_groups(
        len(labels), kinds, undirected, directed, edge_rel, edge_src, edge_dst, codes
    )
    for c in sorted(range(len(labels)), key=lambda c: str(labels[c])):
        rows[labels[c]] = per_group[c]
    everyone = np.ones(len(nodes), dtype=bool)
    rows[TOTAL] = _describe(
        everyone, kinds, undirected, directed, edge_rel, edge_src, edge_dst, codes, None
    )
    columns = [
        "nodes",
        *_KIND_COLUMNS.values(),
        "ties",
        *RELATIONS,
        "density",
        "components",
        "isolates",
        "average_degree",
        "reciprocity",
        "ei_index",
    ]
    frame = pd.DataFrame.from_dict(rows, orient="index")[columns]
    frame.index = pd.Index([str(i) if i != TOTAL else TOTAL for i in frame.index], name="group")
    for column in ["nodes", *_KIND_COLUMNS.values(), "ties", *RELATIONS, "components", "isolates"]:
        frame[column] = frame[column].astype(np.int64)
    if min_cell is not None:
        frame = suppress_small(frame, ["residents"], min_cell=min_cell)
    frame.attrs = {
        "by": by if isinstance(by, str) or by is None else repr(by),
        "relations": None if chosen is None else list(chosen),
    }
    return frame


def _edge_arrays(
    G: nx.MultiDiGraph, relations: tuple[str, ...] | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Relation, source and target position of every edge (of the chosen relations)."""
    table = get_index(G).edges()
    keep = table.relation_mask(None if relations is None else frozenset(relations))
    return table.relations[keep], table.src[keep], table.dst[keep]


def _describe_groups(
    n_groups: int,
    kinds: np.ndarray,
    undirected: Any,
    directed: Any,
    edge_rel: np.ndarray,
    edge_src: np.ndarray,
    edge_dst: np.ndarray,
    codes: np.ndarray,
) -> list[dict[str, Any]]:
    """:func:`_describe` for every group at once: one grouped pass over the ties (issue 16).

    Nodes without a group (code -1) belong to none. Equal to calling
    :func:`_describe` with each group's member mask (``tests/analysis/test_stats.py``).
    """
    grouped = codes >= 0

    def count(group_codes: np.ndarray) -> np.ndarray:
        return np.bincount(group_codes[group_codes >= 0], minlength=n_groups)

    sizes = count(codes)
    kind_counts = {column: count(codes[kinds == kind]) for kind, column in _KIND_COLUMNS.items()}
    # Ties (of the chosen relations) with both ends in the same group.
    cs, cd = codes[edge_src], codes[edge_dst]
    same = (cs == cd) & (cs >= 0)
    ties = count(cs[same])
    by_relation = {relation: count(cs[same & (edge_rel == relation)]) for relation in RELATIONS}
    # Undirected pairs: inside a group, and between two groups (for the E-I index).
    us, vs = undirected.src, undirected.dst
    gu, gv = codes[us], codes[vs]
    inside = (gu == gv) & (gu >= 0)
    pairs = count(gu[inside])
    between = (gu != gv) & (gu >= 0) & (gv >= 0)
    external = count(gu[between]) + count(gv[between])
    # Components and isolates of every group's own subgraph, in one pass: ties inside
    # groups never join two groups, so the components of their union are the groups'.
    n = len(codes)
    A = sp.csr_array((np.ones(int(inside.sum())), (us[inside], vs[inside])), shape=(n, n))
    _, component = csgraph.connected_components(A, directed=False)
    first = np.unique(component[grouped], return_index=True)[1]
    components = count(codes[grouped][first])
    degree = np.bincount(us[inside], minlength=n) + np.bincount(vs[inside], minlength=n)
    isolates = count(codes[degree == 0])
    # Arcs inside a group, for reciprocity.
    ds, dd = codes[directed.src], codes[directed.dst]
    arcs = count(ds[(ds == dd) & (ds >= 0)])
    out = []
    for c in range(n_groups):
        size, m, a = int(sizes[c]), int(pairs[c]), int(arcs[c])
        row: dict[str, Any] = {"nodes": size}
        for column, counts in kind_counts.items():
            row[column] = int(counts[c])
        row["ties"] = int(ties[c])
        for relation, counts in by_relation.items():
            row[relation] = int(counts[c])
        row["density"] = 2 * m / (size * (size - 1)) if size > 1 else float("nan")
        row["average_degree"] = 2 * m / size if size else float("nan")
        row["components"] = int(components[c])
        row["isolates"] = int(isolates[c])
        row["reciprocity"] = 2 * (a - m) / a if a else float("nan")
        total = int(external[c]) + m
        row["ei_index"] = (int(external[c]) - m) / total if total else float("nan")
        out.append(row)
    return out


def _describe(
    member: np.ndarray,
    kinds: np.ndarray,
    undirected: Any,
    directed: Any,
    edge_rel: np.ndarray,
    edge_src: np.ndarray,
    edge_dst: np.ndarray,
    codes: np.ndarray,
    code: int | None,
) -> dict[str, Any]:
    n = int(member.sum())
    row: dict[str, Any] = {"nodes": n}
    for kind, column in _KIND_COLUMNS.items():
        row[column] = int(((kinds == kind) & member).sum())
    inside = member[edge_src] & member[edge_dst]
    row["ties"] = int(inside.sum())
    for relation in RELATIONS:
        row[relation] = int((inside & (edge_rel == relation)).sum())
    # Pairs (undirected) inside the group.
    us, vs = undirected.src, undirected.dst
    pair_in = member[us] & member[vs]
    m = int(pair_in.sum())
    row["density"] = 2 * m / (n * (n - 1)) if n > 1 else float("nan")
    row["average_degree"] = 2 * m / n if n else float("nan")
    positions = np.flatnonzero(member)
    local = np.full(len(member), -1, dtype=np.int64)
    local[positions] = np.arange(n)
    if n:
        A = sp.csr_array((np.ones(m), (local[us[pair_in]], local[vs[pair_in]])), shape=(n, n))
        row["components"] = int(csgraph.connected_components(A, directed=False)[0])
        degree = np.bincount(local[us[pair_in]], minlength=n) + np.bincount(
            local[vs[pair_in]], minlength=n
        )
        row["isolates"] = int((degree == 0).sum())
    else:
        row["components"] = 0
        row["isolates"] = 0
    # Reciprocity over directed pairs inside the group.
    ds, dd = directed.src, directed.dst
    arc_in = member[ds] & member[dd]
    arcs = int(arc_in.sum())
    row["reciprocity"] = 2 * (arcs - m) / arcs if arcs else float("nan")
    # E-I index.
    gu, gv = codes[us], codes[vs]
    grouped = (gu >= 0) & (gv >= 0)
    if code is None:
        external = int((grouped & (gu != gv)).sum())
        internal = int((grouped & (gu == gv)).sum())
    else:
        touches = grouped & ((gu == code) | (gv == code))
        internal = int((touches & (gu == gv)).sum())
        external = int((touches & (gu != gv)).sum())
    total = external + internal
    row["ei_index"] = (external - internal) / total if total else float("nan")
    return row
