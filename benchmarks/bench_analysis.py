"""Benchmarks of the network analysis (issue 4) beside plain networkx, in the same run.

``run(G, n_residents)`` is called by ``benchmarks/run.py`` for synthetic maps of
1,000, 10,000 and 100,000 residents. Run this file directly to time one size::

    python benchmarks/bench_analysis.py 100000

Where plain networkx would take minutes, a documented fraction of its work is
timed and scaled up; the ``note`` says so.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

import networkx as nx
import numpy as np

import sociale_kaart as sk
from sociale_kaart.analysis.centrality import ADAPTIVE_LIMIT, DEFAULT_SAMPLES, EXACT_LIMIT
from sociale_kaart.index.ties import import_igraph, tie_view

Row = dict[str, Any]


def _time(func: Callable[[], Any]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def _simple(G: nx.MultiDiGraph) -> nx.Graph:
    H = nx.Graph()
    H.add_nodes_from(G)
    H.add_edges_from(G.edges())
    return H


def _centrality_networkx(G: nx.MultiDiGraph) -> tuple[float, str]:
    """All five measures in networkx, with the same pivots rule as sociale_kaart."""
    start = time.perf_counter()
    H = _simple(G)
    n = len(H)
    nx.degree_centrality(H)
    nx.eigenvector_centrality(H, max_iter=1000, tol=1e-10)
    nx.pagerank(H, tol=1e-10)
    fixed = time.perf_counter() - start
    k = None if n <= EXACT_LIMIT else DEFAULT_SAMPLES
    timed = k if k is None or n < 50_000 else 8  # a fraction of the pivots at city scale
    pivots = list(H)[:: max(1, n // (timed or n))][: timed or n]
    start = time.perf_counter()
    nx.betweenness_centrality_subset(H, pivots, list(H))
    nx.harmonic_centrality(H, sources=pivots)
    paths = time.perf_counter() - start
    if k is None:
        return fixed + paths, "exact betweenness and harmonic closeness"
    scale = k / len(pivots)
    note = f"betweenness and closeness from {k} pivots"
    if n <= ADAPTIVE_LIMIT:
        note = (
            "sociale_kaart: betweenness by KADABRA, closeness with an exact top 100; "
            f"networkx: both from {k} pivots"
        )
    if scale != 1:
        note += f"; networkx timed on {len(pivots)} pivots and scaled x{scale:g}"
    return fixed + paths * scale, note


def centrality_accuracy_rows(G: nx.MultiDiGraph) -> list[Row]:
    """Sampled betweenness and closeness against exact values: top-100 overlap and error.

    The default (adaptive) estimate beside the old default, 128 pivots for both
    measures (``samples=DEFAULT_SAMPLES``), in the same run: process time per
    measure, mean of seeds 0-4 after a first call. The reference is the exact
    computation (igraph, ``samples=len(G)``); only maps between ``EXACT_LIMIT``
    and ``ADAPTIVE_LIMIT`` nodes, where the default samples adaptively.
    """
    if not EXACT_LIMIT < len(G) <= ADAPTIVE_LIMIT:
        return []
    measures = ("betweenness", "closeness")
    sk.centrality(G, measures=list(measures))  # the conversion and imports, timed elsewhere
    start = time.process_time()
    exact = sk.centrality(G, measures=list(measures), samples=len(G))
    exact_s = time.process_time() - start
    tops = {m: set(exact[m].nlargest(100).index) for m in measures}
    result: dict[str, dict[str, Any]] = {}
    for label, options in (("default", {}), ("pivots", {"samples": DEFAULT_SAMPLES})):
        times = {m: [] for m in measures}
        found: dict[str, list[int]] = {m: [] for m in measures}
        worst, attrs = 0.0, {}
        for seed in range(5):
            for m in measures:
                start = time.process_time()
                est = sk.centrality(G, measures=m, seed=seed, **options)
                times[m].append(time.process_time() - start)
                found[m].append(len(tops[m] & set(est[m].nlargest(100).index)))
                attrs.update(est.attrs)
                if m == "betweenness":
                    worst = max(worst, float((est[m] - exact[m]).abs().max()))
        result[label] = {
            "s": {m: float(np.mean(t)) for m, t in times.items()},
            "found": {m: f"{min(v)}-{max(v)}" for m, v in found.items()},
            "worst": worst,
            "attrs": attrs,
        }
    new, old = result["default"], result["pivots"]
    a = new["attrs"]
    return [
        {
            "operation": (
                "centrality: top-100 accuracy against exact values (betweenness + closeness)"
            ),
            "sociale_kaart_s": sum(new["s"].values()),
            "networkx_s": None,
            "note": (
                "process time, mean of seeds 0-4 after a first call; betweenness (KADABRA, "
                f"stated bound {a['betweenness_error']:.4f} for every node, delta "
                f"{a['betweenness_delta']}, {a['betweenness_paths']:,} paths) "
                f"{new['s']['betweenness']:.2f} s, top-100 overlap {new['found']['betweenness']}"
                f" of 100, largest error {new['worst']:.4f}, betweenness_rse "
                f"{a['betweenness_rse']:.3f}, betweenness_top_certain "
                f"{a['betweenness_top_certain']}; closeness (exact top 100 + "
                f"{a['samples']} pivots) {new['s']['closeness']:.2f} s, overlap "
                f"{new['found']['closeness']}, closeness_rse {a['closeness_rse']:.3f}. "
                f"Old default ({DEFAULT_SAMPLES} pivots) in the same run: "
                f"{sum(old['s'].values()):.2f} s (betweenness {old['s']['betweenness']:.2f} s, "
                f"closeness {old['s']['closeness']:.2f} s), overlap "
                f"{old['found']['betweenness']} and {old['found']['closeness']}. "
                f"Exact (igraph, samples=len(G)): {exact_s:.2f} s"
            ),
        }
    ]


def _brokerage_networkx(G: nx.MultiDiGraph, fraction: float) -> float:
    """A plain triple loop over two-paths, on a fraction of the brokers, scaled up."""
    start = time.perf_counter()
    D = nx.DiGraph()
    D.add_nodes_from(G)
    for u, v, key in G.edges(keys=True):
        D.add_edge(u, v)
        if key in ("knows", "partners", "meets"):
            D.add_edge(v, u)
    group = dict(G.nodes(data="organisation"))
    build = time.perf_counter() - start
    nodes = list(D)
    chosen = nodes[:: max(1, round(1 / fraction))]
    all_paths = sum(D.in_degree(v) * D.out_degree(v) for v in nodes) or 1
    some_paths = sum(D.in_degree(v) * D.out_degree(v) for v in chosen) or 1
    start = time.perf_counter()
    for v in chosen:
        gv = group[v]
        if gv is None:
            continue
        for i in D.predecessors(v):
            gi = group[i]
            for j in D.successors(v):
                if i == j or gi is None or D.has_edge(i, j):
                    continue
                gj = group[j]
                _ = (gi == gv, gv == gj, gi == gj, gj is None)
    loop = time.perf_counter() - start
    return build + loop * all_paths / some_paths


def _holes_networkx(G: nx.MultiDiGraph, fraction: float) -> float:
    """networkx's constraint on a fraction of the nodes, scaled up.

    networkx's effective_size is left out: for a list of nodes it copies the
    whole graph once per node, and for all nodes it builds a dense n x n matrix.
    """
    H = _simple(G)
    nodes = list(H)[:: max(1, round(1 / fraction))]
    start = time.perf_counter()
    nx.constraint(H, nodes=nodes)
    return (time.perf_counter() - start) * len(H) / len(nodes)


def holes_rows(G: nx.MultiDiGraph, fraction: float, scaled: str, repeats: int = 3) -> list[Row]:
    """structural_holes beside networkx, and beside igraph's constraint (issue 16, item 6).

    igraph's ``Graph.constraint`` is timed on an igraph graph of the same ties
    (undirected, parallel edges collapsed: there the definitions agree), made
    beforehand; the time to make it is in the note. Both are the best of
    ``repeats`` calls, with the map's ties already indexed.
    """
    first = _time(lambda: sk.structural_holes(G))
    ours = min(_time(lambda: sk.structural_holes(G)) for _ in range(repeats))
    ig = import_igraph()
    view = tie_view(G)
    start = time.perf_counter()
    graph = ig.Graph(n=view.n, edges=list(zip(view.src.tolist(), view.dst.tolist(), strict=True)))
    convert = time.perf_counter() - start
    theirs = min(_time(graph.constraint) for _ in range(repeats))
    return [
        {
            "operation": "structural_holes (constraint, effective size)",
            "sociale_kaart_s": first,
            "networkx_s": _holes_networkx(G, fraction),
            "note": "networkx constraint only" + scaled,
        },
        {
            "operation": "structural_holes beside igraph Graph.constraint",
            "sociale_kaart_s": ours,
            "networkx_s": None,
            "note": (
                f"igraph constraint only: {theirs:.2f} s on the same ties (+{convert:.2f} s to "
                f"make its graph); both best of {repeats}, ties already indexed"
            ),
        },
    ]


def run(G: nx.MultiDiGraph, n_residents: int) -> list[Row]:
    """Time each analysis on ``G`` and the same work in plain networkx."""
    rows: list[Row] = []
    big = n_residents >= 50_000
    fraction = 0.05 if big else 0.2 if n_residents >= 5_000 else 1.0
    scaled = (
        f"; networkx timed on {fraction:.0%} of the nodes and scaled up" if fraction < 1 else ""
    )

    sk.clear_cache(G)
    ours = _time(lambda: sk.centrality(G))
    theirs, note = _centrality_networkx(G)
    rows.append(
        {
            "operation": "centrality (5 measures, first call incl. conversion)",
            "sociale_kaart_s": ours,
            "networkx_s": theirs,
            "note": note,
        }
    )
    rows.extend(centrality_accuracy_rows(G))
    ours = _time(lambda: sk.communities(G))
    theirs = _time(lambda: nx.community.louvain_communities(_simple(G), seed=0))
    rows.append(
        {
            "operation": "communities (Leiden; networkx: Louvain)",
            "sociale_kaart_s": ours,
            "networkx_s": theirs,
            "note": "igraph Leiden vs networkx louvain_communities",
        }
    )
    ours = _time(lambda: sk.brokerage(G))
    rows.append(
        {
            "operation": "brokerage (Gould-Fernandez, by=organisation)",
            "sociale_kaart_s": ours,
            "networkx_s": _brokerage_networkx(G, fraction),
            "note": "networkx has no brokerage: a Python loop over two-paths" + scaled,
        }
    )
    rows.extend(holes_rows(G, fraction, scaled))
    ours = _time(lambda: sk.network_stats(G))

    def plain_stats() -> None:
        D = nx.DiGraph(G)
        H = nx.Graph(D)
        nx.density(H)
        nx.number_connected_components(H)
        nx.number_of_isolates(H)
        nx.overall_reciprocity(D)

    rows.append(
        {
            "operation": "network_stats (by neighbourhood)",
            "sociale_kaart_s": ours,
            "networkx_s": _time(plain_stats),
            "note": "networkx: whole map only (no per-group rows, no E-I index)",
        }
    )
    return rows


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [1_000, 10_000, 100_000]
    for n in sizes:
        start = time.perf_counter()
        G = sk.datasets.synthetic(n, seed=1)
        print(
            f"# {n} residents: {len(G)} nodes, {G.number_of_edges()} edges "
            f"(built in {time.perf_counter() - start:.1f} s)",
            flush=True,
        )
        for row in run(G, n):
            theirs = row["networkx_s"]
            print(
                f"{row['operation']:<55} {row['sociale_kaart_s']:8.2f} s  "
                f"{'-' if theirs is None else f'{theirs:8.2f} s'}  {row['note']}",
                flush=True,
            )


if __name__ == "__main__":
    np.seterr(all="ignore")
    main(sys.argv[1:])
