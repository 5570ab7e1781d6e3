"""Referral search and matching against plain networkx approaches.

- ``suggest_referrals``: median (and p95) of 50 residents with needs, after the
  one-off adjacency build (timed separately). Beside it, in the same run:
  ``nx.single_source_dijkstra`` with a cutoff over the undirected view of the
  map (cost ``1 / trust``, cutoff 1.5: three steps through ties of trust 2),
  which only finds distances, and a naive ``nx.all_simple_paths``
  enumeration to every offer of the resident's themes (a few queries only,
  each stopped after a time budget).
- ``match_residents``: the whole map, beside a naive ``nx.max_weight_matching`` on
  all pairs of one theme in one neighbourhood, scaled up by the number of such
  groups (a lower estimate: the naive approach does not even pair across
  neighbourhoods).
"""

from __future__ import annotations

import itertools
import random
import statistics
import time
from typing import Any

import networkx as nx
from run import timed

import sociale_kaart as sk
from sociale_kaart.index.moves import build_index, moves_index
from sociale_kaart.referral.matching import PAIRABLE_THEMES, _pair_matrix, _Residents

QUERIES = 50
NX_QUERIES = 10
NX_CUTOFF = 1.5
NAIVE_QUERIES = 3
NAIVE_BUDGET_S = 5.0


def _weight(u: Any, v: Any, data: dict[Any, dict[str, Any]]) -> float:
    return min(1.0 / (d.get("trust") or 2) for d in data.values())


def _naive_paths(U: nx.MultiGraph, G: nx.MultiDiGraph, r: str) -> float:
    """Enumerate all simple paths (<= 4 steps) to offers of the resident's needs."""
    needs = set(G.nodes[r]["needs"])
    offers = {
        n
        for n, a in G.nodes(data=True)
        if a["kind"] in ("initiative", "organisation") and needs & set(a["themes"] or ())
    }
    start = time.perf_counter()
    best: dict[str, float] = {}
    for path in nx.all_simple_paths(U, r, offers, cutoff=4):
        cost = sum(
            1.0 / (U[a][b][next(iter(U[a][b]))].get("trust") or 2)
            for a, b in itertools.pairwise(path)
        )
        if cost < best.get(path[-1], float("inf")):
            best[path[-1]] = cost
        if time.perf_counter() - start > NAIVE_BUDGET_S:
            break
    return time.perf_counter() - start


def run(G: nx.MultiDiGraph, n_residents: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    build_s, _ = timed(lambda: build_index(G))
    moves_index(G)
    rows.append(
        {
            "operation": "referral index (one-off adjacency build)",
            "sociale_kaart_s": build_s,
            "networkx_s": None,
            "note": "cached per graph; rebuilt only after nodes or edges change",
        }
    )
    residents = sorted(n for n, a in G.nodes(data=True) if a["kind"] == "resident" and a["needs"])
    sample = random.Random(1).sample(residents, min(QUERIES, len(residents)))
    ours = []
    for r in sample:
        start = time.perf_counter()
        sk.suggest_referrals(G, r)
        ours.append(time.perf_counter() - start)
    U = G.to_undirected(as_view=True)
    theirs = []
    for r in sample[:NX_QUERIES]:
        start = time.perf_counter()
        nx.single_source_dijkstra(U, r, cutoff=NX_CUTOFF, weight=_weight)
        theirs.append(time.perf_counter() - start)
    p95 = sorted(ours)[max(0, int(0.95 * len(ours)) - 1)]
    p95_nx = sorted(theirs)[max(0, int(0.95 * len(theirs)) - 1)]
    rows.append(
        {
            "operation": f"suggest_referrals, median of {len(sample)} residents",
            "sociale_kaart_s": statistics.median(ours),
            "networkx_s": statistics.median(theirs),
            "note": (
                f"p95 {p95 * 1000:.1f} ms; networkx: median of {len(theirs)} "
                f"single_source_dijkstra (cost 1/trust, cutoff {NX_CUTOFF}, p95 "
                f"{p95_nx * 1000:.1f} ms), distances only: no eligibility, no ranking"
            ),
        }
    )
    naive = [_naive_paths(U, G, r) for r in sample[:NAIVE_QUERIES]]
    capped = sum(t >= NAIVE_BUDGET_S for t in naive)
    rows.append(
        {
            "operation": "referral paths, naive all_simple_paths (cutoff 4)",
            "sociale_kaart_s": statistics.median(ours),
            "networkx_s": statistics.median(naive),
            "note": (
                f"median of {len(naive)} queries; {capped} stopped at the {NAIVE_BUDGET_S:.0f} s "
                "budget (a lower bound)"
            ),
        }
    )

    match_s, pairs = timed(lambda: sk.match_residents(G))
    R = _Residents(G)
    groups: dict[tuple[str, str | None], list[int]] = {}
    for i in range(len(R.ids)):
        for t in set(R.needs[i]) | set(R.offers[i]):
            groups.setdefault((t, R.nb[i]), []).append(i)
    key = next(k for k in sorted(groups, key=str) if k[0] in PAIRABLE_THEMES)
    block = groups[key]
    start = time.perf_counter()
    score, valid, _ = _pair_matrix(R, block, key[0])
    H = nx.Graph()
    for a in range(len(block)):
        for b in range(a + 1, len(block)):
            if valid[a, b]:
                H.add_edge(a, b, weight=round(float(score[a, b]) * 1_000_000))
    nx.max_weight_matching(H)
    one = time.perf_counter() - start
    rows.append(
        {
            "operation": "match_residents (all themes)",
            "sociale_kaart_s": match_s,
            "networkx_s": one * len(groups),
            "note": (
                f"{len(pairs):,} pairs; networkx: max_weight_matching on all pairs of one "
                f"theme-neighbourhood group ({len(block)} residents, {one:.2f} s) "
                f"times {len(groups)} groups"
            ),
        }
    )
    return rows
