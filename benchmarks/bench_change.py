"""Benchmark of change over time: ``snapshot`` and ``diff`` against the plain-networkx way.

``run(G, n_residents)`` is called by ``benchmarks/run.py`` with
``sk.datasets.synthetic(n, seed=1)``. Run it alone with
``python benchmarks/bench_change.py 10000``.

The second map is the first with 5% of its ties changed: a third of them
removed, a third given another trust, and a third ended (``until``) so that a
snapshot drops them. The plain-networkx way is what an analyst would write
without the library: set differences on the two edge lists (with their
attributes), plus both runs of the gap detection (``sk.find_gaps``; networkx
has none). ``sk.diff`` does more: it also compares records, per-node
measures, network scores and coverage, and explains each row.

The snapshot baseline is ``G.edge_subgraph`` of the current ties followed by
``.copy()``, which keeps nodes only through their ties.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from typing import Any

import networkx as nx

import sociale_kaart as sk

TODAY = dt.date(2026, 11, 21)
DAY = dt.date(2025, 1, 1)
SHARE = 0.05


def _changed(G: nx.MultiDiGraph, *, seed: int = 1) -> nx.MultiDiGraph:
    """A copy of ``G`` with 5% of its explicit ties changed."""
    rng = random.Random(seed)
    H = G.copy()
    edges = [(u, v, k) for u, v, k, d in H.edges(keys=True, data=True) if not d.get("implied")]
    chosen = rng.sample(edges, int(len(edges) * SHARE))
    third = len(chosen) // 3
    for u, v, k in chosen[:third]:
        H.remove_edge(u, v, key=k)
    for u, v, k in chosen[third : 2 * third]:
        attrs = H.edges[u, v, k]
        attrs["trust"] = 1 + (attrs.get("trust") or 1) % 4
    for u, v, k in chosen[2 * third :]:
        H.edges[u, v, k]["until"] = DAY
    return H


def _plain_diff(A: nx.MultiDiGraph, B: nx.MultiDiGraph) -> int:
    ea = {(u, v, k): d for u, v, k, d in A.edges(keys=True, data=True)}
    eb = {(u, v, k): d for u, v, k, d in B.edges(keys=True, data=True)}
    added = eb.keys() - ea.keys()
    removed = ea.keys() - eb.keys()
    changed = [e for e in ea.keys() & eb.keys() if ea[e] != eb[e]]
    gaps_a = sk.find_gaps(A, today=TODAY)
    gaps_b = sk.find_gaps(B, today=TODAY)
    keys_a = set(zip(gaps_a["gap_type"], gaps_a["nodes"].map(tuple), strict=True))
    keys_b = set(zip(gaps_b["gap_type"], gaps_b["nodes"].map(tuple), strict=True))
    return len(added) + len(removed) + len(changed) + len(keys_a ^ keys_b)


def _plain_snapshot(G: nx.MultiDiGraph, day: dt.date) -> nx.MultiDiGraph:
    current = [
        (u, v, k)
        for u, v, k, d in G.edges(keys=True, data=True)
        if (d.get("since") is None or d["since"] <= day)
        and (d.get("until") is None or day < d["until"])
    ]
    return G.edge_subgraph(current).copy()


def run(G: nx.MultiDiGraph, n_residents: int) -> list[dict[str, Any]]:
    from run import timed

    B = _changed(G)
    rows = []
    t_snap, snap = timed(lambda: sk.snapshot(B, on=DAY), repeat=2)
    t_plain_snap, _ = timed(lambda: _plain_snapshot(B, DAY), repeat=2)
    rows.append(
        {
            "operation": "snapshot (one day of a dated map)",
            "sociale_kaart_s": t_snap,
            "networkx_s": t_plain_snap,
            "note": f"{snap.number_of_nodes():,} nodes, {snap.number_of_edges():,} ties kept; "
            "networkx: edge_subgraph(...).copy(), no node dates",
        }
    )
    # Each way starts cold: neither profits from the compiled index of the other.
    sk.clear_cache()
    t_diff, d = timed(lambda: sk.diff(G, B, today=TODAY))
    # Best of 2, as timeit advises for a noisy machine: the two processes share its two
    # cores, and their speed together varied by a fifth from run to run (each starts cold).
    t_two, _ = timed(lambda: sk.diff(G, B, today=TODAY, workers=2), repeat=2, setup=sk.clear_cache)
    sk.clear_cache()
    t_plain, _ = timed(lambda: _plain_diff(G, B))
    rows.append(
        {
            "operation": "diff (two maps, 5% of ties changed)",
            "sociale_kaart_s": t_diff,
            "networkx_s": t_plain,
            "note": f"{len(d.ties):,} tie rows; networkx: edge-list set differences plus both "
            "gap runs (no records, measures, scores, coverage or explanations)",
        }
    )
    rows.append(
        {
            "operation": "diff (two maps, 5% of ties changed), workers=2, best of 2",
            "sociale_kaart_s": t_two,
            "networkx_s": t_plain,
            "note": "the second map's analyses and the record and measure comparison in a forked "
            "process; networkx: the same plain way as the row above",
        }
    )
    return rows


if __name__ == "__main__":
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    for row in run(sk.datasets.synthetic(n, seed=1), n):
        print(row)
